namespace InterviewBot.Hosting;

/// <summary>Background job settings.</summary>
internal sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>The largest <see cref="SweepConcurrency"/> allowed.</summary>
    public const int MaxSweepConcurrency = 64;

    /// <summary>Cron expression of the sweep that re-drives due deliveries; every minute by default.</summary>
    public string SweepCron { get; set; } = "* * * * *";

    /// <summary>Hangfire worker count; small by default since jobs are short and mostly wait on I/O.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>
    /// How many due interviews one sweep handles at once. A few at once let storage writes share disk flushes and
    /// overlap Teams' answers; many at once would only meet Teams' per-app rate limit sooner.
    /// </summary>
    public int SweepConcurrency { get; set; } = 16;
}
