using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewBot.Teams.Clients;

/// <summary>
/// Keeps connector calls within Teams' limits: per conversation thread (<see cref="TeamsRateLimits.PerThread"/>)
/// and per tenant (<see cref="ConnectorRateLimitOptions.PerTenantPerSecond"/>). A call over a limit waits its turn; none is dropped.
/// </summary>
/// <remarks>
/// Each key has a turnstile (a semaphore, which queues waiters in order) so that calls to one thread
/// leave in the order they came, and only the call at the head of a queue sleeps on the clock.
/// A call takes its thread's turn before its tenant's, never the other way round, so two calls cannot
/// block each other. System.Threading.RateLimiting is not used: its windows are approximations
/// and its timers ignore <see cref="TimeProvider"/>.
/// </remarks>
internal sealed class ConnectorRateLimiter
{
    private const string UnknownTenant = "";
    private const int SweepEvery = 1024;

    // Pausing longer than this on one 429 would only hide a fault; the caller's retry policy decides the rest.
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<RateLimitWindow> _tenantWindows;
    private readonly Dictionary<string, Gate> _threads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Gate> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _sync = new();
    private int _rentalsSinceSweep;

    public ConnectorRateLimiter(IOptions<ConnectorRateLimitOptions> options, TimeProvider time, ILogger<ConnectorRateLimiter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _time = time;
        _logger = logger;
        _tenantWindows = [new RateLimitWindow(options.Value.PerTenantPerSecond, TimeSpan.FromSeconds(1))];
    }

    /// <summary>
    /// Waits until a call to <paramref name="conversationId"/> in <paramref name="tenantId"/> keeps every limit, and counts it.
    /// Dispose the turn once the request has been handed on: the next call to the same thread waits until then.
    /// </summary>
    /// <param name="conversationId">The thread; null for a call that is in none, such as creating a conversation.</param>
    /// <param name="tenantId">The tenant; null shares one budget among all calls whose tenant is unknown.</param>
    public async ValueTask<IDisposable> WaitForTurnAsync(string? conversationId, string? tenantId, CancellationToken cancellationToken)
    {
        var thread = conversationId is null ? null : Rent(_threads, conversationId, TeamsRateLimits.PerThread);
        var tenant = Rent(_tenants, tenantId ?? UnknownTenant, _tenantWindows);
        var holdsThread = false;
        var holdsTenant = false;
        try
        {
            if (thread is not null)
            {
                await thread.Turnstile.WaitAsync(cancellationToken).ConfigureAwait(false);
                holdsThread = true;
            }

            while (true)
            {
                if (thread is not null)
                {
                    await WaitForRoomAsync(thread, "conversation", cancellationToken).ConfigureAwait(false);
                }

                await tenant.Turnstile.WaitAsync(cancellationToken).ConfigureAwait(false);
                holdsTenant = true;
                await WaitForRoomAsync(tenant, "tenant", cancellationToken).ConfigureAwait(false);

                // Nobody else records calls to this thread while we hold its turn, but a 429 to an
                // earlier call may have paused it while we waited for the tenant.
                var now = _time.GetTimestamp();
                if (thread is null || thread.TryRecord(now, _time))
                {
                    tenant.Record(now);
                    return new Turn(this, thread, tenant);
                }

                tenant.Turnstile.Release();
                holdsTenant = false;
            }
        }
        catch
        {
            if (holdsTenant)
            {
                tenant.Turnstile.Release();
            }

            if (holdsThread)
            {
                thread!.Turnstile.Release();
            }

            Return(_tenants, tenant);
            if (thread is not null)
            {
                Return(_threads, thread);
            }

            throw;
        }
    }

    /// <summary>Holds back every call to <paramref name="conversationId"/> for <paramref name="wait"/>, as Teams asked in a 429.</summary>
    public void Pause(string conversationId, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        Gate? gate;
        lock (_sync)
        {
            _threads.TryGetValue(conversationId, out gate);
        }

        if (gate is null || wait <= TimeSpan.Zero)
        {
            return;
        }

        if (wait > LongestPause)
        {
            wait = LongestPause;
        }

        if (gate.PauseUntil(_time.GetTimestamp() + (long)(wait.TotalSeconds * _time.TimestampFrequency)))
        {
            Log.ConversationThrottled(_logger, conversationId, wait);
        }
    }

    private async Task WaitForRoomAsync(Gate gate, string scope, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = gate.WaitAt(_time.GetTimestamp(), _time);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            Log.RateLimitWait(_logger, wait, scope, gate.Key);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private Gate Rent(Dictionary<string, Gate> gates, string key, IReadOnlyList<RateLimitWindow> windows)
    {
        lock (_sync)
        {
            if (++_rentalsSinceSweep >= SweepEvery)
            {
                _rentalsSinceSweep = 0;
                Sweep(_threads);
                Sweep(_tenants);
            }

            if (!gates.TryGetValue(key, out var gate))
            {
                gate = new Gate(key, windows);
                gates.Add(key, gate);
            }

            gate.Renters++;
            return gate;
        }
    }

    private void Return(Dictionary<string, Gate> gates, Gate gate)
    {
        lock (_sync)
        {
            gate.Renters--;
            if (gate.Renters == 0 && gate.IsIdleAt(_time.GetTimestamp(), _time))
            {
                gates.Remove(gate.Key);
            }
        }
    }

    // A gate nobody waits at and whose calls have all left the longest window has nothing left to
    // remember; dropping it keeps memory bounded by the threads active in the last hour.
    private void Sweep(Dictionary<string, Gate> gates)
    {
        var now = _time.GetTimestamp();
        foreach (var (key, gate) in gates)
        {
            if (gate.Renters == 0 && gate.IsIdleAt(now, _time))
            {
                gates.Remove(key);
            }
        }
    }

    private sealed class Gate(string key, IReadOnlyList<RateLimitWindow> windows)
    {
        private readonly Lock _lock = new();
        private readonly SlidingWindowLog _log = new(windows);

        public string Key { get; } = key;

        // Never disposed: a SemaphoreSlim only needs disposing once its wait handle has been asked for, which this one never is.
        public SemaphoreSlim Turnstile { get; } = new(1, 1);

        /// <summary>Calls holding or waiting for this gate; guarded by the limiter's lock.</summary>
        public int Renters { get; set; }

        public TimeSpan WaitAt(long now, TimeProvider time)
        {
            lock (_lock)
            {
                return _log.WaitAt(now, time);
            }
        }

        public bool TryRecord(long now, TimeProvider time)
        {
            lock (_lock)
            {
                if (_log.WaitAt(now, time) > TimeSpan.Zero)
                {
                    return false;
                }

                _log.Record(now);
                return true;
            }
        }

        public void Record(long now)
        {
            lock (_lock)
            {
                _log.Record(now);
            }
        }

        public bool PauseUntil(long until)
        {
            lock (_lock)
            {
                return _log.PauseUntil(until);
            }
        }

        public bool IsIdleAt(long now, TimeProvider time)
        {
            lock (_lock)
            {
                return _log.IsIdleAt(now, time);
            }
        }
    }

    private sealed class Turn(ConnectorRateLimiter limiter, Gate? thread, Gate tenant) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            tenant.Turnstile.Release();
            limiter.Return(limiter._tenants, tenant);
            if (thread is not null)
            {
                thread.Turnstile.Release();
                limiter.Return(limiter._threads, thread);
            }
        }
    }
}
