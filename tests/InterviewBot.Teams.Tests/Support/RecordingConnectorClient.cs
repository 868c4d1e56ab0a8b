using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Teams.Tests.Support;

/// <summary>A connector that records what the bot would have posted.</summary>
internal sealed class RecordingConnectorClient : IConnectorClient
{
    public List<ConnectorCall> Calls { get; } = [];

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        Calls.Add(new ConnectorCall(nameof(SendToConversationAsync), serviceUrl, conversationId, null, activity));
        return Task.FromResult(new ResourceResponse($"sent-{Calls.Count}"));
    }

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default)
    {
        Calls.Add(new ConnectorCall(nameof(ReplyToActivityAsync), serviceUrl, conversationId, replyToId, activity));
        return Task.FromResult(new ResourceResponse($"reply-{Calls.Count}"));
    }

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        Calls.Add(new ConnectorCall(nameof(UpdateActivityAsync), serviceUrl, conversationId, activityId, activity));
        return Task.FromResult(new ResourceResponse(activityId));
    }

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default)
    {
        Calls.Add(new ConnectorCall(nameof(CreateConversationAsync), serviceUrl, null, null, parameters.Activity));
        return Task.FromResult(new ConversationResourceResponse("a:new", "1", serviceUrl));
    }
}

internal sealed record ConnectorCall(string Operation, string ServiceUrl, string? ConversationId, string? ActivityId, Activity? Activity);
