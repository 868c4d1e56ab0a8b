using InterviewBot.EndToEnd.Tests.Infrastructure;

namespace InterviewBot.EndToEnd.Tests.Playground;

/// <summary>The real host on the embedded store, with the Agents Playground as its Teams client and connector.</summary>
public class PlaygroundFixture : IAsyncLifetime
{
    private readonly EmbeddedStorage _storage = new();

    public BotHost Host { get; private set; } = null!;

    public PlaygroundServer Server { get; private set; } = null!;

    public PlaygroundClient Client { get; private set; } = null!;

    public LoopsApiClient Loops { get; private set; } = null!;

    /// <summary>The <c>.m365agentsplayground.yml</c> the Playground starts with; null for the Playground's own people.</summary>
    protected virtual string? ConfigFile => null;

    public async Task InitializeAsync()
    {
        Host = await BotHost.StartAsync(_storage.Settings);
        Loops = new LoopsApiClient(Host.Http);
        Server = await PlaygroundServer.StartAsync(Host.MessagingEndpoint, ConfigFile);
        Client = await PlaygroundClient.ConnectAsync(Server.Address);
        Client.Messages.Context = () => Host.Problems() + Environment.NewLine + PlaygroundOutput();
        await OnConnectedAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            await OnDisconnectingAsync();
            if (Client is not null)
            {
                await Client.DisposeAsync();
            }

            if (Server is not null)
            {
                await Server.DisposeAsync();
            }

            if (Host is not null)
            {
                await Host.DisposeAsync();
            }
        }
        finally
        {
            await _storage.DisposeAsync();
        }
    }

    /// <summary>Runs once the client is connected: the place to connect more of the Playground and to set failure context.</summary>
    protected virtual Task OnConnectedAsync() => Task.CompletedTask;

    /// <summary>Runs first on dispose, before the client, the Playground and the host stop, even after a start that failed part-way.</summary>
    protected virtual Task OnDisconnectingAsync() => Task.CompletedTask;

    /// <summary>What the Playground printed, headed for a failure message.</summary>
    protected string PlaygroundOutput() => "Playground output:" + Environment.NewLine + Server.Output;
}
