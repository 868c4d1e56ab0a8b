namespace InterviewBot.Hosting;

/// <summary>Background job settings.</summary>
internal sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Cron expression of the sweep that re-drives due deliveries; every minute by default.</summary>
    public string SweepCron { get; set; } = "* * * * *";

    /// <summary>Hangfire worker count; small by default since jobs are short and mostly wait on I/O.</summary>
    public int WorkerCount { get; set; } = 4;
}
