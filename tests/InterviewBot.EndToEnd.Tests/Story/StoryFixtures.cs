using InterviewBot.EndToEnd.Tests.Infrastructure;
using InterviewBot.Testing;

namespace InterviewBot.EndToEnd.Tests.Story;

/// <summary>
/// One bot shared by a test class (tests stay independent through fresh users, tenants and loops), plus fresh bots
/// on demand for tests that need a world where nobody has talked to the bot yet.
/// </summary>
public abstract class StoryFixture : IAsyncLifetime
{
    private BotEnvironment? _bot;

    public BotEnvironment Bot => _bot ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        await StartServicesAsync();
        _bot = await StartFreshBotAsync();
    }

    /// <summary>A bot of its own, with empty storage; the caller disposes it.</summary>
    public Task<BotEnvironment> StartFreshBotAsync() => BotEnvironment.StartAsync(NewStorage());

    public async Task DisposeAsync()
    {
        try
        {
            if (_bot is not null)
            {
                await _bot.DisposeAsync();
            }
        }
        finally
        {
            await StopServicesAsync();
        }
    }

    protected abstract IStorageUnderTest NewStorage();

    protected virtual Task StartServicesAsync() => Task.CompletedTask;

    protected virtual Task StopServicesAsync() => Task.CompletedTask;
}

/// <summary>Bots on the embedded store, each in a temporary directory.</summary>
public sealed class EmbeddedStoreFixture : StoryFixture
{
    protected override IStorageUnderTest NewStorage() => new EmbeddedStorage();
}

/// <summary>Bots on Azure Table Storage, served by a real Azurite, each under a table prefix of its own.</summary>
public sealed class AzuriteStoreFixture : StoryFixture
{
    private readonly AzuriteServer _azurite = new();

    protected override IStorageUnderTest NewStorage() => new AzuriteStorage(_azurite);

    protected override Task StartServicesAsync() => _azurite.StartAsync();

    protected override Task StopServicesAsync() => _azurite.StopAsync();
}
