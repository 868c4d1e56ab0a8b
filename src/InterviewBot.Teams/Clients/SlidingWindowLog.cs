namespace InterviewBot.Teams.Clients;

/// <summary>The times of recent calls to one key, and how long the next call must wait to keep every window.</summary>
/// <remarks>
/// Teams counts calls in sliding windows, so a fixed-window or token-bucket approximation could let
/// a burst straddling a boundary through; keeping the timestamps themselves is exact. At most the
/// largest limit's worth (1800) are kept, and only for the longest window. Not thread-safe: the
/// limiter locks around it.
/// </remarks>
internal sealed class SlidingWindowLog
{
    private readonly IReadOnlyList<RateLimitWindow> _windows;
    private readonly TimeSpan _longest;
    private readonly List<long> _calls = [];
    private long? _pausedUntil;

    public SlidingWindowLog(IReadOnlyList<RateLimitWindow> windows)
    {
        _windows = windows;
        _longest = windows.Max(w => w.Window);
    }

    /// <summary>How long from <paramref name="now"/> until a call keeps every window; zero or less means now.</summary>
    public TimeSpan WaitAt(long now, TimeProvider time)
    {
        Prune(now, time);
        var wait = TimeSpan.Zero;
        foreach (var window in _windows)
        {
            // The call that would be the (Limit+1)-th in the window must come a full window after the
            // Limit-th most recent one.
            if (_calls.Count >= window.Limit)
            {
                var oldestInWindow = _calls[_calls.Count - window.Limit];
                wait = Max(wait, window.Window - time.GetElapsedTime(oldestInWindow, now));
            }
        }

        if (_pausedUntil is { } until && until > now)
        {
            wait = Max(wait, time.GetElapsedTime(now, until));
        }

        return wait;
    }

    /// <summary>Counts a call made at <paramref name="now"/>; calls are recorded in time order.</summary>
    public void Record(long now) => _calls.Add(now);

    /// <summary>Holds every call back until <paramref name="until"/>, as a 429's Retry-After asks; false when an existing pause lasts as long.</summary>
    public bool PauseUntil(long until)
    {
        if (_pausedUntil is { } current && current >= until)
        {
            return false;
        }

        _pausedUntil = until;
        return true;
    }

    /// <summary>Whether nothing recorded still counts and no pause holds, so the log can be dropped.</summary>
    public bool IsIdleAt(long now, TimeProvider time)
    {
        Prune(now, time);
        return _calls.Count == 0 && (_pausedUntil is not { } until || until <= now);
    }

    private void Prune(long now, TimeProvider time)
    {
        var expired = 0;
        while (expired < _calls.Count && time.GetElapsedTime(_calls[expired], now) >= _longest)
        {
            expired++;
        }

        if (expired > 0)
        {
            _calls.RemoveRange(0, expired);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
