using InterviewBot.Teams.Authentication;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;
using InterviewBot.Teams.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InterviewBot.Teams.Tests.Clients;

/// <summary>The connector as the app registers it, talking to a <see cref="FakeConnector"/> on a <see cref="SteppingClock"/>.</summary>
internal sealed class ConnectorTestHost : IDisposable
{
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private readonly ServiceProvider _services;

    private ConnectorTestHost(IDictionary<string, string?>? settings, Action<IServiceCollection>? configure)
    {
        Connector = new FakeConnector(Clock);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddTeamsConnector(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => Connector));
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Client = _services.GetRequiredService<IConnectorClient>();
    }

    public SteppingClock Clock { get; } = new();

    public FakeConnector Connector { get; }

    public CollectingLoggerProvider Logs { get; } = new();

    public IConnectorClient Client { get; }

    public IServiceProvider Services => _services;

    /// <summary>Settings of an app registered in one tenant, with a client secret.</summary>
    public static Dictionary<string, string?> SingleTenantIdentity => new()
    {
        ["MicrosoftAppId"] = "00000000-0000-0000-0000-00000000b07a",
        ["MicrosoftAppPassword"] = "app-secret",
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppTenantId"] = TenantId,
    };

    public static ConnectorTestHost Create(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null) =>
        new(settings, configure);

    /// <summary>A message into <paramref name="conversationId"/> of <paramref name="tenantId"/>, addressed as the bot addresses its posts.</summary>
    public static Activity Message(string text, string conversationId, string? tenantId = TenantId)
    {
        var activity = Activity.CreateMessage(text);
        activity.Conversation = new ConversationAccount(conversationId, TenantId: tenantId);
        return activity;
    }

    public ITrustedServiceUrls TrustedServiceUrls => _services.GetRequiredService<ITrustedServiceUrls>();

    public void Dispose() => _services.Dispose();
}
