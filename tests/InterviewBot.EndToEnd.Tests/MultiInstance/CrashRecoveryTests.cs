using Hangfire;
using InterviewBot.Delivery;
using InterviewBot.Domain.Delivery;
using InterviewBot.EndToEnd.Tests.Infrastructure;
using InterviewBot.Storage.Hiring;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewBot.EndToEnd.Tests.MultiInstance;

/// <summary>
/// An instance killed after it claimed a delivery and before Teams got the card: another instance, started later
/// on the same storage, sends the card once the claim has gone stale, and only once.
/// </summary>
[Collection(MultiInstanceCollection.Name)]
public sealed class CrashRecoveryTests(MultiInstanceFixture fixture)
{
    private const int DeliveredEvent = 3101;

    [Fact]
    public async Task Sweep_AfterAnInstanceWasKilledBetweenClaimAndSend_SendsTheScorecardOnceAfterRestart()
    {
        // Arrange: an instance running as a process of its own, reaching Teams through a connector that can hold a call.
        await using var deployment = fixture.NewDeployment();
        await using var connector = await CaptureConnector.StartAsync();
        await using var teams = await HoldingConnector.StartAsync(connector.ServiceUrl);
        var botId = "28:" + Guid.NewGuid();
        var interviewer = TeamsUser.Create("Ivy Interviewer", Guid.NewGuid().ToString());
        var candidate = "Jordan Crash-" + Guid.NewGuid().ToString("N")[..6];
        CreatedLoop loop;
        string heldCall;
        await using (var doomed = await BotProcess.StartAsync(deployment.Settings))
        {
            await new TeamsChannel(doomed.Http, teams.ServiceUrl, botId).InstallAsync(interviewer);
            var sending = teams.Hold(body => body.Contains(candidate, StringComparison.Ordinal));

            // Act: the interview ends; the instance claims the delivery and starts sending, and dies right there.
            loop = await new LoopsApiClient(doomed.Http).CreateEndedInterviewAsync(candidate, interviewer.AadObjectId, interviewer.Name, Guid.NewGuid().ToString());
            heldCall = await sending.WaitAsync(Waits.Default);
            await doomed.KillAsync();
        }

        teams.Release();
        await using var survivor = await BotHost.StartAsync(deployment.Settings);
        connector.Requests.Context = () => Diagnose(survivor, teams);
        var store = survivor.Services.GetRequiredService<HiringStore>();
        var left = (await store.GetInterviewAsync(loop.InterviewId))?.Delivery;
        Assert.NotNull(left);
        Assert.Equal(DeliveryStatus.Sending, left.Value.Status);
        Assert.Equal(1, left.Value.Attempts);

        // While the dead instance's claim is fresh, it is respected.
        await ConcurrentSweepTests.SweepAsync(survivor);
        Assert.Equal(DeliveryStatus.Sending, (await store.GetInterviewAsync(loop.InterviewId))?.Delivery?.Value.Status);
        Assert.DoesNotContain(connector.Requests.Snapshot(), r => r.Cards.Any(c => c.Shows(candidate)));

        // The claim is only presumed dead once it is older than the claim timeout; this stands for that wait.
        left = (await store.GetInterviewAsync(loop.InterviewId))!.Delivery!;
        var stale = left.Value with { ClaimedAt = left.Value.ClaimedAt!.Value - ScorecardDelivery.ClaimTimeout - TimeSpan.FromMinutes(1) };
        await store.ReplaceDeliveryAsync(stale, left.ETag);
        survivor.Services.GetRequiredService<IRecurringJobManager>().Trigger(DeliveryJobs.SweepJobId);

        // Assert: the scorecard arrives after the restart, exactly once, and nothing is left to send.
        var card = await connector.WaitForMessageAsync(interviewer.PersonalConversationId, r => r.Cards.Any(c => c.Shows(candidate)), "the scorecard, sent after the restart");
        await survivor.Log.WaitForAsync(e => e.Is(DeliveredEvent, "InterviewId", loop.InterviewId), "the delivery stored as done");
        Assert.Equal(0, await ConcurrentSweepTests.SweepAsync(survivor));
        Assert.Contains(candidate, heldCall, StringComparison.Ordinal);
        Assert.Single(connector.MessagesIn(interviewer.PersonalConversationId), r => r.Cards.Any(c => c.Shows(candidate)));
        Assert.Equal(ConnectorRequest.SendToConversation, card.Operation);
        var delivery = (await store.GetInterviewAsync(loop.InterviewId))?.Delivery?.Value;
        Assert.NotNull(delivery);
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal("Delivered", (await new LoopsApiClient(survivor.Http).GetAsync(loop.LoopId)).DeliveryStatus(loop.InterviewId));
    }

    private static string Diagnose(BotHost survivor, HoldingConnector teams)
    {
        var monitoring = survivor.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var processing = monitoring.ProcessingJobs(0, 20).Select(j => $"{j.Key} {j.Value.Job?.Method.Name} on {j.Value.ServerId}");
        var succeeded = monitoring.SucceededJobs(0, 20).Select(j => $"{j.Key} {j.Value.Job?.Method.Name}");
        var failed = monitoring.FailedJobs(0, 20).Select(j => $"{j.Key} {j.Value.Job?.Method.Name}: {j.Value.ExceptionMessage}");
        var enqueued = monitoring.Queues().Select(q => $"{q.Name}: {q.Length}");
        return string.Join(Environment.NewLine, [
            survivor.Problems(),
            teams.Calls.Describe(),
            "Hangfire servers: " + string.Join(", ", monitoring.Servers().Select(s => $"{s.Name} (heartbeat {s.Heartbeat:O})")),
            "Processing: " + string.Join("; ", processing),
            "Succeeded: " + string.Join("; ", succeeded),
            "Failed: " + string.Join("; ", failed),
            "Queues: " + string.Join("; ", enqueued),
            "Host log: " + string.Join(Environment.NewLine + "  ", survivor.Log.Snapshot()),
        ]);
    }
}
