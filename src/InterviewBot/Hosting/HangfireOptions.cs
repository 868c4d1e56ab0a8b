namespace InterviewBot.Hosting;

/// <summary>
/// Where Hangfire keeps its jobs (configuration section <c>Hangfire</c>): in memory unless a PostgreSQL connection
/// string is set, which several instances need so that they share one queue and one recurring sweep.
/// </summary>
internal sealed class HangfireOptions
{
    public const string Section = "Hangfire";

    /// <summary>A PostgreSQL connection string (Npgsql syntax); empty keeps jobs in this process's memory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The PostgreSQL schema holding Hangfire's tables, so that it can share a database with others.</summary>
    public string Schema { get; set; } = "hangfire";

    /// <summary>Whether the app creates or upgrades Hangfire's tables at startup; off when a DBA manages the schema.</summary>
    public bool PrepareSchema { get; set; } = true;

    /// <summary>
    /// The longest a queued job waits to be noticed. Jobs enqueued by an instance are normally announced at once
    /// through PostgreSQL notifications; polling is the fallback.
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether PostgreSQL is configured.</summary>
    public bool UsesPostgreSql => !string.IsNullOrWhiteSpace(ConnectionString);
}
