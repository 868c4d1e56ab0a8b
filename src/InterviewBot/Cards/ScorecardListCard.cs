using InterviewBot.Domain.Scorecards;
using InterviewBot.Storage.Hiring;
using InterviewBot.Teams.Cards;

namespace InterviewBot.Cards;

/// <summary>The list of an interviewer's own interviews: to do first, then done, each with a button to open its scorecard.</summary>
internal static class ScorecardListCard
{
    public const int MaxShown = 20;

    public static AdaptiveCard Build(IReadOnlyList<InterviewContext> interviews, string? timeZone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(interviews);
        var pending = interviews.Where(i => i.Scorecard?.Value.Status != ScorecardStatus.Submitted).OrderBy(i => i.Interview.FeedbackDue).ToList();
        var done = interviews.Where(i => i.Scorecard?.Value.Status == ScorecardStatus.Submitted).OrderByDescending(i => i.Interview.End).ToList();
        var body = new List<AdaptiveElement>
        {
            new TextBlock("Your scorecards") { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading },
            new TextBlock(pending.Count == 0 ? "Nothing to do: every scorecard is submitted." : $"{pending.Count} to do, {done.Count} submitted.") { Wrap = true },
        };
        foreach (var item in pending.Concat(done).Take(MaxShown))
        {
            body.Add(Row(item, timeZone, now));
        }

        if (pending.Count + done.Count > MaxShown)
        {
            body.Add(new TextBlock($"Showing {MaxShown} of {pending.Count + done.Count}.") { IsSubtle = true, Wrap = true });
        }

        return new AdaptiveCard { Body = body, FallbackText = "Your scorecards", MSTeams = new MSTeamsCardOptions { Width = "Full" } };
    }

    private static Container Row(InterviewContext item, string? timeZone, DateTimeOffset now)
    {
        var scorecard = item.Scorecard?.Value;
        var status = scorecard switch
        {
            { Status: ScorecardStatus.Submitted } => "Submitted",
            { Status: ScorecardStatus.Draft } => "Draft saved",
            _ when !item.Interview.HasEnded(now) => "Interview not over yet",
            _ => "Not started",
        };
        if (scorecard?.Status != ScorecardStatus.Submitted && item.Interview.FeedbackDue < now)
        {
            status += $" · overdue by {Duration(now - item.Interview.FeedbackDue)}";
        }

        return new Container([
            UserText.Labelled("Candidate:", item.Candidate.Name, 200),
            new FactSet([
                new Fact("Interview", CardTime.Range(item.Interview.Start, item.Interview.End, timeZone)),
                new Fact("Status", status),
                new Fact("Due", CardTime.Format(item.Interview.FeedbackDue, timeZone)),
            ]),
            new ActionSet([
                new ActionExecute
                {
                    Title = scorecard?.Status == ScorecardStatus.Submitted ? "View scorecard" : "Open scorecard",
                    Verb = ScorecardVerbs.Open,
                    Data = ScorecardCard.ActionData(item.Interview.Id, scorecard?.Version ?? 0),
                },
            ]),
        ]) { Separator = true };
    }

    internal static string Duration(TimeSpan span) => span.TotalHours < 1
        ? $"{Math.Max(1, (int)span.TotalMinutes)} min"
        : span.TotalDays < 2 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalDays} days";
}
