using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace InterviewBot.Teams.Clients;

/// <summary>The retry and timeout policy for connector calls, following Teams' advice to back off with jitter on 429.</summary>
public static class ConnectorResilience
{
    /// <summary>The name of the resilience pipeline on the connector's HttpClient.</summary>
    public const string PipelineName = "teams-connector";

    /// <summary>Retries after the first attempt.</summary>
    public const int MaxRetryAttempts = 3;

    /// <summary>Longest Retry-After waited for within a call; a longer one ends the call with <see cref="ConnectorException.RetryAfter"/> set.</summary>
    public static readonly TimeSpan MaxHonouredRetryAfter = TimeSpan.FromSeconds(20);

    /// <summary>Time for one attempt.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Time for the whole call, retries and waits included.</summary>
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Adds total timeout, retry (429, 408, 5xx and network failures; exponential with jitter; Retry-After honoured) and attempt timeout.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder
            .AddTimeout(TotalTimeout)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = MaxHonouredRetryAfter,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
            })
            .AddTimeout(AttemptTimeout);
    }

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

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        // Waiting minutes inside one call would only end in a timeout; the caller can reschedule instead.
        if (outcome.Result is { } response && GetRetryAfter(response) > MaxHonouredRetryAfter)
        {
            return false;
        }

        return HttpClientResiliencePredicates.IsTransient(outcome);
    }
}
