using InterviewBot.Domain.Scorecards;
using InterviewBot.Storage.Hiring;

namespace InterviewBot.Scorecards;

/// <summary>What happens once a scorecard is submitted and stored: calibration tallies, an automatic debrief.</summary>
internal interface IScorecardSubmissions
{
    /// <summary>
    /// Called after <paramref name="submitted"/> is stored; <paramref name="previous"/> is the submitted version it
    /// replaced, or null for a first submit.
    /// </summary>
    Task OnSubmittedAsync(InterviewContext context, Scorecard? previous, Scorecard submitted, CancellationToken cancellationToken = default);
}
