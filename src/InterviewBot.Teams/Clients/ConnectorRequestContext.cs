namespace InterviewBot.Teams.Clients;

/// <summary>What a connector request is about, carried on the request for the handlers below the client.</summary>
/// <param name="Operation">The client method, for logs.</param>
/// <param name="ConversationId">The conversation thread it posts into; null when it creates one.</param>
/// <param name="TenantId">The tenant of that conversation, when known.</param>
internal sealed record ConnectorRequestContext(string Operation, string? ConversationId, string? TenantId)
{
    public static readonly HttpRequestOptionsKey<ConnectorRequestContext> Key = new("InterviewBot.Teams.ConnectorRequest");
}
