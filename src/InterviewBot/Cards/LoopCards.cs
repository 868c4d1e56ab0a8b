using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;
using InterviewBot.Loops;
using InterviewBot.Storage.Hiring;
using InterviewBot.Teams.Cards;

namespace InterviewBot.Cards;

/// <summary>Cards for recruiters and hiring managers: which loop did you mean, the loop's status, who was reminded.</summary>
internal static class LoopCards
{
    /// <summary>One interviewer's line in the answer to <c>remind</c>.</summary>
    public sealed record NudgeLine(string InterviewerName, bool Reminded, string What);

    public static AdaptiveCard Choose(string verb, IReadOnlyList<ManagedLoop> loops, string? viewerTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(loops);
        var body = new List<AdaptiveElement>
        {
            new TextBlock("Which candidate did you mean?") { Size = TextSize.Medium, Weight = TextWeight.Bolder, Wrap = true },
        };
        foreach (var loop in loops)
        {
            body.Add(new Container([
                UserText.Labelled("Candidate:", loop.CandidateName, 200),
                new RichTextBlock([new TextRun(UserText.Clean($"Loop created {CardTime.Format(loop.CreatedAt, viewerTimeZone)}" + (loop.ExternalId is null ? string.Empty : $" · ATS id {loop.ExternalId}"), 300)) { IsSubtle = true, Size = TextSize.Small }]),
                new ActionSet([new ActionExecute { Title = ButtonTitle(verb), Verb = verb, Data = new Dictionary<string, object?> { ["loopId"] = loop.LoopId } }]),
            ]) { Separator = true });
        }

        return Card(body, "Which candidate did you mean?");
    }

    /// <summary>
    /// Who has submitted, who is pending, who is overdue and by how long, and interviews that did not happen. Never
    /// ratings. Times read on the wall clock of <paramref name="viewerTimeZone"/> (UTC when unknown).
    /// </summary>
    public static AdaptiveCard Status(LoopSnapshot loop, ScorecardTemplate? template, DateTimeOffset now, string? viewerTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(loop);
        var submitted = loop.Interviews.Count(i => loop.Scorecards.GetValueOrDefault(i.Id)?.Status == ScorecardStatus.Submitted);
        var expected = loop.Interviews.Count(i => loop.FollowUps.GetValueOrDefault(i.Id)?.NotHeld is null);
        var body = new List<AdaptiveElement>
        {
            new TextBlock("Loop status") { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading },
            UserText.Labelled("Candidate:", loop.Candidate.Name, 200),
            new TextBlock($"{template?.Role ?? loop.Loop.TemplateId} · {submitted} of {expected} scorecards submitted") { Wrap = true, IsSubtle = true },
        };
        foreach (var interview in loop.Interviews)
        {
            var scorecard = loop.Scorecards.GetValueOrDefault(interview.Id);
            var followUp = loop.FollowUps.GetValueOrDefault(interview.Id);
            var state = followUp?.NotHeld is { } reason ? $"Didn't happen ({Reminders.ReminderActions.Describe(reason)})"
                : scorecard?.Status == ScorecardStatus.Submitted ? $"Submitted {CardTime.Format(scorecard.SubmittedAt ?? scorecard.UpdatedAt, viewerTimeZone)}"
                : !interview.HasEnded(now) ? "Interview not over yet"
                : now > interview.FeedbackDue ? $"Overdue by {Lateness.Describe(interview.FeedbackDue, now)}" + (scorecard is null ? string.Empty : " (draft saved)")
                : "Pending" + (scorecard is null ? string.Empty : " (draft saved)");
            body.Add(new Container([
                new RichTextBlock([
                    new TextRun(UserText.Clean(interview.Interviewer.Name, 200)) { Weight = TextWeight.Bolder },
                    new TextRun(" · " + (template?.FindExercise(interview.ExerciseId)?.Name ?? interview.ExerciseId)),
                ]),
                new TextBlock(state) { Wrap = true, Color = state.StartsWith("Overdue", StringComparison.Ordinal) ? TextColor.Attention : null, Spacing = Spacing.None },
            ]) { Separator = true });
        }

        return Card(body, "Loop status");
    }

    public static AdaptiveCard NudgeResult(string candidateName, string role, IReadOnlyList<NudgeLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var reminded = lines.Count(l => l.Reminded);
        var body = new List<AdaptiveElement>
        {
            new TextBlock(reminded == 0 ? "Nobody needed a reminder" : reminded == 1 ? "Reminded 1 interviewer" : $"Reminded {reminded} interviewers") { Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            UserText.Labelled("Candidate:", candidateName, 200),
            new TextBlock(role) { IsSubtle = true, Wrap = true },
        };
        body.AddRange(lines.Select(l => new RichTextBlock([
            new TextRun(UserText.Clean(l.InterviewerName, 200)) { Weight = TextWeight.Bolder },
            new TextRun(": " + l.What) { Color = l.Reminded ? TextColor.Good : null },
        ])));
        return Card(body, "Reminders");
    }

    private static string ButtonTitle(string verb) => verb switch
    {
        LoopActions.StatusVerb => "Show status",
        LoopActions.RemindVerb => "Remind late interviewers",
        Debriefs.DebriefActions.DebriefVerb => "Post the debrief",
        Debriefs.DebriefActions.LinkVerb => "Link this channel",
        Debriefs.DebriefActions.UnlockVerb => "Unlock scorecards",
        _ => "Choose",
    };

    private static AdaptiveCard Card(List<AdaptiveElement> body, string fallback) =>
        new() { Body = body, FallbackText = fallback, MSTeams = new MSTeamsCardOptions { Width = "Full" } };
}
