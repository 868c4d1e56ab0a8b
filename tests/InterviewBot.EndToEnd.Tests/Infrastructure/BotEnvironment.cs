using InterviewBot.Domain.Scorecards;
using InterviewBot.Storage.Hiring;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewBot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Everything one bot needs around it: its storage, the real host, and a capture connector as the Teams service
/// the bot posts to. Disposing stops the host and the connector and removes the data.
/// </summary>
public sealed class BotEnvironment : IAsyncDisposable
{
    private readonly HttpClient? _api;

    private BotEnvironment(IStorageUnderTest storage, CaptureConnector connector, BotHost host, string? apiKey)
    {
        Storage = storage;
        Connector = connector;
        Host = host;
        Teams = new TeamsChannel(host.Http, connector.ServiceUrl, "28:" + Guid.NewGuid());
        if (apiKey is not null)
        {
            _api = new HttpClient { BaseAddress = host.Address, Timeout = Waits.Default };
            _api.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        Loops = new LoopsApiClient(_api ?? host.Http);
        connector.Requests.Context = host.Problems;
    }

    public IStorageUnderTest Storage { get; }

    public CaptureConnector Connector { get; }

    public BotHost Host { get; }

    public TeamsChannel Teams { get; }

    public LoopsApiClient Loops { get; }

    /// <param name="storage">Where the bot keeps its data; disposed with the environment.</param>
    /// <param name="environment">The host environment.</param>
    /// <param name="settings">More settings, given the capture connector so they can name its URL.</param>
    /// <param name="services">Replacements of services, as <see cref="BotHost.StartAsync"/> takes them.</param>
    public static async Task<BotEnvironment> StartAsync(
        IStorageUnderTest storage,
        string environment = "Development",
        Func<CaptureConnector, IReadOnlyDictionary<string, string?>>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        CaptureConnector? connector = null;
        try
        {
            connector = await CaptureConnector.StartAsync();
            var merged = new Dictionary<string, string?>(storage.Settings);
            foreach (var (key, value) in settings?.Invoke(connector) ?? new Dictionary<string, string?>())
            {
                merged[key] = value;
            }

            var host = await BotHost.StartAsync(merged, environment, services);
            return new BotEnvironment(storage, connector, host, merged.GetValueOrDefault("Api:Keys:0"));
        }
        catch
        {
            if (connector is not null)
            {
                await connector.DisposeAsync();
            }

            await storage.DisposeAsync();
            throw;
        }
    }

    /// <summary>The scorecard exactly as stored, read through the host's own store, for checks no user can make (its version).</summary>
    public async Task<Scorecard?> StoredScorecardAsync(string interviewId)
    {
        var context = await Host.Services.GetRequiredService<HiringStore>().GetInterviewAsync(interviewId);
        return context?.Scorecard?.Value;
    }

    /// <summary>The interviews stored for an interviewer, to find the loop a chat command created.</summary>
    public Task<IReadOnlyList<InterviewContext>> StoredInterviewsOfAsync(string aadObjectId) =>
        Host.Services.GetRequiredService<HiringStore>().GetInterviewsOfAsync(aadObjectId);

    /// <summary>Host warnings and errors, for failure messages.</summary>
    public string Problems() => Host.Problems();

    public async ValueTask DisposeAsync()
    {
        try
        {
            _api?.Dispose();
            await Host.DisposeAsync();
            await Connector.DisposeAsync();
        }
        finally
        {
            await Storage.DisposeAsync();
        }
    }
}
