using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Reminders;
using InterviewBot.Tests.Support;
using static InterviewBot.Tests.Reminders.ReminderScene;

namespace InterviewBot.Tests.Reminders;

/// <summary>
/// The reminder card's own buttons, clicked in Teams: snooze for two hours or until the next working morning, and
/// "the interview didn't happen". Ivy interviews on Thursday 3 December 2026, 13:00–14:00 Berlin; her nudge comes
/// at 16:00 and her feedback is due on Friday at 14:00.
/// </summary>
public sealed class ReminderCardActionsTests : IDisposable
{
    private readonly ReminderScene _scene = new();

    public void Dispose() => _scene.Dispose();

    [Fact]
    public async Task Snooze_TwoHoursOnFridayAt13_FridaysReminderComesAt15Instead()
    {
        var (_, nudge) = await IvyNudgedAsync();
        await _scene.RunUntilAsync("2026-12-04 13:00");

        var card = await _scene.ClickAsync(Ivy, nudge, "Snooze 2 hours");
        await _scene.RunUntilAsync("2026-12-04 18:00");

        Assert.Contains("Snoozed: no reminders before Fri 4 Dec 2026, 15:00 Europe/Berlin.", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Equal(["Thu 12-03 16:00 Ivy Nudge", "Fri 12-04 15:00 Ivy Overdue"], _scene.Timeline);
    }

    [Fact]
    public async Task Snooze_UntilNextWorkingMorningOnFriday_NothingUntilMondayAtNine()
    {
        var (_, nudge) = await IvyNudgedAsync();
        await _scene.RunUntilAsync("2026-12-04 13:00");

        var card = await _scene.ClickAsync(Ivy, nudge, "Snooze until next working morning");
        await _scene.RunUntilAsync("2026-12-08 18:00");

        Assert.Contains("Snoozed: no reminders before Mon 7 Dec 2026, 09:00 Europe/Berlin.", CardJson.VisibleText(card), StringComparison.Ordinal);
        // The snooze holds back Ivy's reminders, not the escalation; the two Monday reminders keep the cooldown apart.
        Assert.Equal(
            [
                "Thu 12-03 16:00 Ivy Nudge",
                "Mon 12-07 09:00 Ivy Overdue",
                "Mon 12-07 09:00 Morgan Escalation",
                "Mon 12-07 13:00 Ivy Overdue",
                "Tue 12-08 09:00 Ivy Overdue",
            ],
            _scene.Timeline);
    }

    [Fact]
    public async Task Snooze_Answer_IsTheReminderCardAgainWithTheSnoozeBanner()
    {
        var (_, nudge) = await IvyNudgedAsync();

        var card = await _scene.ClickAsync(Ivy, nudge, "Snooze 2 hours");

        Assert.Equal(
            ["Open scorecard", "Snooze 2 hours", "Snooze until next working morning", "The interview didn't happen", "Confirm"],
            CardJson.Actions(card).Select(a => (string?)a["title"]));
        Assert.Equal("good", (string?)CardJson.OfType(card, "Container")[0]["style"]);
    }

    [Theory]
    [InlineData("Snooze 2 hours", "Manager")]
    [InlineData("Snooze 2 hours", "Recruiter")]
    [InlineData("Snooze until next working morning", "Stranger")]
    [InlineData("Snooze until next working morning", "Otto")]
    [InlineData("Confirm", "Manager")]
    [InlineData("Confirm", "Otto")]
    public async Task ReminderButton_ClickedBySomeoneOtherThanTheInterviewer_IsRefusedAndChangesNothing(string button, string who)
    {
        var caller = who switch
        {
            "Manager" => Manager,
            "Recruiter" => Recruiter,
            "Otto" => Otto,
            _ => Stranger,
        };
        var (interview, nudge) = await IvyNudgedAsync(alsoOtto: true);
        await _scene.RunUntilAsync("2026-12-04 13:00");
        var writes = _scene.Fixture.Tables.Writes.Count;
        var before = (await _scene.Fixture.Store.GetInterviewAsync(interview.Id))!.FollowUp!;

        var card = await _scene.ClickAsync(caller, nudge, button, new Dictionary<string, string> { [ReminderVerbs.ReasonField] = nameof(NotHeldReason.NoShow) });

        Assert.Contains("This reminder is not yours", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Contains("nothing was changed", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Empty(CardJson.Actions(card));
        Assert.Equal(writes, _scene.Fixture.Tables.Writes.Count);
        Assert.Equal(before.ETag, (await _scene.Fixture.Store.GetInterviewAsync(interview.Id))!.FollowUp!.ETag);

        await _scene.RunUntilAsync("2026-12-04 18:00");
        Assert.Equal("Fri 12-04 14:00 Ivy Overdue", _scene.RemindersTo(Ivy)[^1].ToString());
    }

    [Theory]
    [InlineData(NotHeldReason.NoShow, "Didn't happen (the candidate did not show up)")]
    [InlineData(NotHeldReason.Cancelled, "Didn't happen (the interview was cancelled)")]
    [InlineData(NotHeldReason.Rescheduled, "Didn't happen (the interview was rescheduled)")]
    public async Task DidNotHappen_EachReason_StopsEveryReminderAndShowsInStatus(NotHeldReason reason, string status)
    {
        var (_, nudge) = await IvyNudgedAsync();
        await _scene.RunUntilAsync("2026-12-03 17:00");

        var card = await _scene.ClickAsync(Ivy, nudge, "Confirm", new Dictionary<string, string> { [ReminderVerbs.ReasonField] = reason.ToString() });
        await _scene.RunUntilAsync("2026-12-11 18:00");

        Assert.Contains("Interview marked as not held", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Equal(["Thu 12-03 16:00 Ivy Nudge"], _scene.Timeline);
        var statusCard = await _scene.SayAsync(Recruiter, "status Jordan Lee");
        Assert.Contains(status, CardJson.VisibleText(statusCard), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DidNotHappen_WithoutAReason_AsksForOneAndKeepsReminding()
    {
        var (interview, nudge) = await IvyNudgedAsync();

        var card = await _scene.ClickAsync(Ivy, nudge, "Confirm");
        await _scene.RunUntilAsync("2026-12-04 18:00");

        Assert.Contains("Choose what happened: no-show, cancelled or rescheduled.", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Null((await _scene.Fixture.Store.GetInterviewAsync(interview.Id))!.FollowUp!.Value.NotHeld);
        Assert.Equal("Fri 12-04 14:00 Ivy Overdue", _scene.RemindersTo(Ivy)[^1].ToString());
    }

    [Fact]
    public async Task DidNotHappen_ClickedAgainWithAnotherReason_KeepsTheFirstAnswer()
    {
        var (interview, nudge) = await IvyNudgedAsync();
        await _scene.ClickAsync(Ivy, nudge, "Confirm", new Dictionary<string, string> { [ReminderVerbs.ReasonField] = nameof(NotHeldReason.Cancelled) });

        var card = await _scene.ClickAsync(Ivy, nudge, "Confirm", new Dictionary<string, string> { [ReminderVerbs.ReasonField] = nameof(NotHeldReason.NoShow) });

        Assert.Contains("Already recorded: the interview was cancelled.", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Equal(NotHeldReason.Cancelled, (await _scene.Fixture.Store.GetInterviewAsync(interview.Id))!.FollowUp!.Value.NotHeld);
    }

    [Fact]
    public async Task OpenScorecard_FromTheReminder_ShowsTheFormToWriteIt()
    {
        var (_, nudge) = await IvyNudgedAsync();

        var card = await _scene.ClickAsync(Ivy, nudge, "Open scorecard");

        Assert.Equal(["Save draft", "Submit"], CardJson.Actions(card).Select(a => (string?)a["title"]));
    }

    [Theory]
    [InlineData(ReminderVerbs.Snooze, "no-such-interview", "Interview not found")]
    [InlineData(ReminderVerbs.NotHeld, "no-such-interview", "Interview not found")]
    [InlineData(ReminderVerbs.Snooze, null, "This card is out of date")]
    [InlineData(ReminderVerbs.NotHeld, null, "This card is out of date")]
    public async Task ReminderButton_ForAnInterviewThatIsNotThere_SaysSoAndChangesNothing(string verb, string? interviewId, string title)
    {
        await IvyNudgedAsync();
        var writes = _scene.Fixture.Tables.Writes.Count;
        var data = new Dictionary<string, object?> { [ReminderVerbs.SnoozeOptionField] = "Short", [ReminderVerbs.ReasonField] = "NoShow" };
        if (interviewId is not null)
        {
            data["interviewId"] = interviewId;
        }

        var card = await _scene.ClickAsync(Ivy, verb, data);

        Assert.StartsWith(title, CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Equal(writes, _scene.Fixture.Tables.Writes.Count);
    }

    /// <summary>Ivy's loop (with Otto an hour earlier when asked), run until her nudge has arrived; returns her interview and the nudge card.</summary>
    private async Task<(Interview Interview, JsonObject Nudge)> IvyNudgedAsync(bool alsoOtto = false)
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        LoopPlan plan = alsoOtto
            ? await _scene.CreateLoopAsync("Jordan Lee", (Otto, "2026-12-03 12:00", "2026-12-03 13:00"), (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"))
            : await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.RunUntilAsync("2026-12-03 16:00");
        var nudge = Assert.Single(_scene.RemindersTo(Ivy));
        Assert.Equal(MessageKind.Nudge, nudge.Kind);
        return (InterviewOf(plan, Ivy), nudge.Card);
    }
}
