using InterviewBot.Teams.Schema;

namespace InterviewBot.Teams.Clients;

/// <summary>The Bot Framework v3 REST operations the bot uses to post into conversations.</summary>
public interface IConnectorClient
{
    /// <summary>Posts a new activity to a conversation (<c>POST v3/conversations/{id}/activities</c>).</summary>
    Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>Posts an activity as a reply to another (<c>POST v3/conversations/{id}/activities/{replyToId}</c>); in a channel it lands in that thread.</summary>
    Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>Replaces an activity the bot sent earlier (<c>PUT v3/conversations/{id}/activities/{activityId}</c>).</summary>
    Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>Starts a 1:1 chat or a channel thread (<c>POST v3/conversations</c>).</summary>
    Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default);
}
