using Hangfire;
using Xunit.Abstractions;
using InterviewBot.Delivery;
using InterviewBot.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewBot.EndToEnd.Tests.MultiInstance;

/// <summary>
/// Two instances of the real host sharing one Azurite and one PostgreSQL, as a scaled-out deployment runs: whatever
/// both of them do at once, each interviewer gets their scorecard exactly once.
/// </summary>
/// <remarks>
/// Both instances are hosts in this test process. That is sound for Hangfire: each host resolves its storage and job
/// activator into its own container while it starts (BotHost starts one host at a time), and the app reaches
/// Hangfire only through those, never through the process-wide <see cref="JobStorage.Current"/>.
/// </remarks>
[Collection(MultiInstanceCollection.Name)]
public sealed class ConcurrentSweepTests(MultiInstanceFixture fixture, ITestOutputHelper output)
{
    private const int LoopCount = 50;
    private const int DeliveredEvent = 3101;
    private const int PostgreSqlChosenEvent = 5002;

    [Fact]
    public async Task Sweep_TwoInstancesRacingOverFiftyDueDeliveries_SendsEveryScorecardExactlyOnce()
    {
        // Arrange: two instances of one deployment, and a tenant whose Teams the bot can reach.
        await using var deployment = fixture.NewDeployment();
        await using var connector = await CaptureConnector.StartAsync();
        await using var first = await BotHost.StartAsync(deployment.Settings);
        await using var second = await BotHost.StartAsync(deployment.Settings);
        connector.Requests.Context = () => first.Problems() + Environment.NewLine + second.Problems();
        var recruiter = TeamsUser.Create("Riley Recruiter", Guid.NewGuid().ToString());
        await new TeamsChannel(first.Http, connector.ServiceUrl, "28:" + Guid.NewGuid()).InstallAsync(recruiter);
        var run = Guid.NewGuid().ToString("N")[..6];
        var candidates = Enumerable.Range(1, LoopCount).Select(i => $"Candidate {i:00}-{run}").ToList();

        // Act: an ATS creates fifty ended interviews through both instances at once, each queueing its delivery job
        // in the shared Hangfire storage, while both instances sweep the due index over and over.
        using var stopSweeping = new CancellationTokenSource();
        var sweeping = Task.WhenAll(SweepUntilAsync(first, stopSweeping.Token), SweepUntilAsync(second, stopSweeping.Token));
        var created = await Task.WhenAll(candidates.Select((name, i) =>
            new LoopsApiClient((i % 2 == 0 ? first : second).Http).CreateEndedInterviewAsync(name, Guid.NewGuid().ToString(), "Interviewer " + name, recruiter.AadObjectId)));
        foreach (var name in candidates)
        {
            await connector.Requests.WaitForAsync(r => IsScorecardFor(r, name), $"the scorecard of {name}");
        }

        await stopSweeping.CancelAsync();
        var sweeps = await sweeping;
        output.WriteLine($"Sweeps while the deliveries were due: {sweeps[0]} on the first instance, {sweeps[1]} on the second.");
        await HangfireIdleAsync(first);

        // Assert: every scorecard went out once, into one chat per interviewer, and a last sweep on either instance
        // finds nothing left to send.
        var requests = connector.Requests.Snapshot();
        foreach (var name in candidates)
        {
            var sends = requests.Count(r => IsScorecardFor(r, name));
            Assert.True(sends == 1, $"{name}'s scorecard was sent {sends} times. {connector.Requests.Describe()}");
        }

        Assert.Equal(LoopCount, requests.Count(r => r.Operation == ConnectorRequest.CreateConversation));
        Assert.Equal(0, await SweepAsync(first));
        Assert.Equal(0, await SweepAsync(second));
        Assert.All(sweeps, count => Assert.True(count >= 1, "Each instance swept at least once while the deliveries were due."));
        foreach (var loop in created)
        {
            var report = await new LoopsApiClient(second.Http).GetAsync(loop.LoopId);
            Assert.Equal("Delivered", report.DeliveryStatus(loop.InterviewId));
        }

        Assert.All(new[] { first, second }, host => Assert.Contains(host.Log.Snapshot(), e => e.EventId == PostgreSqlChosenEvent));
        Assert.Equal(2, first.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers().Count);
        Assert.DoesNotContain(first.Log.Snapshot().Concat(second.Log.Snapshot()), e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Equal(requests.Count(r => IsScorecard(r)), first.Log.Snapshot().Concat(second.Log.Snapshot()).Count(e => e.EventId == DeliveredEvent));
    }

    private static bool IsScorecard(ConnectorRequest request) =>
        request.Operation == ConnectorRequest.SendToConversation && request.Cards.Any(c => c.InputIds.Any(id => id.StartsWith("rating.", StringComparison.Ordinal)));

    private static bool IsScorecardFor(ConnectorRequest request, string candidate) =>
        IsScorecard(request) && request.Cards.Any(c => c.Shows(candidate));

    /// <summary>Runs the delivery sweep on <paramref name="host"/> back to back until told to stop; returns how many sweeps ran.</summary>
    private static async Task<int> SweepUntilAsync(BotHost host, CancellationToken stop)
    {
        var sweeps = 0;
        while (!stop.IsCancellationRequested)
        {
            await SweepAsync(host);
            sweeps++;
        }

        return sweeps;
    }

    /// <summary>One run of the job the recurring sweep runs, on that instance; returns how many deliveries it attempted.</summary>
    internal static async Task<int> SweepAsync(BotHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeliveryJobs>().SweepAsync(CancellationToken.None);
    }

    /// <summary>Waits until the shared Hangfire storage has no job queued or running, so that no late send can follow the count.</summary>
    internal static async Task HangfireIdleAsync(BotHost host)
    {
        var monitoring = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        using var timeout = new CancellationTokenSource(Waits.Default);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (monitoring.ProcessingCount() > 0 || monitoring.Queues().Any(q => q.Length > 0))
        {
            try
            {
                await tick.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Hangfire still had jobs queued or running after {Waits.Default.TotalSeconds:0} s. {host.Problems()}");
            }
        }
    }
}
