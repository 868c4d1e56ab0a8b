using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InterviewBot.EndToEnd.Tests.Infrastructure;

/// <summary>An activity the host's messaging endpoint finished handling, and the status it answered with.</summary>
public sealed record InboundActivity(string? Type, string? Name, string? ConversationId, int Status)
{
    public override string ToString() => $"{Type}{(Name is null ? string.Empty : " " + Name)} in {ConversationId} → {Status}";
}

/// <summary>A line the host logged at Information or above, with its structured values.</summary>
public sealed record HostLogEntry(LogLevel Level, string Category, int EventId, string Message, IReadOnlyDictionary<string, string?> Values, Exception? Exception)
{
    public bool Is(int eventId, string name, string value) =>
        EventId == eventId && Values.TryGetValue(name, out var actual) && actual == value;

    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? string.Empty : " " + Exception.GetType().Name + ": " + Exception.Message)}";
}

/// <summary>
/// The real InterviewBot host (its own Program, services and configuration) listening with Kestrel on a free
/// 127.0.0.1 port, in the Development environment unless told otherwise, so that the bot, the connector and the
/// Playground talk to it over real HTTP. Settings given here override the app's own configuration.
/// </summary>
public sealed class BotHost : WebApplicationFactory<Program>
{
    // Hangfire keeps its job storage and activator in process-wide statics while a host starts; two hosts starting
    // at once could end up running each other's jobs against the wrong store.
    private static readonly SemaphoreSlim StartGate = new(1, 1);

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;
    private HttpClient? _client;

    private BotHost(IReadOnlyDictionary<string, string?> settings, string environment, Action<IServiceCollection>? services)
    {
        _settings = settings;
        _environment = environment;
        _services = services;
        UseKestrel(0);
    }

    /// <summary>The base address the host listens on, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address => ClientOptions.BaseAddress;

    public Uri MessagingEndpoint => new(Address, "api/messages");

    /// <summary>A client that talks to the host over the loopback network, as the Playground and an ATS do.</summary>
    public HttpClient Http => _client ??= new HttpClient { BaseAddress = Address, Timeout = Waits.Default };

    public EventLog<InboundActivity> Inbound { get; } = new("Activities the bot handled");

    public EventLog<HostLogEntry> Log { get; } = new("Host log");

    /// <summary>What the host logged as a warning or error so far, for failure messages.</summary>
    public string Problems()
    {
        var problems = Log.Snapshot().Where(e => e.Level >= LogLevel.Warning).ToList();
        return problems.Count == 0 ? string.Empty : "Host warnings and errors:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
    }

    /// <param name="settings">Settings over the app's own configuration.</param>
    /// <param name="environment">The host environment; outside Development the app insists on its credentials.</param>
    /// <param name="services">Replaces what must not leave the machine, such as the token endpoint of Microsoft Entra ID.</param>
    public static async Task<BotHost> StartAsync(IReadOnlyDictionary<string, string?> settings, string environment = "Development", Action<IServiceCollection>? services = null)
    {
        var host = new BotHost(settings, environment, services);
        await StartGate.WaitAsync();
        try
        {
            await Task.Run(host.StartServer);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        finally
        {
            StartGate.Release();
        }

        return host;
    }

    public override async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new RecordingLoggerProvider(Log));
        });
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new InboundRecorder(Inbound)));
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    /// <summary>Notes every activity the messaging endpoint has finished with, so a test can tell when a turn is over.</summary>
    private sealed class InboundRecorder(EventLog<InboundActivity> inbound) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, following) =>
            {
                if (!HttpMethods.IsPost(http.Request.Method) || http.Request.Path != "/api/messages")
                {
                    await following(http);
                    return;
                }

                http.Request.EnableBuffering();
                string? type = null, name = null, conversationId = null;
                try
                {
                    using var document = await JsonDocument.ParseAsync(http.Request.Body);
                    var root = document.RootElement;
                    type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
                    name = root.TryGetProperty("name", out var n) ? n.GetString() : null;
                    conversationId = root.TryGetProperty("conversation", out var c) && c.TryGetProperty("id", out var id) ? id.GetString() : null;
                }
                catch (JsonException)
                {
                    // The bot itself decides what to answer to a body that is not JSON.
                }

                http.Request.Body.Position = 0;
                try
                {
                    await following(http);
                }
                finally
                {
                    inbound.Add(new InboundActivity(type, name, conversationId, http.Response.StatusCode));
                }
            });
            next(app);
        };
    }

    private sealed class RecordingLoggerProvider(EventLog<HostLogEntry> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, log);

        public void Dispose()
        {
        }
    }

    private sealed class RecordingLogger(string category, EventLog<HostLogEntry> log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value?.ToString())
                    : [];
                log.Add(new HostLogEntry(logLevel, category, eventId.Id, formatter(state, exception), values, exception));
            }
        }
    }
}
