using InterviewBot.Debriefs;
using InterviewBot.Domain.Hiring;
using InterviewBot.Teams.Cards;

namespace InterviewBot.Cards;

/// <summary>The answers to the person who linked a channel, asked for a debrief or unlocked a loop.</summary>
internal static class DebriefReplies
{
    public static AdaptiveCard Linked(HiringChannel channel, IReadOnlyList<string> candidates, string? role, string? requisitionId)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(candidates);
        var body = new List<AdaptiveElement>
        {
            new TextBlock("Hiring channel linked") { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Wrap = true },
            UserText.Labelled("Channel:", channel.ChannelName ?? "this channel", 200),
        };
        if (requisitionId is not null)
        {
            body.Add(UserText.Labelled("Requisition:", requisitionId, 200));
        }

        body.Add(UserText.Labelled(candidates.Count == 1 ? "Candidate:" : "Candidates:", string.Join(", ", candidates.Take(20)) + (candidates.Count > 20 ? $" and {candidates.Count - 20} more" : string.Empty), 1000));
        if (role is not null)
        {
            body.Add(new TextBlock(role) { IsSubtle = true, Wrap = true });
        }

        body.Add(new TextBlock(requisitionId is null
            ? "Debriefs for this candidate will be posted here. Type **debrief** and the candidate's name when the panel is ready."
            : "Debriefs for every candidate of this requisition will be posted here, unless a loop has its own channel.") { Wrap = true });
        return Card(body, "Hiring channel linked");
    }

    public static AdaptiveCard Posted(DebriefOutcome.Posted posted, string? timeZone)
    {
        ArgumentNullException.ThrowIfNull(posted);
        var body = new List<AdaptiveElement>
        {
            new TextBlock(posted.Debrief.IsPartial ? "Partial debrief posted" : "Debrief posted") { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Wrap = true },
            UserText.Labelled("Candidate:", posted.Debrief.Candidate.Name, 200),
            UserText.Labelled("Channel:", posted.Channel.ChannelName ?? "the hiring channel", 200),
            new TextBlock(posted.Debrief.IsPartial
                ? $"{posted.Debrief.Completion.Submitted} of {posted.Debrief.Completion.Expected} scorecards are in; the post says it is partial. Scorecards stay open."
                : "All scorecards are in." + (posted.Debrief.ChangedSincePosted ? " It notes the scorecards changed since the last debrief." : string.Empty)) { Wrap = true, IsSubtle = true },
        };
        return new AdaptiveCard
        {
            Body = body,
            Actions = [new ActionOpenUrl(posted.Thread.Link) { Title = "Open the debrief" }],
            FallbackText = "Debrief posted",
            MSTeams = new MSTeamsCardOptions { Width = "Full" },
        };
    }

    public static AdaptiveCard NoChannel(string candidateName, string? requisitionId) => Card(
        [
            new TextBlock("No hiring channel yet") { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Wrap = true },
            UserText.Labelled("Candidate:", candidateName, 200),
            new TextBlock("The debrief is posted to the team channel where the hiring panel meets. Add InterviewBot to that team, then in the channel mention me and type **link** with the candidate's name"
                + (requisitionId is null ? "." : " or the requisition id, to link every candidate of the requisition at once.")) { Wrap = true },
            new TextBlock("Loops created through the REST API can name their hiring channel in `hiringChannel`.") { Wrap = true, IsSubtle = true },
        ],
        "No hiring channel yet");

    public static AdaptiveCard Unlocked(string candidateName) => Card(
        [
            new TextBlock("Scorecards unlocked") { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Wrap = true },
            UserText.Labelled("Candidate:", candidateName, 200),
            new TextBlock("Interviewers can edit their scorecards again. Every change is kept as a new version, and the next debrief shows which scorecards changed after the last one was posted.") { Wrap = true },
        ],
        "Scorecards unlocked");

    private static AdaptiveCard Card(List<AdaptiveElement> body, string fallback) =>
        new() { Body = body, FallbackText = fallback, MSTeams = new MSTeamsCardOptions { Width = "Full" } };
}
