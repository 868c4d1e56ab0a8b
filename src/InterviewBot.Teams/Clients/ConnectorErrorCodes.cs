namespace InterviewBot.Teams.Clients;

/// <summary>The <see cref="ConnectorException.ErrorCode"/> values callers act on: Teams' own and the connector's.</summary>
public static class ConnectorErrorCodes
{
    /// <summary>Teams: the bot is not (or no longer) a member of the conversation, e.g. the user removed or blocked the app.</summary>
    public const string BotNotInConversationRoster = "BotNotInConversationRoster";

    /// <summary>Teams: the user blocked the bot in this conversation.</summary>
    public const string ConversationBlockedByUser = "ConversationBlockedByUser";

    /// <summary>The connector refused to send the bot's token to a service URL nobody vouched for; no request was sent.</summary>
    public const string UntrustedServiceUrl = "UntrustedServiceUrl";

    /// <summary>No access token could be had for the call; no request was sent.</summary>
    public const string TokenUnavailable = "TokenUnavailable";

    /// <summary>An attempt got no answer in time.</summary>
    public const string Timeout = "Timeout";

    /// <summary>The service URL could not be reached.</summary>
    public const string Unreachable = "Unreachable";

    /// <summary>
    /// Whether Teams refused because the user removed or blocked the bot: every retry would be refused the same way
    /// until the user acts, so a caller should stop and let someone know.
    /// </summary>
    public static bool MeansUserUnreachable(string? errorCode) =>
        errorCode is BotNotInConversationRoster or ConversationBlockedByUser;
}
