using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Reminders;
using InterviewBot.Tests.Reminders;
using InterviewBot.Tests.Support;
using static InterviewBot.Tests.Reminders.ReminderScene;

namespace InterviewBot.Tests.Loops;

/// <summary>
/// <c>remind &lt;candidate&gt;</c>, typed by the loop's recruiter or hiring manager: everyone late is reminded at
/// once (or at the start of their working day), anyone reminded in the last four hours is left alone, and the
/// answer says who was reminded and why the others were not.
/// </summary>
public sealed class RemindCommandTests : IDisposable
{
    private readonly ReminderScene _scene = new();

    public void Dispose() => _scene.Dispose();

    [Theory]
    [InlineData("Manager")]
    [InlineData("Recruiter")]
    public async Task Remind_ByTheHiringManagerOrRecruiter_RemindsWhoIsLateAndSaysWhyOthersWereSkipped(string who)
    {
        await PanelAsync();
        await _scene.RunUntilAsync("2026-12-03 14:30");
        var before = _scene.Messages.Count;

        var card = await _scene.SayAsync(who == "Manager" ? Manager : Recruiter, "remind Jordan Lee");

        Assert.Equal("Reminded 1 interviewer", CardJson.VisibleText(card).Split('\n')[0]);
        Assert.Equal(
            [
                "Eli Interviewer: skipped: reminded in the last 4 h",
                "Nia Interviewer: skipped: already submitted",
                "Uma Interviewer: skipped: the interview didn't happen",
                "Ivy Interviewer: reminded now",
                "Otto Interviewer: skipped: the interview is not over yet",
            ],
            Lines(card));
        var reminded = _scene.Messages.Skip(before).Where(m => m.Kind != MessageKind.Other).ToList();
        var reminder = Assert.Single(reminded);
        Assert.Equal("Thu 12-03 14:30 Ivy Requested", reminder.ToString());
        Assert.Equal("The hiring team is waiting for your feedback", reminder.Title);
    }

    [Fact]
    public async Task Remind_ThenTheScheduledNudge_WaitsOutTheCooldown()
    {
        await PanelAsync();
        await _scene.RunUntilAsync("2026-12-03 14:30");
        await _scene.SayAsync(Manager, "remind Jordan Lee");

        await _scene.RunUntilAsync("2026-12-04 18:00");

        // The nudge planned for 16:00 would come 90 minutes after the requested reminder; it waits for Friday morning.
        Assert.Equal(["Thu 12-03 14:30 Ivy Requested", "Fri 12-04 09:00 Ivy Nudge", "Fri 12-04 14:00 Ivy Overdue"], _scene.RemindersTo(Ivy).Select(m => m.ToString()));
    }

    [Theory]
    [InlineData(-1, "Ivy Interviewer: skipped: reminded in the last 4 h")]
    [InlineData(0, "Ivy Interviewer: reminded now")]
    public async Task Remind_AroundFourHoursAfterTheLastReminder_SkipsUntilTheCooldownIsOver(int secondsAfterFourHours, string expected)
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.RunUntilAsync("2026-12-04 09:30");
        await _scene.SayAsync(Manager, "remind Jordan Lee");
        await _scene.RunUntilAsync("2026-12-04 13:15");
        _scene.Fixture.Time.SetUtcNow(At("2026-12-04 13:30").AddSeconds(secondsAfterFourHours));
        var reminders = _scene.RemindersTo(Ivy).Count;

        var card = await _scene.SayAsync(Recruiter, "remind Jordan Lee");

        Assert.Equal([expected], Lines(card));
        Assert.Equal(reminders + (expected.EndsWith("reminded now", StringComparison.Ordinal) ? 1 : 0), _scene.RemindersTo(Ivy).Count);
    }

    [Fact]
    public async Task Remind_AfterHours_QueuesForTheInterviewersNextWorkingHourAndSaysSo()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.RunUntilAsync("2026-12-03 20:30");

        var card = await _scene.SayAsync(Manager, "remind Jordan Lee");
        await _scene.RunUntilAsync("2026-12-04 18:00");

        Assert.Equal(["Ivy Interviewer: will be reminded at the start of their working day (Fri 4 Dec 2026, 09:00 Europe/Berlin)"], Lines(card));
        Assert.Equal(["Thu 12-03 16:00 Ivy Nudge", "Fri 12-04 09:00 Ivy Requested", "Fri 12-04 14:00 Ivy Overdue"], _scene.Timeline);
    }

    [Fact]
    public async Task Remind_OnSaturday_IvyGetsOneReminderOnMondayMorningNotTwo()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.RunUntilAsync("2026-12-05 11:00");
        await _scene.SayAsync(Manager, "remind Jordan Lee");

        await _scene.RunUntilAsync("2026-12-07 12:59", TimeSpan.FromMinutes(1));

        // Her second overdue reminder is planned for Monday 09:00 too; the one asked for must not come on top of it.
        var monday = _scene.RemindersTo(Ivy).Where(m => Local(m.At).StartsWith("Mon", StringComparison.Ordinal)).Select(m => m.ToString()).ToList();
        Assert.True(monday.Count == 1, $"Ivy got {monday.Count} reminders on Monday morning: {string.Join(", ", monday)}.");
    }

    [Fact]
    public async Task Remind_ByTheManagerOnSaturdayAndTheRecruiterOnSunday_IvyGetsOneReminderOnMondayMorning()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.RunUntilAsync("2026-12-05 11:00");
        await _scene.SayAsync(Manager, "remind Jordan Lee");
        await _scene.RunUntilAsync("2026-12-06 18:00");
        await _scene.SayAsync(Recruiter, "remind Jordan Lee");

        await _scene.RunUntilAsync("2026-12-07 12:59", TimeSpan.FromMinutes(1));

        // Asking twice over the weekend, on top of the reminder already planned for Monday 09:00, must not make
        // Ivy's chat light up three times in the same minute: nobody is reminded twice within the cooldown.
        var monday = _scene.RemindersTo(Ivy).Where(m => Local(m.At).StartsWith("Mon", StringComparison.Ordinal)).Select(m => m.ToString()).ToList();
        Assert.True(monday.Count == 1, $"Ivy got {monday.Count} reminders on Monday morning: {string.Join(", ", monday)}.");
    }

    [Fact]
    public async Task Remind_InterviewerWhoSnoozed_IsRemindedAnyway()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.RunUntilAsync("2026-12-04 10:00");
        await _scene.ClickAsync(Ivy, _scene.RemindersTo(Ivy)[0].Card, "Snooze until next working morning");

        var card = await _scene.SayAsync(Manager, "remind Jordan Lee");

        // Someone on the hiring team asking outweighs the interviewer's snooze; the cooldown and working hours still hold.
        Assert.Equal(["Ivy Interviewer: reminded now"], Lines(card));
        Assert.Equal("Fri 12-04 10:00 Ivy Requested", _scene.RemindersTo(Ivy)[^1].ToString());
    }

    [Fact]
    public async Task Remind_NobodyLate_SaysNobodyNeededOne()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        var plan = await _scene.CreateLoopAsync("Jordan Lee", (Nia, "2026-12-03 09:00", "2026-12-03 10:00"), (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.RunUntilAsync("2026-12-03 11:00");
        await _scene.SubmitAsync(Nia, InterviewOf(plan, Nia).Id);

        var card = await _scene.SayAsync(Recruiter, "remind Jordan Lee");

        Assert.Equal("Nobody needed a reminder", CardJson.VisibleText(card).Split('\n')[0]);
        Assert.Equal(["Nia Interviewer: skipped: already submitted", "Ivy Interviewer: skipped: the interview is not over yet"], Lines(card));
        Assert.Empty(_scene.Timeline);
    }

    [Theory]
    [InlineData("Ivy")]
    [InlineData("Eli")]
    [InlineData("Stranger")]
    public async Task Remind_BySomeoneWhoNeitherRecruitsNorHiresForTheLoop_RemindsNobody(string who)
    {
        var caller = who switch { "Ivy" => Ivy, "Eli" => Eli, _ => Stranger };
        var plan = await PanelAsync();
        await _scene.RunUntilAsync("2026-12-03 14:30");
        var reminders = _scene.Timeline.Count;
        var writes = _scene.Fixture.Tables.Writes.Count;

        var byName = await _scene.SayAsync(caller, "remind Jordan Lee");
        var byLoopId = await _scene.SayAsync(caller, "nudge " + plan.Loop.Id);
        var forged = await _scene.ClickAsync(caller, "loop.remind", new Dictionary<string, object?> { ["loopId"] = plan.Loop.Id });

        Assert.StartsWith("No matching candidate", CardJson.VisibleText(byName), StringComparison.Ordinal);
        Assert.StartsWith("No matching candidate", CardJson.VisibleText(byLoopId), StringComparison.Ordinal);
        Assert.StartsWith("Not your loop", CardJson.VisibleText(forged), StringComparison.Ordinal);
        Assert.Contains("nothing was sent", CardJson.VisibleText(forged), StringComparison.Ordinal);
        Assert.Equal(reminders, _scene.Timeline.Count);
        Assert.Equal(writes, _scene.Fixture.Tables.Writes.Count);
    }

    [Fact]
    public async Task Remind_UnknownName_SaysSoAndRemindsNobody()
    {
        await PanelAsync();
        await _scene.RunUntilAsync("2026-12-03 14:30");
        var reminders = _scene.Timeline.Count;

        var card = await _scene.SayAsync(Manager, "remind Jordan Leigh");

        Assert.StartsWith("No matching candidate", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Equal(reminders, _scene.Timeline.Count);
    }

    /// <summary>The "name: what happened" lines of the answer to <c>remind</c>.</summary>
    internal static IReadOnlyList<string> Lines(JsonObject card) =>
        [.. CardJson.OfType(card, "RichTextBlock")
            .Select(b => string.Concat(CardJson.OfType(b, "TextRun").Select(r => (string?)r["text"])))
            .Where(line => !line.StartsWith("Candidate:", StringComparison.Ordinal))];

    /// <summary>
    /// Jordan Lee's loop on Thursday 3 December 2026, in Berlin: Eli (08–09) is nudged at 11:00; Nia (09–10)
    /// submits at 11:30; Uma (10–11) says at 12:30 that it was cancelled; Ivy (13–14) has not written; Otto's
    /// interview (15–16) has not ended.
    /// </summary>
    private async Task<LoopPlan> PanelAsync()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 07:00");
        var plan = await _scene.CreateLoopAsync(
            "Jordan Lee",
            (Eli, "2026-12-03 08:00", "2026-12-03 09:00"),
            (Nia, "2026-12-03 09:00", "2026-12-03 10:00"),
            (Uma, "2026-12-03 10:00", "2026-12-03 11:00"),
            (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"),
            (Otto, "2026-12-03 15:00", "2026-12-03 16:00"));
        await _scene.RunUntilAsync("2026-12-03 11:30");
        await _scene.SubmitAsync(Nia, InterviewOf(plan, Nia).Id);
        await _scene.RunUntilAsync("2026-12-03 12:30");
        await _scene.MarkNotHeldAsync(Uma, InterviewOf(plan, Uma).Id, NotHeldReason.Cancelled);
        Assert.Equal(["Thu 12-03 11:00 Eli Nudge"], _scene.Timeline);
        return plan;
    }
}
