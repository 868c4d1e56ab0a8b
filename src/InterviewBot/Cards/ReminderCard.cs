using InterviewBot.Domain.Reminders;
using InterviewBot.Teams.Cards;

namespace InterviewBot.Cards;

/// <summary>The verbs of the reminder card's buttons.</summary>
internal static class ReminderVerbs
{
    public const string Snooze = "reminder.snooze";
    public const string NotHeld = "interview.notheld";
    public const string SnoozeOptionField = "snooze";
    public const string ReasonField = "notHeldReason";
}

/// <summary>The reminder an interviewer gets when feedback is late, and the escalation a hiring manager gets.</summary>
internal static class ReminderCard
{
    /// <summary>The interviewer's reminder: which candidate, which interview, how late, and what they can do.</summary>
    public static AdaptiveCard ForInterviewer(ScorecardSubject subject, ReminderKind kind, DateTimeOffset now, Banner? banner = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var late = Lateness.Describe(subject.Interview.FeedbackDue, now);
        var title = kind switch
        {
            ReminderKind.Nudge => "How did your interview go?",
            ReminderKind.Requested => "The hiring team is waiting for your feedback",
            _ => late is null ? "Your feedback is due" : $"Your feedback is overdue by {late}",
        };
        var body = new List<AdaptiveElement>
        {
            new TextBlock(title) { Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
        };
        if (banner is not null)
        {
            body.Add(new Container([new RichTextBlock([new TextRun(UserText.Clean(banner.Text, 500)) { Weight = TextWeight.Bolder }])]) { Style = banner.Tone == BannerTone.Good ? ContainerStyle.Good : ContainerStyle.Emphasis });
        }

        body.Add(UserText.Labelled("Candidate:", subject.Candidate.Name, 200));
        body.Add(new FactSet([
            new Fact("Role", subject.Template.Role),
            new Fact("Exercise", subject.Exercise?.Name ?? subject.Interview.ExerciseId),
            new Fact("Interview", CardTime.Range(subject.Interview.Start, subject.Interview.End, subject.TimeZone)),
            new Fact("Feedback due", CardTime.Format(subject.Interview.FeedbackDue, subject.TimeZone)),
        ]));
        body.Add(new TextBlock("Write it while the interview is fresh: the hiring panel decides from your evidence.") { Wrap = true, IsSubtle = true });
        var data = new Dictionary<string, object?> { ["interviewId"] = subject.Interview.Id };
        var notHeld = new AdaptiveCard
        {
            Body =
            [
                new InputChoiceSet(ReminderVerbs.ReasonField, [
                    new Choice("The candidate did not show up", nameof(NotHeldReason.NoShow)),
                    new Choice("It was cancelled", nameof(NotHeldReason.Cancelled)),
                    new Choice("It was rescheduled", nameof(NotHeldReason.Rescheduled)),
                ]) { Label = "What happened?", Style = ChoiceInputStyle.Expanded, IsRequired = true, ErrorMessage = "Choose what happened." },
            ],
            Actions = [new ActionExecute { Title = "Confirm", Verb = ReminderVerbs.NotHeld, Data = data, AssociatedInputs = AssociatedInputs.Auto }],
        };
        return new AdaptiveCard
        {
            Body = body,
            Actions =
            [
                new ActionExecute { Title = "Open scorecard", Verb = ScorecardVerbs.Open, Data = ScorecardCard.ActionData(subject.Interview.Id, 0), Style = ActionStyle.Positive },
                new ActionExecute { Title = "Snooze 2 hours", Verb = ReminderVerbs.Snooze, Data = new Dictionary<string, object?> { ["interviewId"] = subject.Interview.Id, [ReminderVerbs.SnoozeOptionField] = nameof(SnoozeOption.Short) } },
                new ActionExecute { Title = "Snooze until next working morning", Verb = ReminderVerbs.Snooze, Data = new Dictionary<string, object?> { ["interviewId"] = subject.Interview.Id, [ReminderVerbs.SnoozeOptionField] = nameof(SnoozeOption.NextWorkingMorning) } },
                new ActionShowCard(notHeld) { Title = "The interview didn't happen" },
            ],
            FallbackText = title,
            MSTeams = new MSTeamsCardOptions { Width = "Full" },
        };
    }

    /// <summary>One overdue interviewer in an escalation.</summary>
    public sealed record Overdue(string InterviewerName, string Exercise, TimeSpan Late);

    /// <summary>The hiring manager's escalation: who is overdue on this candidate's loop, and by how long.</summary>
    public static AdaptiveCard Escalation(string candidateName, string role, IReadOnlyList<Overdue> overdue)
    {
        ArgumentNullException.ThrowIfNull(overdue);
        var body = new List<AdaptiveElement>
        {
            new TextBlock("Interview feedback is overdue") { Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            UserText.Labelled("Candidate:", candidateName, 200),
            new TextBlock(role) { IsSubtle = true, Wrap = true },
        };
        foreach (var item in overdue)
        {
            body.Add(new RichTextBlock([
                new TextRun(UserText.Clean(item.InterviewerName, 200)) { Weight = TextWeight.Bolder },
                new TextRun($" · {item.Exercise} · overdue by {Lateness.Describe(item.Late)}"),
            ]) { Separator = true });
        }

        body.Add(new TextBlock("Type **remind** followed by the candidate's name to nudge everyone who is late, or **status** to see the whole loop.") { Wrap = true, IsSubtle = true });
        return new AdaptiveCard { Body = body, FallbackText = "Interview feedback is overdue", MSTeams = new MSTeamsCardOptions { Width = "Full" } };
    }
}
