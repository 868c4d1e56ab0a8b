using System.Collections.Concurrent;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Tests.Support;

/// <summary>
/// An <see cref="IConnectorClient"/> that records every call instead of talking to Teams, answers with fresh ids,
/// and fails on demand.
/// </summary>
internal sealed class RecordingConnectorClient : IConnectorClient
{
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentDictionary<string, Exception> _failures = new(StringComparer.Ordinal);
    private int _ids;

    public IReadOnlyList<ConnectorCall> Calls => [.. _calls];

    public IReadOnlyList<ConnectorCall> Sent => [.. _calls.Where(c => c.Kind is ConnectorCallKind.Send or ConnectorCallKind.Reply)];

    public IReadOnlyList<ConnectorCall> Created => [.. _calls.Where(c => c.Kind == ConnectorCallKind.CreateConversation)];

    /// <summary>Thrown by every send, reply and update while set, after the call is recorded.</summary>
    public Exception? SendFailure { get; set; }

    /// <summary>Thrown by every conversation creation while set, after the call is recorded.</summary>
    public Exception? CreateFailure { get; set; }

    /// <summary>While set, a conversation creation is recorded and then waits for this before Teams answers, as a slow Teams would.</summary>
    public Task? CreateGate { get; set; }

    /// <summary>Makes every send, reply and update into <paramref name="conversationId"/> throw, after the call is recorded.</summary>
    public void FailIn(string conversationId, Exception failure) => _failures[conversationId] = failure;

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        Answer(new ConnectorCall(ConnectorCallKind.Send, serviceUrl, conversationId, null, activity, null));

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default) =>
        Answer(new ConnectorCall(ConnectorCallKind.Reply, serviceUrl, conversationId, replyToId, activity, null));

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
        Answer(new ConnectorCall(ConnectorCallKind.Update, serviceUrl, conversationId, activityId, activity, null));

    /// <summary>
    /// Answers as Teams does: a new personal chat gets a fresh id; a new thread in a channel gets the channel's id
    /// with the thread's first message id after <c>;messageid=</c>, and that message id.
    /// </summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _calls.Enqueue(new ConnectorCall(ConnectorCallKind.CreateConversation, serviceUrl, null, null, null, parameters));
        if (CreateGate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }

        if (CreateFailure is { } failure)
        {
            throw failure;
        }

        if (parameters is { IsGroup: true, ChannelData: TeamsChannelData { Channel.Id: { } channelId } })
        {
            var messageId = (1_800_000_000_000L + NextId()).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new ConversationResourceResponse($"{channelId};messageid={messageId}", messageId, serviceUrl);
        }

        return new ConversationResourceResponse($"a:created-{NextId()}", null, serviceUrl);
    }

    private Task<ResourceResponse> Answer(ConnectorCall call)
    {
        _calls.Enqueue(call);
        var failure = SendFailure ?? (call.ConversationId is { } id ? _failures.GetValueOrDefault(id) : null);
        return failure is not null
            ? Task.FromException<ResourceResponse>(failure)
            : Task.FromResult(new ResourceResponse($"activity-{NextId()}"));
    }

    private int NextId() => Interlocked.Increment(ref _ids);
}

internal enum ConnectorCallKind
{
    Send,
    Reply,
    Update,
    CreateConversation,
}

internal sealed record ConnectorCall(
    ConnectorCallKind Kind,
    string ServiceUrl,
    string? ConversationId,
    string? ActivityId,
    Activity? Activity,
    ConversationParameters? Parameters);
