using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace InterviewBot.Teams.Clients;

/// <summary>The retry and timeout policy for connector calls, following Teams' advice to back off with jitter.</summary>
/// <remarks>
/// <para>
/// Retried: 429, 412, 503, 502 and 504, and network failures; with exponential backoff and jitter, or
/// after Retry-After when the channel names a wait (up to <see cref="ConnectorOptions.MaxRetryDelay"/>;
/// a longer one ends the call with <see cref="ConnectorException.RetryAfter"/> set). Nothing else is:
/// a 403 such as BotNotInConversationRoster or a 400 would answer the same again, and a 500 may come
/// after the activity was stored.
/// </para>
/// <para>
/// A POST creates an activity, so it is only repeated when the first one cannot have been stored:
/// 429, 412 and 503 are answered before Teams stores anything, and a connection that failed to open
/// never carried the request. A POST whose attempt timed out or whose connection broke after sending
/// is not repeated, and the caller learns the outcome is unknown (<see cref="ConnectorException.IsOutcomeUnknown"/>).
/// The remaining risk is 502 and 504, which Teams asks clients to retry: a gateway can time out after
/// Teams stored the activity, and the Bot Framework has no idempotency key to let it drop the repeat.
/// The worst case is the same message shown twice, rarely; set
/// <see cref="ConnectorOptions.RetryPostOnGatewayError"/> to false to never take that risk.
/// A caller that repeats a failed call itself (a job retried later) takes the same risk whenever
/// <see cref="ConnectorException.IsOutcomeUnknown"/> is set.
/// </para>
/// <para>
/// There is no timeout around the whole call: waiting for the rate limiter is part of it and can
/// rightly take long under a burst. Callers bound a call with their cancellation token.
/// </para>
/// </remarks>
public static class ConnectorResilience
{
    /// <summary>The name of the outer resilience pipeline on the connector's HttpClient: retries.</summary>
    public const string PipelineName = "teams-connector";

    /// <summary>The name of the inner resilience pipeline, below the rate limiter: the timeout of one attempt.</summary>
    public const string AttemptPipelineName = "teams-connector-attempt";

    // Set on the request when an earlier attempt of a POST may have been carried out, so that the
    // final failure can say so even when the last attempt's own outcome is clear.
    internal static readonly HttpRequestOptionsKey<bool> EarlierAttemptMayHaveSucceeded = new("InterviewBot.Teams.EarlierAttemptMayHaveSucceeded");

    /// <summary>The wait a response asks for in its Retry-After header, as a delay or a date.</summary>
    public static TimeSpan? GetRetryAfter(HttpResponseMessage response, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - (timeProvider ?? TimeProvider.System).GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    internal static void AddRetry(ResiliencePipelineBuilder<HttpResponseMessage> builder, ConnectorOptions options, TimeProvider time, ILogger logger)
    {
        if (options.MaxRetryAttempts == 0)
        {
            return;
        }

        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.MaxRetryDelay,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage(), options, time)),

            // Null falls back to the exponential backoff; Retry-After is read here rather than by the
            // HTTP options so that a date is measured on the same clock as everything else.
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? GetRetryAfter(response, time) : null),
            OnRetry = args =>
            {
                var request = args.Context.GetRequestMessage();
                if (request is not null && MayHaveBeenCarriedOut(request.Method, args.Outcome))
                {
                    request.Options.Set(EarlierAttemptMayHaveSucceeded, true);
                }

                if (logger.IsEnabled(LogLevel.Information))
                {
                    var operation = request is not null && request.Options.TryGetValue(ConnectorRequestContext.Key, out var context) ? context.Operation : null;
                    var outcome = Describe(args.Outcome);
                    Log.ConnectorRetrying(logger, operation, args.AttemptNumber + 1, args.RetryDelay, outcome);
                }

                return default;
            },
        });
    }

    internal static void AddAttemptTimeout(ResiliencePipelineBuilder<HttpResponseMessage> builder, ConnectorOptions options) =>
        builder.AddTimeout(options.AttemptTimeout);

    /// <summary>Whether a failed attempt may nonetheless have been carried out by the channel, so that repeating it could duplicate it.</summary>
    internal static bool MayHaveBeenCarriedOut(HttpMethod method, Outcome<HttpResponseMessage> outcome)
    {
        if (IsIdempotent(method))
        {
            return false;
        }

        return outcome.Exception switch
        {
            TimeoutRejectedException => true,
            HttpRequestException ex => !NeverLeftThisMachine(ex),
            null => outcome.Result?.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout,
            _ => false,
        };
    }

    internal static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Head || method == HttpMethod.Options;

    // These failures happen while the connection is being set up, before a byte of the request is written.
    internal static bool NeverLeftThisMachine(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.NameResolutionError
            or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError
            or HttpRequestError.ProxyTunnelError;

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, ConnectorOptions options, TimeProvider time)
    {
        var idempotent = request is not null && IsIdempotent(request.Method);
        switch (outcome.Exception)
        {
            case TimeoutRejectedException:
                return idempotent;
            case HttpRequestException ex:
                return idempotent || NeverLeftThisMachine(ex);
            case not null:
                return false;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        // Waiting minutes inside one call would hold its caller for nothing; the caller can reschedule instead.
        if (GetRetryAfter(response, time) > options.MaxRetryDelay)
        {
            return false;
        }

        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.ServiceUnavailable => true,
            HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => idempotent || options.RetryPostOnGatewayError,
            _ => false,
        };
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException => "a timeout",
        HttpRequestException ex => $"a network failure ({ex.HttpRequestError})",
        { } ex => ex.GetType().Name,
        null => $"status {(int?)outcome.Result?.StatusCode}",
    };
}
