using System.Net;

namespace InterviewBot.Teams.Clients;

/// <summary>A connector call the channel refused or failed, with its HTTP status and the channel's error code.</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException()
    {
    }

    public ConnectorException(string message)
        : base(message)
    {
    }

    public ConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConnectorException(
        HttpStatusCode statusCode,
        string? errorCode,
        string message,
        TimeSpan? retryAfter = null,
        Exception? innerException = null,
        bool isOutcomeUnknown = false)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
        IsOutcomeUnknown = isOutcomeUnknown;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The channel's error code, such as "BotNotInConversationRoster", or one of <see cref="ConnectorErrorCodes"/>.</summary>
    public string? ErrorCode { get; }

    /// <summary>How long the channel asked the bot to wait, when it said so; a job should not run again sooner.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether trying again later may succeed (throttling or a fault on the channel's side).</summary>
    public bool IsTransient => StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)StatusCode >= 500;

    /// <summary>
    /// Whether the channel may have carried out the request although the call failed: a POST that timed out,
    /// lost its connection after being sent, or got a gateway error. Repeating it may post a second copy.
    /// </summary>
    public bool IsOutcomeUnknown { get; }
}
