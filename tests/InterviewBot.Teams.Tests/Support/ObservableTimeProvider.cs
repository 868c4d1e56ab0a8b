using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace InterviewBot.Teams.Tests.Support;

/// <summary>Fake time that reports each timer created, so a test can advance the clock exactly when a wait has begun.</summary>
internal sealed class ObservableTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 5, 14, 9, 0, 0, TimeSpan.Zero));
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override DateTimeOffset GetUtcNow() => _time.GetUtcNow();

    public override long GetTimestamp() => _time.GetTimestamp();

    public override long TimestampFrequency => _time.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _time.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _time.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits, in real time and for at most a few seconds, until a timer whose due time matches has been created.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> matches)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var dueTime = await _timers.Reader.ReadAsync(timeout.Token);
            if (matches(dueTime))
            {
                return dueTime;
            }
        }
    }

    public void Advance(TimeSpan delta) => _time.Advance(delta);
}
