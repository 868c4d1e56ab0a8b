namespace InterviewBot.Domain.Scorecards;

/// <summary>What the interviewer typed on the card, before any rule has looked at it.</summary>
public sealed record ScorecardDraft(
    IReadOnlyList<DimensionRating> Ratings,
    IReadOnlyList<string> Signals,
    Recommendation? Recommendation,
    string PrivateNote)
{
    public static ScorecardDraft From(Scorecard scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        return new(scorecard.Ratings, scorecard.Signals, scorecard.Recommendation, scorecard.PrivateNote);
    }
}

/// <summary>A problem with one field of the scorecard, keyed by the same name the card's input uses.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The names of scorecard fields, shared by the rules and the card so an error lands next to its input.</summary>
public static class ScorecardFields
{
    public const string Recommendation = "recommendation";
    public const string Signals = "signals";
    public const string PrivateNote = "privateNote";
    public const string NotAssessedValue = "na";

    public static string Rating(string dimensionId) => "rating." + dimensionId;

    public static string Evidence(string dimensionId) => "evidence." + dimensionId;
}

/// <summary>Sizes that keep a scorecard readable and well inside storage limits.</summary>
public static class ScorecardLimits
{
    public const int EvidenceMaxLength = 4000;
    public const int PrivateNoteMaxLength = 2000;
}
