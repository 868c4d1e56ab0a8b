using Microsoft.Extensions.Time.Testing;

namespace InterviewBot.Teams.Tests.Clients;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows which of its timers are still pending, so a test can move
/// the clock from one wake-up to the next until the work under test is done, without real waiting.
/// </summary>
/// <remarks>
/// Timers backing a <see cref="CancellationTokenSource"/> are timeouts: the clock never jumps to one on
/// its own, since nothing is meant to wait for it; <see cref="RunUntilAsync"/> can be told to.
/// </remarks>
internal sealed class SteppingClock : TimeProvider
{
    private readonly FakeTimeProvider _time;
    private readonly Lock _lock = new();
    private readonly List<TrackedTimer> _timers = [];
    private TaskCompletionSource _timerScheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SteppingClock()
    {
        Start = new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
        _time = new FakeTimeProvider(Start);
    }

    public DateTimeOffset Start { get; }

    public override DateTimeOffset GetUtcNow() => _time.GetUtcNow();

    public override long GetTimestamp() => _time.GetTimestamp();

    public override long TimestampFrequency => _time.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _time.LocalTimeZone;

    /// <summary>Time since the clock started.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Start;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TrackedTimer(this, isTimeout: state is CancellationTokenSource);
        timer.Schedule(dueTime, period);
        timer.Inner = _time.CreateTimer(
            s =>
            {
                timer.Fired();
                callback(s);
            },
            state,
            dueTime,
            period);
        return timer;
    }

    public void Advance(TimeSpan delta) => _time.Advance(delta);

    /// <summary>
    /// Moves the clock to each pending wake-up in turn until <paramref name="work"/> completes; when nothing
    /// is pending, waits (in real time, for at most a few seconds) for the work to schedule one.
    /// </summary>
    public async Task RunUntilAsync(Task work, bool includeTimeouts = false)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var watchdog = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!work.IsCompleted)
        {
            Task scheduled;
            DateTimeOffset? next;
            lock (_lock)
            {
                scheduled = _timerScheduled.Task;
                next = _timers
                    .Where(t => t.Due is not null && (includeTimeouts || !t.IsTimeout))
                    .Min(t => t.Due);
            }

            if (next is { } due)
            {
                var step = due - GetUtcNow();
                Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
                continue;
            }

            await Task.WhenAny(work, scheduled).WaitAsync(watchdog.Token);
        }

        await work;
    }

    /// <summary>Waits, in real time and for at most a few seconds, until a timeout timer is pending, and returns when it is due.</summary>
    public async Task<TimeSpan> WaitForTimeoutAsync()
    {
        using var watchdog = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Task scheduled;
            lock (_lock)
            {
                scheduled = _timerScheduled.Task;
                if (_timers.FirstOrDefault(t => t.IsTimeout && t.Due is not null) is { Due: { } due })
                {
                    return due - GetUtcNow();
                }
            }

            await scheduled.WaitAsync(watchdog.Token);
        }
    }

    private void Track(TrackedTimer timer)
    {
        TaskCompletionSource scheduled;
        lock (_lock)
        {
            if (!_timers.Contains(timer))
            {
                _timers.Add(timer);
            }

            scheduled = _timerScheduled;
            _timerScheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        scheduled.TrySetResult();
    }

    private void Untrack(TrackedTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class TrackedTimer(SteppingClock clock, bool isTimeout) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer? Inner { get; set; }

        public bool IsTimeout { get; } = isTimeout;

        public DateTimeOffset? Due { get; private set; }

        public void Schedule(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                Due = null;
                clock.Untrack(this);
                return;
            }

            Due = clock.GetUtcNow() + dueTime;
            clock.Track(this);
        }

        public void Fired()
        {
            if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero)
            {
                Due = null;
                clock.Untrack(this);
            }
            else
            {
                Due = clock.GetUtcNow() + _period;
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Schedule(dueTime, period);
            return Inner?.Change(dueTime, period) ?? true;
        }

        public void Dispose()
        {
            Due = null;
            clock.Untrack(this);
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
