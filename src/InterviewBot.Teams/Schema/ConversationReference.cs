namespace InterviewBot.Teams.Schema;

/// <summary>Everything needed to post into a conversation later, without an inbound activity at hand.</summary>
public sealed record ConversationReference(
    string? ActivityId = null,
    ChannelAccount? User = null,
    ChannelAccount? Bot = null,
    ConversationAccount? Conversation = null,
    string? ChannelId = null,
    string? ServiceUrl = null,
    string? Locale = null)
{
    public string? ActivityId { get; set; } = ActivityId;

    public ChannelAccount? User { get; set; } = User;

    public ChannelAccount? Bot { get; set; } = Bot;

    public ConversationAccount? Conversation { get; set; } = Conversation;

    public string? ChannelId { get; set; } = ChannelId;

    public string? ServiceUrl { get; set; } = ServiceUrl;

    public string? Locale { get; set; } = Locale;
}
