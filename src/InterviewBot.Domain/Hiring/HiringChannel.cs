namespace InterviewBot.Domain.Hiring;

/// <summary>
/// The Teams channel where a loop's debrief is posted: its conversation id (<c>19:…@thread.tacv2</c>), where it
/// lives and who linked it. <see cref="ServiceUrl"/> is null when the channel was named through the REST API before
/// the bot had heard from that team; the tenant's Teams service is used then.
/// </summary>
public sealed record HiringChannel(
    string ChannelId,
    string? ChannelName,
    string? TeamId,
    string? TeamName,
    string? TeamAadGroupId,
    string? TenantId,
    string? ServiceUrl,
    string LinkedBy,
    DateTimeOffset LinkedAt);
