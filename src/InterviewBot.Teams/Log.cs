using Microsoft.Extensions.Logging;

namespace InterviewBot.Teams;

/// <summary>The log messages of the Teams protocol layer; none carries message text or card data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Rejected a bot request: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Rejected a bot request of {ContentLength} bytes; the limit is {Limit}")]
    public static partial void RequestTooLarge(ILogger logger, long? contentLength, long limit);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Rejected a bot request whose activity is unreadable: {Reason}")]
    public static partial void ActivityUnreadable(ILogger logger, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Received {ActivityType} activity {ActivityId} (invoke {InvokeName}) in conversation {ConversationId}")]
    public static partial void ActivityReceived(ILogger logger, string? activityType, string? activityId, string? invokeName, string? conversationId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "The handler for {ActivityType} activity {ActivityId} (invoke {InvokeName}) failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string? activityType, string? activityId, string? invokeName);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "No handler for invoke {InvokeName}; answering 501")]
    public static partial void InvokeNotHandled(ILogger logger, string? invokeName);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Bot requests are accepted without a token: MicrosoftAppId is empty and the environment is Development")]
    public static partial void UnauthenticatedModeEnabled(ILogger logger);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Debug, Message = "The bot request was cancelled by the caller")]
    public static partial void RequestCancelled(ILogger logger);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "Connector call {Operation} failed with status {StatusCode} ({ErrorCode})")]
    public static partial void ConnectorCallFailed(ILogger logger, string operation, int statusCode, string? errorCode);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Connector call {Operation} succeeded with status {StatusCode} but its body is unreadable")]
    public static partial void ConnectorResponseUnreadable(ILogger logger, string operation, int statusCode);
}
