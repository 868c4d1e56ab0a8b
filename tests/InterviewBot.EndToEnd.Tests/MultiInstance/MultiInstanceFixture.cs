using InterviewBot.EndToEnd.Tests.Infrastructure;
using InterviewBot.Testing;

namespace InterviewBot.EndToEnd.Tests.MultiInstance;

/// <summary>The services several instances share, started once for the multi-instance tests: Azurite and PostgreSQL.</summary>
public sealed class MultiInstanceFixture : IAsyncLifetime
{
    public AzuriteServer Azurite { get; } = new();

    public PostgresServer Postgres { get; } = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Azurite.StartAsync(), Postgres.StartAsync());
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Azurite.StopAsync();
        }
        finally
        {
            await Postgres.StopAsync();
        }
    }

    /// <summary>A deployment of its own: tables under a fresh prefix, Hangfire's tables in a fresh schema.</summary>
    public Deployment NewDeployment() => new(new AzuriteStorage(Azurite), Postgres.ConnectionString, "hangfire_" + Guid.NewGuid().ToString("N")[..12]);
}

/// <summary>One installation of the bot that several instances serve: the same tables and the same Hangfire storage.</summary>
public sealed class Deployment(AzuriteStorage storage, string postgresConnectionString, string hangfireSchema) : IAsyncDisposable
{
    public AzuriteStorage Storage { get; } = storage;

    public string HangfireSchema { get; } = hangfireSchema;

    /// <summary>What every instance is configured with, as the app's own configuration keys.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(Storage.Settings)
    {
        ["Hangfire:ConnectionString"] = postgresConnectionString,
        ["Hangfire:Schema"] = HangfireSchema,

        // Notifications announce new jobs at once; this only bounds the fallback.
        ["Hangfire:QueuePollInterval"] = "00:00:01",
    };

    public ValueTask DisposeAsync() => Storage.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class MultiInstanceCollection : ICollectionFixture<MultiInstanceFixture>
{
    public const string Name = "Multi-instance";
}
