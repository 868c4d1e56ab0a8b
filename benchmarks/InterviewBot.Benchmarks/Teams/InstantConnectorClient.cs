using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Benchmarks.Teams;

/// <summary>
/// A Teams connector that accepts every activity at once, so the sweep's time is the bot's and its storage's, not
/// the network's.
/// </summary>
internal sealed class InstantConnectorClient : IConnectorClient
{
    private int _sent;
    private int _created;

    public int Sent => Volatile.Read(ref _sent);

    public int ConversationsCreated => Volatile.Read(ref _created);

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ResourceResponse("activity-" + Interlocked.Increment(ref _sent)));

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ResourceResponse("activity-" + Interlocked.Increment(ref _sent)));

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ResourceResponse(activityId));

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ConversationResourceResponse("a:created-" + Interlocked.Increment(ref _created), null, serviceUrl));
}
