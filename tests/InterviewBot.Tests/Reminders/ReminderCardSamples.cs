using InterviewBot.Cards;
using InterviewBot.Domain.Delivery;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Loops;
using InterviewBot.Storage.Hiring;
using InterviewBot.Teams.Cards;
using InterviewBot.Tests.Cards;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Reminders;

/// <summary>
/// The reminder, escalation and loop cards built from realistic values, with <paramref name="name"/> wherever a
/// person typed a name: the candidate, the interviewers, the ATS id.
/// </summary>
internal static class ReminderCardSamples
{
    /// <summary>When the samples are looked at: two days after the sample interview's feedback was due.</summary>
    public static readonly DateTimeOffset Now = TestData.Interview().FeedbackDue.AddDays(2);

    public static AdaptiveCard Nudge(string name = "Jordan Lee") =>
        ReminderCard.ForInterviewer(CardSamples.Subject(name, "Europe/Berlin"), ReminderKind.Nudge, TestData.InterviewEnd.AddHours(2));

    public static AdaptiveCard Overdue(string name = "Jordan Lee") =>
        ReminderCard.ForInterviewer(CardSamples.Subject(name), ReminderKind.Overdue, Now);

    public static AdaptiveCard Requested(string name = "Jordan Lee") =>
        ReminderCard.ForInterviewer(CardSamples.Subject(name, "Europe/Berlin"), ReminderKind.Requested, Now, new Banner("Snoozed: no reminders before Mon 30 Nov 2026, 09:00 Europe/Berlin.", BannerTone.Good));

    public static AdaptiveCard Escalation(string name = "Jordan Lee") =>
        ReminderCard.Escalation(name, TestData.Template.Role, [new(name, "ML system design case", TimeSpan.FromHours(50)), new("Otto Interviewer", "ML system design case", TimeSpan.FromHours(20))]);

    public static AdaptiveCard Status(string name = "Jordan Lee") => LoopCards.Status(Loop(name), TestData.Template, Now);

    public static AdaptiveCard Choice(string name = "Jordan Lee") => LoopCards.Choose(LoopActions.StatusVerb,
    [
        new ManagedLoop("loop-1", "candidate-1", name, name, TestData.Now.AddDays(-7)),
        new ManagedLoop("loop-2", "candidate-2", name, null, TestData.Now.AddDays(-1)),
    ]);

    public static AdaptiveCard NudgeResult(string name = "Jordan Lee") => LoopCards.NudgeResult(name, TestData.Template.Role,
    [
        new LoopCards.NudgeLine(name, true, "reminded now"),
        new LoopCards.NudgeLine("Otto Interviewer", false, "skipped: already submitted"),
        new LoopCards.NudgeLine("Nia Interviewer", true, "will be reminded at the start of their working day (Mon 30 Nov 2026, 08:00 UTC)"),
    ]);

    /// <summary>
    /// A loop of four interviews where the candidate and every interviewer is called <paramref name="name"/>: one
    /// submitted (with evidence and a private note), one overdue with a draft, one that did not happen, one not over.
    /// </summary>
    public static LoopSnapshot Loop(string name)
    {
        var candidate = TestData.Candidate(name);
        var person = new Person(TestData.InterviewerId, name);
        var loop = new HiringLoop("loop-1", candidate.Id, TestData.TemplateId, [new Person(TestData.RecruiterId, name)], [new Person(TestData.HiringManagerId, name)], Now.AddDays(-7));
        var first = TestData.Interview() with { Id = "interview-1", Interviewer = person };
        var interviews = new[]
        {
            first,
            first with { Id = "interview-2", Start = first.Start.AddHours(1), End = first.End.AddHours(1), FeedbackDue = first.FeedbackDue.AddHours(1) },
            first with { Id = "interview-3", Start = first.Start.AddHours(2), End = first.End.AddHours(2), FeedbackDue = first.FeedbackDue.AddHours(2) },
            first with { Id = "interview-4", Start = Now.AddHours(1), End = Now.AddHours(2), FeedbackDue = Now.AddDays(1) },
        };
        var scorecards = new Dictionary<string, Scorecard>
        {
            ["interview-1"] = CardSamples.SubmittedScorecard(),
            ["interview-2"] = CardSamples.SubmittedScorecard() with { InterviewId = "interview-2", Status = ScorecardStatus.Draft, SubmittedAt = null },
        };
        var followUps = new Dictionary<string, InterviewFollowUp>
        {
            ["interview-3"] = InterviewFollowUp.Plan("interview-3", candidate.Id, []).MarkNotHeld(NotHeldReason.Rescheduled, Now.AddDays(-2)),
        };
        return new LoopSnapshot(candidate, loop, interviews, scorecards, new Dictionary<string, ScorecardDelivery>(), followUps);
    }
}
