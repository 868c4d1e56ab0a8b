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

    public ConnectorException(HttpStatusCode statusCode, string? errorCode, string message, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The channel's error code, such as "BotNotInConversationRoster" or "ConversationBlockedByUser".</summary>
    public string? ErrorCode { get; }

    /// <summary>How long the channel asked the bot to wait, when it said so (429 after the retries ran out).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether trying again later may succeed (throttling or a fault on the channel's side).</summary>
    public bool IsTransient => StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)StatusCode >= 500;
}
