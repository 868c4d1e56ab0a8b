using Microsoft.Extensions.Logging;

namespace InterviewBot.Teams;

/// <summary>The log messages of the connector's tokens, retries and rate limits; none carries a token or message text.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Refused connector call {Operation}: the bot's token is only sent to trusted service URLs, and {ServiceUrl} is not one")]
    public static partial void UntrustedServiceUrlRefused(ILogger logger, string operation, string serviceUrl);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Retrying connector call {Operation} ({Attempt}) in {Delay} after {Outcome}")]
    public static partial void ConnectorRetrying(ILogger logger, string? operation, int attempt, TimeSpan delay, string outcome);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Debug, Message = "Holding a connector call for {Delay} to stay within the {Scope} rate limit of {Key}")]
    public static partial void RateLimitWait(ILogger logger, TimeSpan delay, string scope, string key);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Pausing conversation {ConversationId} for {Delay}: Teams answered 429")]
    public static partial void ConversationThrottled(ILogger logger, string conversationId, TimeSpan delay);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information, Message = "Fetched a bot token by {Method}; it expires at {ExpiresOn}")]
    public static partial void BotTokenFetched(ILogger logger, string method, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Error, Message = "No bot token could be had by {Method} (error {ErrorCode}, status {StatusCode})")]
    public static partial void BotTokenFailed(ILogger logger, Exception exception, string method, string? errorCode, int statusCode);
}
