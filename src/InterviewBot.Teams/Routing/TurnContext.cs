using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Teams.Routing;

/// <summary>One inbound activity being handled, with the means to answer in its conversation.</summary>
public sealed class TurnContext
{
    public TurnContext(Activity activity, IServiceProvider services, IConnectorClient connector)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connector);
        Activity = activity;
        Services = services;
        Connector = connector;
    }

    /// <summary>The inbound activity.</summary>
    public Activity Activity { get; }

    /// <summary>The services of the HTTP request that carried the activity.</summary>
    public IServiceProvider Services { get; }

    public IConnectorClient Connector { get; }

    /// <summary>Posts <paramref name="activity"/> into this conversation; in a channel, as a reply in the same thread.</summary>
    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var (serviceUrl, conversationId) = Address(activity);

        // In a channel a plain post would start a new thread; Teams threads a post under the
        // activity it replies to, as the Bot Framework SDK does.
        if (Activity.IsChannelConversation && !string.IsNullOrEmpty(Activity.Id))
        {
            activity.ReplyToId ??= Activity.Id;
            return Connector.ReplyToActivityAsync(serviceUrl, conversationId, activity.ReplyToId, activity, cancellationToken);
        }

        return Connector.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken);
    }

    /// <summary>Posts a markdown message into this conversation.</summary>
    public Task<ResourceResponse> SendAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SendAsync(Activity.CreateMessage(text), cancellationToken);
    }

    /// <summary>Replaces an activity the bot posted earlier in this conversation.</summary>
    public Task<ResourceResponse> UpdateAsync(string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        var (serviceUrl, conversationId) = Address(activity);
        activity.Id = activityId;
        return Connector.UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken);
    }

    private (string ServiceUrl, string ConversationId) Address(Activity outbound)
    {
        var serviceUrl = Activity.ServiceUrl;
        var conversationId = Activity.Conversation?.Id;
        if (string.IsNullOrEmpty(serviceUrl) || string.IsNullOrEmpty(conversationId))
        {
            throw new InvalidOperationException("The inbound activity has no serviceUrl or conversation id to answer to.");
        }

        outbound.Type ??= ActivityTypes.Message;
        outbound.Conversation = Activity.Conversation;
        outbound.ServiceUrl = serviceUrl;
        outbound.ChannelId = Activity.ChannelId;
        outbound.From ??= Activity.Recipient;
        outbound.Recipient ??= Activity.From;
        outbound.Locale ??= Activity.Locale;
        return (serviceUrl, conversationId);
    }
}
