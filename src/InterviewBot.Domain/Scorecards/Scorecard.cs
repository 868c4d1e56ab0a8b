namespace InterviewBot.Domain.Scorecards;

/// <summary>Where a scorecard is in its life.</summary>
public enum ScorecardStatus
{
    Draft,
    Submitted,
}

/// <summary>The rating of one focus dimension: a score from 1 to 5, or explicitly not assessed; evidence backs a score.</summary>
public sealed record DimensionRating(string DimensionId, int? Score, bool NotAssessed, string Evidence)
{
    public bool IsRated => Score is not null;

    public static DimensionRating Empty(string dimensionId) => new(dimensionId, null, false, string.Empty);
}

/// <summary>What an interviewer has written about a candidate for one interview.</summary>
public sealed record Scorecard(
    string InterviewId,
    string CandidateId,
    string InterviewerId,
    IReadOnlyList<DimensionRating> Ratings,
    IReadOnlyList<string> Signals,
    Recommendation? Recommendation,
    string PrivateNote,
    ScorecardStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    int Version)
{
    public DimensionRating RatingFor(string dimensionId) =>
        Ratings.FirstOrDefault(r => r.DimensionId == dimensionId) ?? DimensionRating.Empty(dimensionId);
}
