using InterviewBot.Delivery;
using InterviewBot.Storage.Tables;
using InterviewBot.Teams.Clients;
using InterviewBot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace InterviewBot.Tests.Support;

/// <summary>
/// The real host in memory, with its embedded store in a fresh directory, a fake clock, and recording fakes in place
/// of the job scheduler and the Teams connector so that nothing leaves the process.
/// </summary>
public sealed class InterviewBotFactory : WebApplicationFactory<Program>
{
    private readonly TemporaryDirectory _data = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;

    public InterviewBotFactory()
        : this("Development", [])
    {
    }

    internal InterviewBotFactory(string environment, Dictionary<string, string?> settings)
    {
        _environment = environment;
        _settings = new Dictionary<string, string?>(settings) { ["Storage:DataDirectory"] = _data.Path };
    }

    internal RecordingDeliveryScheduler Scheduler { get; } = new();

    internal RecordingConnectorClient Connector { get; } = new();

    internal FakeTimeProvider Time { get; } = new(TestData.Now.AddDays(-2));

    internal RecordingTableStore Tables => (RecordingTableStore)Services.GetRequiredService<ITableStore>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IDeliveryScheduler>();
            services.AddSingleton<IDeliveryScheduler>(Scheduler);
            services.RemoveAll<IConnectorClient>();
            services.AddSingleton<IConnectorClient>(Connector);
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);

            var store = services.Single(d => d.ServiceType == typeof(ITableStore));
            services.Remove(store);
            services.AddSingleton<ITableStore>(sp => new RecordingTableStore((ITableStore)store.ImplementationFactory!(sp)));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}
