using InterviewBot.Cards;
using InterviewBot.Conversations;
using InterviewBot.Delivery;
using InterviewBot.Domain.Reminders;
using InterviewBot.Reminders;
using InterviewBot.Storage.Hiring;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static InterviewBot.Tests.Reminders.ReminderScene;

namespace InterviewBot.Tests.Reminders;

/// <summary>
/// Every reminder reaches its recipient once: when two workers process the same interview, when two instances sweep
/// at the same moment for a whole week, when a worker dies after claiming, and when someone clicks a button while a
/// reminder is on its way.
/// </summary>
public sealed class ReminderExactlyOnceTests : IDisposable
{
    private readonly ReminderScene _scene = new();

    public void Dispose() => _scene.Dispose();

    private HiringFixture Fixture => _scene.Fixture;

    [Fact]
    public async Task ProcessAsync_TwoWorkersOnTheSameDueReminder_SendItOnce()
    {
        var interview = await IvysLoopAsync();
        await _scene.RunUntilAsync("2026-12-03 15:45");
        // Both read the follow-up before either claims it, so the claim is contested.
        var store = new HiringStore(new ReadTogetherTableStore(Fixture.Tables, "Candidates", 2), Fixture.Time);
        var first = RemindersOver(store, Fixture.Connector);
        var second = RemindersOver(store, Fixture.Connector);
        ReminderOutcome[] outcomes = [];

        await _scene.RunUntilAsync("2026-12-03 16:00", sweep: async () =>
        {
            var entry = Assert.Single(await Fixture.DueEntriesAsync(_scene.Now, HiringStore.ReminderKind));
            outcomes = await Task.WhenAll(
                Task.Run(() => first.ProcessAsync(interview.CandidateId, interview.Id, entry)),
                Task.Run(() => second.ProcessAsync(interview.CandidateId, interview.Id, entry)));
        });
        await _scene.RunUntilAsync("2026-12-03 17:00", TimeSpan.FromMinutes(1));

        Assert.Equal([ReminderOutcome.Done, ReminderOutcome.Busy], outcomes.Order());
        Assert.Equal(["Thu 12-03 16:00 Ivy Nudge"], _scene.Timeline);
        var nudge = (await Fixture.Store.GetInterviewAsync(interview.Id))!.FollowUp!.Value.Reminders.Single(r => r.Kind == ReminderKind.Nudge);
        Assert.Equal(ReminderStatus.Sent, nudge.Status);
        Assert.Equal(1, nudge.Attempts);
    }

    [Fact]
    public async Task SweepAsync_TwoInstancesAtTheSameMoment_SendEachDueReminderOnce()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        await _scene.CreateLoopAsync("Candidate A", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.CreateLoopAsync("Candidate B", (Otto, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.CreateLoopAsync("Candidate C", (Nia, "2026-12-03 13:00", "2026-12-03 14:00"), (Uma, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.RunUntilAsync("2026-12-03 15:45");

        await _scene.RunUntilAsync("2026-12-03 16:00", sweep: TwoInstancesSweepAsync);
        await _scene.RunUntilAsync("2026-12-03 17:00", TimeSpan.FromMinutes(1));

        Assert.Equal(
            ["Ivy Nudge", "Nia Nudge", "Otto Nudge", "Uma Nudge"],
            _scene.Messages.Where(m => m.Kind != MessageKind.Other).Select(m => $"{m.To} {m.Kind}").Order(StringComparer.Ordinal));
        Assert.All(_scene.Messages.Where(m => m.Kind != MessageKind.Other), m => Assert.Equal("Thu 12-03 16:00", Local(m.At)));
    }

    [Fact]
    public async Task SweepAsync_TwoInstancesSweepingTogetherAllWeek_SameScheduleAsOne()
    {
        await _scene.EveryoneKnownAsync(managerTimeZone: null);
        _scene.JumpTo("2026-12-03 08:00");
        var plan = await _scene.CreateLoopAsync("Jordan Lee", (Otto, "2026-12-03 10:00", "2026-12-03 11:00"), (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.RunUntilAsync("2026-12-03 14:30", sweep: TwoInstancesSweepAsync);
        await _scene.SubmitAsync(Otto, InterviewOf(plan, Otto).Id);

        await _scene.RunUntilAsync("2026-12-10 18:00", sweep: TwoInstancesSweepAsync);

        Assert.Equal(
            [
                "Thu 12-03 13:00 Otto Nudge",
                "Thu 12-03 16:00 Ivy Nudge",
                "Fri 12-04 14:00 Ivy Overdue",
                "Mon 12-07 09:00 Ivy Overdue",
                "Mon 12-07 10:00 Morgan Escalation",
                "Tue 12-08 09:00 Ivy Overdue",
            ],
            _scene.Timeline);
        Assert.Equal(2, _scene.Messages.Count(m => m.Kind == MessageKind.Other));
    }

    [Fact]
    public async Task SweepAsync_WorkerStoppedBetweenClaimAndSend_ReminderSentOnceWhenTheClaimTimesOut()
    {
        var interview = await IvysLoopAsync();
        await _scene.RunUntilAsync("2026-12-03 15:45");
        _scene.JumpTo("2026-12-03 16:00");
        var stalled = new InterleavingConnector(Fixture.Connector);
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stalled.BeforeSend = async (_, cancellationToken) =>
        {
            sending.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        };
        using var shutdown = new CancellationTokenSource();

        var dying = Task.Run(() => JobsOver(Fixture.Store, stalled).SweepAsync(shutdown.Token));
        await sending.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await shutdown.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying);
        var claimed = (await Fixture.Store.GetInterviewAsync(interview.Id))!.FollowUp!.Value.Reminders.Single(r => r.Kind == ReminderKind.Nudge);
        Assert.Equal(ReminderStatus.Sending, claimed.Status);

        await _scene.RunUntilAsync("2026-12-03 17:00", TimeSpan.FromMinutes(1));

        Assert.Equal(["Thu 12-03 16:05 Ivy Nudge"], _scene.Timeline);
        var sent = (await Fixture.Store.GetInterviewAsync(interview.Id))!.FollowUp!.Value.Reminders.Single(r => r.Kind == ReminderKind.Nudge);
        Assert.Equal(ReminderStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task SweepAsync_InterviewerSnoozesWhileTheOverdueReminderIsOnItsWay_ItIsNotSentAgain()
    {
        await IvysLoopAsync();
        await _scene.RunUntilAsync("2026-12-04 13:45");
        var nudge = Assert.Single(_scene.RemindersTo(Ivy)).Card;
        var connector = new InterleavingConnector(Fixture.Connector);
        var clicked = false;
        connector.AfterSend = async (activity, _) =>
        {
            // Teams has the overdue reminder; before the worker records that, Ivy snoozes from yesterday's nudge card.
            if (!clicked && IsReminder(activity))
            {
                clicked = true;
                await _scene.ClickAsync(Ivy, nudge, "Snooze 2 hours");
            }
        };

        await _scene.RunUntilAsync("2026-12-04 14:00", sweep: () => JobsOver(Fixture.Store, connector).SweepAsync(CancellationToken.None));
        await _scene.RunUntilAsync("2026-12-04 18:00", TimeSpan.FromMinutes(5));

        Assert.True(clicked);
        Assert.Equal(["Thu 12-03 16:00 Ivy Nudge", "Fri 12-04 14:00 Ivy Overdue"], _scene.Timeline);
    }

    private async Task<InterviewBot.Domain.Hiring.Interview> IvysLoopAsync()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        return InterviewOf(await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00")), Ivy);
    }

    /// <summary>Two instances sweeping at once, each reading every interview before either claims anything.</summary>
    private Task TwoInstancesSweepAsync()
    {
        var tables = new ReadTogetherTableStore(Fixture.Tables, "Candidates", 2);
        var first = JobsOver(new HiringStore(tables, Fixture.Time), Fixture.Connector);
        var second = JobsOver(new HiringStore(tables, Fixture.Time), Fixture.Connector);
        return Task.WhenAll(
            Task.Run(() => first.SweepAsync(CancellationToken.None)),
            Task.Run(() => second.SweepAsync(CancellationToken.None)));
    }

    private ReminderService RemindersOver(HiringStore store, IConnectorClient connector) =>
        new(store, TestData.Templates, Chats(connector), Options.Create(new ReminderOptions()), Fixture.Time, NullLogger<ReminderService>.Instance);

    private DeliveryJobs JobsOver(HiringStore store, IConnectorClient connector)
    {
        var delivery = new DeliveryService(store, Fixture.Users, TestData.Templates, Chats(connector), connector, Fixture.Time, NullLogger<DeliveryService>.Instance);
        return new DeliveryJobs(delivery, RemindersOver(store, connector), store, Fixture.Time, NullLogger<DeliveryJobs>.Instance);
    }

    private PersonalChats Chats(IConnectorClient connector) =>
        new(Fixture.Users, connector, Options.Create(new DeliveryOptions()), Fixture.Time);

    private static bool IsReminder(Activity activity) =>
        System.Text.Json.JsonSerializer.Serialize(activity).Contains(ReminderVerbs.Snooze, StringComparison.Ordinal);

    /// <summary>Passes every call to the recording connector, and lets a test act just before or just after a send.</summary>
    private sealed class InterleavingConnector(IConnectorClient inner) : IConnectorClient
    {
        public Func<Activity, CancellationToken, Task>? BeforeSend { get; set; }

        public Func<Activity, CancellationToken, Task>? AfterSend { get; set; }

        public async Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default)
        {
            if (BeforeSend is { } before)
            {
                await before(activity, cancellationToken);
            }

            var response = await inner.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken);
            if (AfterSend is { } after)
            {
                await after(activity, cancellationToken);
            }

            return response;
        }

        public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default) =>
            inner.ReplyToActivityAsync(serviceUrl, conversationId, replyToId, activity, cancellationToken);

        public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
            inner.UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken);

        public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default) =>
            inner.CreateConversationAsync(serviceUrl, parameters, cancellationToken);
    }
}
