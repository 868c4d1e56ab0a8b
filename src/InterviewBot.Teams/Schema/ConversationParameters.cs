namespace InterviewBot.Teams.Schema;

/// <summary>The body of <c>POST v3/conversations</c>: a 1:1 chat (one member, not a group) or a new channel thread.</summary>
public sealed record ConversationParameters(
    bool? IsGroup = null,
    ChannelAccount? Bot = null,
    List<ChannelAccount>? Members = null,
    string? TopicName = null,
    string? TenantId = null,
    Activity? Activity = null,
    object? ChannelData = null)
{
    public bool? IsGroup { get; set; } = IsGroup;

    public ChannelAccount? Bot { get; set; } = Bot;

    public List<ChannelAccount>? Members { get; set; } = Members;

    public string? TopicName { get; set; } = TopicName;

    public string? TenantId { get; set; } = TenantId;

    /// <summary>The first message of the conversation; Teams requires one to start a channel thread.</summary>
    public Activity? Activity { get; set; } = Activity;

    /// <summary>Channel-specific data, e.g. a <see cref="TeamsChannelData"/> naming the channel and tenant.</summary>
    public object? ChannelData { get; set; } = ChannelData;
}
