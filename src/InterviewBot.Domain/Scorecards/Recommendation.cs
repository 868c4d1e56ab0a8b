namespace InterviewBot.Domain.Scorecards;

/// <summary>The interviewer's overall recommendation; there is deliberately no neutral option.</summary>
public enum Recommendation
{
    StrongNoHire,
    NoHire,
    Hire,
    StrongHire,
}

/// <summary>Display names for recommendations.</summary>
public static class RecommendationNames
{
    public static string Display(this Recommendation recommendation) => recommendation switch
    {
        Recommendation.StrongNoHire => "Strong No Hire",
        Recommendation.NoHire => "No Hire",
        Recommendation.Hire => "Hire",
        Recommendation.StrongHire => "Strong Hire",
        _ => throw new ArgumentOutOfRangeException(nameof(recommendation)),
    };

    public static bool TryParse(string? value, out Recommendation recommendation)
    {
        recommendation = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        // Only a single name: Enum.TryParse alone would also take numbers and "Hire,NoHire" combinations.
        var name = value.Replace(" ", string.Empty, StringComparison.Ordinal);
        foreach (var candidate in Enum.GetValues<Recommendation>())
        {
            if (string.Equals(candidate.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                recommendation = candidate;
                return true;
            }
        }

        return false;
    }
}
