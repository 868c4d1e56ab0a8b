using System.Net;
using System.Text;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Hosting;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InterviewBot.Teams.Tests.Hosting;

/// <summary>A minimal ASP.NET Core app hosting the bot endpoint on an in-memory test server.</summary>
internal sealed class TestBotHost : IAsyncDisposable
{
    private TestBotHost(WebApplication app, RecordingConnectorClient connector, CollectingLoggerProvider logs)
    {
        App = app;
        Connector = connector;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public RecordingConnectorClient Connector { get; }

    public CollectingLoggerProvider Logs { get; }

    public HttpClient Client { get; }

    public static WebApplication Build(
        string environment,
        IDictionary<string, string?>? settings,
        Action<ActivityRouter>? routes,
        RecordingConnectorClient connector,
        CollectingLoggerProvider logs,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddTeamsBot(builder.Configuration, routes ?? (_ => { }));
        builder.Services.AddSingleton<IConnectorClient>(connector);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapTeamsBot();
        return app;
    }

    public static async Task<TestBotHost> StartAsync(
        Action<ActivityRouter>? routes = null,
        IDictionary<string, string?>? settings = null,
        string environment = "Development",
        Action<IServiceCollection>? configureServices = null)
    {
        var connector = new RecordingConnectorClient();
        var logs = new CollectingLoggerProvider();
        var app = Build(environment, settings, routes, connector, logs, configureServices);
        await app.StartAsync();
        return new TestBotHost(app, connector, logs);
    }

    public Task<HttpResponseMessage> PostAsync(string json) =>
        Client.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>A request body of unknown length, as a chunked upload would be.</summary>
internal sealed class UnknownLengthContent(byte[] bytes) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes, 0, bytes.Length);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
