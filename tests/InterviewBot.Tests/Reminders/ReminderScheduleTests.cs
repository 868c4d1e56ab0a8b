using InterviewBot.Tests.Support;
using static InterviewBot.Tests.Reminders.ReminderScene;

namespace InterviewBot.Tests.Reminders;

/// <summary>
/// The reminder schedule as people live it: the clock moves through real weeks in Berlin, the sweep runs every
/// quarter of an hour as the recurring job does, and the tests read what reached whose chat and when.
/// 3 December 2026 is a Thursday; Berlin is on UTC+1 until 28 March 2027.
/// </summary>
public sealed class ReminderScheduleTests : IDisposable
{
    private readonly ReminderScene _scene = new();

    public void Dispose() => _scene.Dispose();

    [Fact]
    public async Task Sweep_AWeekOfALoop_ChasesOnlyTheLateInterviewerOnSchedule()
    {
        // The hiring manager never told Teams a time zone, so their working hours are read in UTC.
        await _scene.EveryoneKnownAsync(managerTimeZone: null);
        _scene.JumpTo("2026-12-03 08:00");
        var plan = await _scene.CreateLoopAsync("Jordan Lee", (Otto, "2026-12-03 10:00", "2026-12-03 11:00"), (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.RunUntilAsync("2026-12-03 14:30");
        await _scene.SubmitAsync(Otto, InterviewOf(plan, Otto).Id);

        await _scene.RunUntilAsync("2026-12-10 18:00");

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
        Assert.Equal(
            ["How did your interview go?", "Your feedback is due", "Your feedback is overdue by 2 days", "Your feedback is overdue by 3 days"],
            _scene.RemindersTo(Ivy).Select(m => m.Title));
        Assert.All(_scene.RemindersTo(Ivy), m => Assert.Equal(InterviewOf(plan, Ivy).Id, m.InterviewId));
        var escalation = _scene.Messages.Single(m => m.Kind == MessageKind.Escalation);
        Assert.Equal(["Ivy Interviewer · ML system design case · overdue by 2 days"], Named(escalation));
    }

    [Fact]
    public async Task Sweep_UntilTwoHoursAfterTheEnd_SendsNoReminder_ThenTheNudgeOnTheMinute()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        var plan = await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));

        await _scene.RunUntilAsync("2026-12-03 15:59", TimeSpan.FromMinutes(1));
        var before = _scene.Timeline;
        await _scene.RunUntilAsync("2026-12-03 16:00", TimeSpan.FromMinutes(1));

        Assert.Empty(before);
        // The scorecard itself did arrive at the end: the reminders leave it alone.
        Assert.Single(_scene.Messages, m => m.Kind == MessageKind.Other && m.To == "Ivy" && Local(m.At) == "Thu 12-03 14:00");
        var nudge = Assert.Single(_scene.RemindersTo(Ivy));
        Assert.Equal("Thu 12-03 16:00 Ivy Nudge", nudge.ToString());
        Assert.Equal(InterviewOf(plan, Ivy).Id, nudge.InterviewId);
    }

    [Fact]
    public async Task Sweep_MondayInterviewNeverSubmitted_OverdueAtDueThenDailyAtMostThree()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-11-30 08:00");
        await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-11-30 10:00", "2026-11-30 11:00"));

        await _scene.RunUntilAsync("2026-12-09 18:00");

        Assert.Equal(
            [
                "Mon 11-30 13:00 Ivy Nudge",
                "Tue 12-01 11:00 Ivy Overdue",
                "Wed 12-02 11:00 Ivy Overdue",
                "Wed 12-02 11:00 Morgan Escalation",
                "Thu 12-03 11:00 Ivy Overdue",
            ],
            _scene.Timeline);
    }

    [Fact]
    public async Task Sweep_EscalationADayAfterDue_TellsTheHiringManagerWhoIsOverdueAndByHowLong()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-11-30 08:00");
        var plan = await _scene.CreateLoopAsync(
            "Jordan Lee",
            (Nia, "2026-11-30 09:00", "2026-11-30 10:00"),
            (Ivy, "2026-11-30 10:00", "2026-11-30 11:00"),
            (Otto, "2026-11-30 14:00", "2026-11-30 15:00"),
            (Uma, "2026-12-02 09:00", "2026-12-02 10:00"));
        await _scene.RunUntilAsync("2026-11-30 16:00");
        await _scene.SubmitAsync(Nia, InterviewOf(plan, Nia).Id);

        await _scene.RunUntilAsync("2026-12-04 18:00");

        var escalations = _scene.Messages.Where(m => m.Kind == MessageKind.Escalation).ToList();
        Assert.All(escalations, m => Assert.StartsWith("Interview feedback is overdue\nCandidate: \nJordan Lee\nSenior Machine Learning Engineer", CardJson.VisibleText(m.Card), StringComparison.Ordinal));
        // Each late interviewer is named once, a day after their feedback was due; Nia submitted and never is.
        Assert.Equal(
            [
                "Wed 12-02 11:00 Ivy Interviewer · ML system design case · overdue by 1 day",
                "Wed 12-02 15:00 Otto Interviewer · ML system design case · overdue by 1 day",
                "Fri 12-04 10:00 Uma Interviewer · ML system design case · overdue by 1 day",
            ],
            escalations.SelectMany(m => Named(m).Select(line => $"{Local(m.At)} {line}")));
        Assert.All(escalations, m => Assert.Equal("Morgan", m.To));
    }

    [Fact]
    public async Task Sweep_TwoLateInterviewersInOneLoop_TheHiringManagerHearsAboutEachOfThemOnce()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-11-30 08:00");
        await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-11-30 10:00", "2026-11-30 11:00"), (Otto, "2026-11-30 14:00", "2026-11-30 15:00"));

        await _scene.RunUntilAsync("2026-12-04 18:00");

        var escalations = _scene.Messages.Where(m => m.Kind == MessageKind.Escalation).ToList();
        Assert.NotEmpty(escalations);
        foreach (var interviewer in new[] { Ivy, Otto })
        {
            var naming = escalations.Where(m => Named(m).Any(line => line.StartsWith(interviewer.Name, StringComparison.Ordinal))).Select(m => m.ToString()).ToList();
            Assert.True(naming.Count == 1, $"{interviewer.Name} is named in {naming.Count} escalations: {string.Join(", ", naming)}.");
        }
    }

    [Fact]
    public async Task Sweep_SubmittedAfterTheFirstOverdueReminder_NothingMoreAndNoEscalation()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        var plan = await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.RunUntilAsync("2026-12-04 15:00");
        await _scene.SubmitAsync(Ivy, InterviewOf(plan, Ivy).Id);

        await _scene.RunUntilAsync("2026-12-11 18:00");

        Assert.Equal(["Thu 12-03 16:00 Ivy Nudge", "Fri 12-04 14:00 Ivy Overdue"], _scene.Timeline);
    }

    [Theory]
    [InlineData("2026-12-03 15:30", "2026-12-03 16:30", "Fri 12-04 09:00")] // 18:30 is after hours
    [InlineData("2026-12-03 15:00", "2026-12-03 16:00", "Fri 12-04 09:00")] // 18:00 is the first minute off
    [InlineData("2026-12-04 15:00", "2026-12-04 16:00", "Mon 12-07 09:00")] // Friday evening: after the weekend
    [InlineData("2026-12-05 10:00", "2026-12-05 11:00", "Mon 12-07 09:00")] // an interview on a Saturday
    [InlineData("2026-12-03 06:00", "2026-12-03 06:30", "Thu 12-03 09:00")] // 08:30 is before hours
    public async Task Sweep_NudgeFallingOutsideWorkingHours_ComesAtTheNextWorkingHour(string start, string end, string expected)
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 05:00");
        await _scene.CreateLoopAsync("Jordan Lee", (Ivy, start, end));

        await _scene.RunUntilAsync("2026-12-07 12:00");

        Assert.Equal($"{expected} Ivy Nudge", _scene.Timeline[0]);
        Assert.All(_scene.RemindersTo(Ivy), m => Assert.True(WithinBerlinWorkingHours(m.At), $"{m} is outside working hours."));
    }

    [Fact]
    public async Task Sweep_NoInstanceRanFromFridayLunchToSaturdayEvening_OverdueReminderIsMovedToMondayNotDropped()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.RunUntilAsync("2026-12-04 13:00");

        _scene.JumpTo("2026-12-05 20:00");
        await _scene.RunUntilAsync("2026-12-09 18:00");

        // Friday's reminder goes out first thing Monday; Monday's own waits out the cooldown instead of doubling up.
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
    public async Task Sweep_InterviewerWhoseTimeZoneTeamsNeverSent_IsRemindedInUtcWorkingHours()
    {
        await _scene.KnowAsync(Eli, null);
        _scene.JumpTo("2026-12-03 08:00");
        await _scene.CreateLoopAsync("Jordan Lee", (Eli, "2026-12-03 16:00", "2026-12-03 17:00"));

        await _scene.RunUntilAsync("2026-12-04 18:00");

        // 19:00 Berlin is 18:00 UTC, the end of a UTC working day; the nudge waits for 09:00 UTC, 10:00 in Berlin.
        Assert.Equal("Fri 12-04 10:00 Eli Nudge", _scene.Timeline[0]);
    }

    [Fact]
    public async Task Sweep_WeekendWithTheChangeToSummerTime_MondayReminderAtNineOnTheNewClock()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2027-03-25 08:00");
        await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2027-03-25 13:00", "2027-03-25 14:00"));

        await _scene.RunUntilAsync("2027-03-31 18:00");

        Assert.Equal(
            [
                "Thu 03-25 16:00 Ivy Nudge",
                "Fri 03-26 14:00 Ivy Overdue",
                "Mon 03-29 09:00 Ivy Overdue",
                "Mon 03-29 09:00 Morgan Escalation",
                "Tue 03-30 09:00 Ivy Overdue",
            ],
            _scene.Timeline);
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 7, 0, 0, TimeSpan.Zero), _scene.RemindersTo(Ivy)[2].At);
    }

    [Fact]
    public async Task Sweep_HiringManagerInTokyo_EscalationOnTheirFirstWorkingMorningAfterTheWeekend()
    {
        await _scene.EveryoneKnownAsync(managerTimeZone: "Asia/Tokyo");
        _scene.JumpTo("2026-12-03 08:00");
        await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));

        await _scene.RunUntilAsync("2026-12-09 18:00");

        // Told late on Friday 14:00 Berlin (22:00 in Tokyo); a day later is Saturday night in Tokyo, so the
        // manager's next working hour is Monday 09:00 Tokyo, which is Monday 01:00 in Berlin.
        var escalation = Assert.Single(_scene.Messages, m => m.Kind == MessageKind.Escalation);
        Assert.Equal(
            "Mon 12-07 09:00",
            TimeZoneInfo.ConvertTime(escalation.At, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).ToString("ddd MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The "who · exercise · how late" lines of an escalation.</summary>
    private static IEnumerable<string> Named(Message escalation) =>
        CardJson.OfType(escalation.Card, "RichTextBlock")
            .Select(b => string.Concat(CardJson.OfType(b, "TextRun").Select(r => (string?)r["text"])))
            .Where(line => line.Contains(" · overdue by ", StringComparison.Ordinal));

    private static bool WithinBerlinWorkingHours(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Berlin);
        return local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && local.Hour is >= 9 and < 18;
    }
}
