using System.Net;

namespace InterviewBot.Teams.Clients;

/// <summary>Holds each attempt of a connector call until <see cref="ConnectorRateLimiter"/> gives it a turn.</summary>
/// <remarks>
/// It sits below the retry handler, so that a retried attempt counts against the limits as Teams counts
/// it, and above the attempt timeout, so that time spent queueing is not mistaken for a slow channel.
/// </remarks>
internal sealed class ConnectorRateLimitHandler(ConnectorRateLimiter limiter, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(ConnectorRequestContext.Key, out var context);
        Task<HttpResponseMessage> sending;
        using (await limiter.WaitForTurnAsync(context?.ConversationId, context?.TenantId, cancellationToken).ConfigureAwait(false))
        {
            // Starting the send before giving up the turn keeps a thread's calls on the wire in the
            // order they were counted; the next call only waits for the hand-off, not for the answer.
            sending = base.SendAsync(request, cancellationToken);

            // A channel that has already answered (a local one may answer at once) gets its 429
            // honoured before the next call is let go.
            if (sending.IsCompletedSuccessfully)
            {
                PauseIfThrottled(sending.Result, context);
            }
        }

        var response = await sending.ConfigureAwait(false);
        PauseIfThrottled(response, context);
        return response;
    }

    // The rest of the thread's queue would only collect 429s of its own until the wait is over.
    private void PauseIfThrottled(HttpResponseMessage response, ConnectorRequestContext? context)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests
            && context?.ConversationId is { } conversationId
            && ConnectorResilience.GetRetryAfter(response, time) is { } wait)
        {
            limiter.Pause(conversationId, wait);
        }
    }
}
