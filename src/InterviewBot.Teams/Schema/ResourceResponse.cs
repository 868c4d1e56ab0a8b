namespace InterviewBot.Teams.Schema;

/// <summary>The id the channel gave to an activity the bot sent.</summary>
public sealed record ResourceResponse(string? Id = null)
{
    public string? Id { get; set; } = Id;
}

/// <summary>The answer to creating a conversation: its id, the first activity's id and where to reach it.</summary>
public sealed record ConversationResourceResponse(string? Id = null, string? ActivityId = null, string? ServiceUrl = null)
{
    public string? Id { get; set; } = Id;

    public string? ActivityId { get; set; } = ActivityId;

    public string? ServiceUrl { get; set; } = ServiceUrl;
}
