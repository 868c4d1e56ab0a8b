using Microsoft.Extensions.Logging;

namespace InterviewBot.Teams;

/// <summary>The log messages of inbound authentication and the tenant allow-list; none carries a token.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Rejected a bot request: the {Rule} check failed ({Detail})")]
    public static partial void AuthenticationFailed(ILogger logger, Authentication.BotAuthenticationFailure rule, string detail);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "The OpenID metadata at {MetadataUrl} could not be read")]
    public static partial void MetadataUnavailable(ILogger logger, Exception exception, string metadataUrl);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Fetched the OpenID metadata at {MetadataUrl} again: a token named the unknown signing key {KeyId}")]
    public static partial void MetadataRefreshedForUnknownKey(ILogger logger, string metadataUrl, string? keyId);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Ignored {ActivityType} activity {ActivityId} from tenant {TenantId}, which is not in Bot:AllowedTenants")]
    public static partial void ForeignTenantIgnored(ILogger logger, string? activityType, string? activityId, string tenantId);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Debug, Message = "Authenticated a bot request ({TokenKind} token) from service URL {ServiceUrl}")]
    public static partial void RequestAuthenticated(ILogger logger, string tokenKind, string? serviceUrl);
}
