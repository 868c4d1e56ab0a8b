namespace InterviewBot.Domain.People;

/// <summary>
/// What the bot knows about a Teams user so it can write to them later: ids, tenant, where their tenant's
/// Teams service lives, the bot's own id there, their personal chat with the bot and their time zone.
/// </summary>
public sealed record KnownUser(
    string AadObjectId,
    string TeamsUserId,
    string Name,
    string TenantId,
    string ServiceUrl,
    string BotId,
    string? PersonalConversationId,
    string? TimeZone,
    DateTimeOffset LastSeen);
