namespace InterviewBot.Teams.Clients;

/// <summary>How fast the bot may call the connector across a whole tenant (section "Bot:RateLimits").</summary>
/// <remarks>The per-conversation limits are Teams' own and fixed: see <see cref="TeamsRateLimits.PerThread"/>.</remarks>
public sealed class ConnectorRateLimitOptions
{
    public const string SectionName = "Bot:RateLimits";

    /// <summary>
    /// Calls per second to one tenant, all conversations together. Teams allows an app a few tens per second
    /// per tenant; staying below that leaves room for other instances and for retries.
    /// </summary>
    public int PerTenantPerSecond { get; set; } = 30;
}

/// <summary>At most <see cref="Limit"/> calls in any span of <see cref="Window"/>.</summary>
public sealed record RateLimitWindow(int Limit, TimeSpan Window);

/// <summary>The limits Teams puts on one bot in one conversation thread.</summary>
public static class TeamsRateLimits
{
    /// <summary>Every window must hold at once; a call waits until it does.</summary>
    public static IReadOnlyList<RateLimitWindow> PerThread { get; } =
    [
        new(7, TimeSpan.FromSeconds(1)),
        new(8, TimeSpan.FromSeconds(2)),
        new(60, TimeSpan.FromSeconds(30)),
        new(1800, TimeSpan.FromHours(1)),
    ];
}
