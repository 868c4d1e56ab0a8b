using System.Text;

namespace InterviewBot.EndToEnd.Tests.Infrastructure;

/// <summary>How long a test waits for something the bot does on its own (a delivery, a reply).</summary>
public static class Waits
{
    /// <summary>Generous for a loaded CI machine; everything awaited here normally takes well under a second.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);
}

/// <summary>
/// What something outside the test observed, in arrival order, with a way to wait for an entry that has arrived or
/// is still to come. Waiting never polls: the entry that matches completes the wait.
/// </summary>
public sealed class EventLog<T>(string name)
    where T : class
{
    private readonly Lock _gate = new();
    private readonly List<T> _entries = [];
    private readonly List<Waiter> _waiters = [];

    /// <summary>More to say when a wait fails, such as what the host logged meanwhile.</summary>
    public Func<string>? Context { get; set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    public void Add(T entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var matched = new List<Waiter>();
        lock (_gate)
        {
            var index = _entries.Count;
            _entries.Add(entry);
            foreach (var waiter in _waiters.ToList())
            {
                if (index >= waiter.From && waiter.Matches(entry))
                {
                    _waiters.Remove(waiter);
                    matched.Add(waiter);
                }
            }
        }

        foreach (var waiter in matched)
        {
            waiter.Found.TrySetResult(entry);
        }
    }

    /// <summary>
    /// The first entry at or after position <paramref name="from"/> that matches, waiting up to
    /// <paramref name="timeout"/> (default <see cref="Waits.Default"/>) for it to arrive.
    /// </summary>
    /// <exception cref="TimeoutException">Nothing matched in time; the message lists everything that did arrive.</exception>
    public async Task<T> WaitForAsync(Func<T, bool> match, string what, int from = 0, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var limit = timeout ?? Waits.Default;
        Waiter waiter;
        lock (_gate)
        {
            for (var i = from; i < _entries.Count; i++)
            {
                if (Safe(match, _entries[i]))
                {
                    return _entries[i];
                }
            }

            waiter = new Waiter(match, from);
            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Found.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }

            var context = Context?.Invoke();
            throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {what}, in vain. {Describe()}"
                + (string.IsNullOrWhiteSpace(context) ? string.Empty : Environment.NewLine + context));
        }
    }

    /// <summary>Every entry so far, one per line, for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        var entries = Snapshot();
        text.Append(name).Append(" so far (").Append(entries.Count).Append("):");
        foreach (var entry in entries)
        {
            text.AppendLine().Append("  - ").Append(entry);
        }

        return text.ToString();
    }

    // A predicate that trips over an unexpected shape simply does not match; the timeout message shows the shape.
    private static bool Safe(Func<T, bool> match, T entry)
    {
        try
        {
            return match(entry);
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
        {
            return false;
        }
    }

    private sealed class Waiter(Func<T, bool> match, int from)
    {
        public int From { get; } = from;

        public TaskCompletionSource<T> Found { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Matches(T entry) => Safe(match, entry);
    }
}
