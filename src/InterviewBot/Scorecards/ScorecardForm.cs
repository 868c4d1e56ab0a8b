using System.Globalization;
using System.Text.Json;
using InterviewBot.Domain.Scorecards;

namespace InterviewBot.Scorecards;

/// <summary>Reads what the scorecard card sent back: the ids the buttons carried and the values of its inputs.</summary>
internal static class ScorecardForm
{
    public static string? InterviewId(JsonElement data) => Text(data, "interviewId");

    public static int BaseVersion(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("baseVersion", out var value))
        {
            return 0;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => 0,
        };
    }

    /// <summary>
    /// The inputs as a draft, exactly as typed. Every <c>rating.*</c> key is read, not only the interview's focus, so
    /// that a forged field is reported by the rules instead of silently dropped.
    /// </summary>
    public static ScorecardDraft Read(JsonElement data, IReadOnlyList<string> focus)
    {
        var ratings = new Dictionary<string, DimensionRating>(StringComparer.Ordinal);
        foreach (var dimensionId in focus)
        {
            ratings[dimensionId] = DimensionRating.Empty(dimensionId);
        }

        if (data.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in data.EnumerateObject())
            {
                if (property.Name.StartsWith("rating.", StringComparison.Ordinal))
                {
                    var id = property.Name["rating.".Length..];
                    var raw = Scalar(property.Value)?.Trim();
                    var current = ratings.GetValueOrDefault(id) ?? DimensionRating.Empty(id);
                    ratings[id] = raw switch
                    {
                        ScorecardFields.NotAssessedValue => current with { NotAssessed = true },
                        _ when int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var score) => current with { Score = score },
                        _ => current,
                    };
                }
                else if (property.Name.StartsWith("evidence.", StringComparison.Ordinal))
                {
                    var id = property.Name["evidence.".Length..];
                    var current = ratings.GetValueOrDefault(id) ?? DimensionRating.Empty(id);
                    ratings[id] = current with { Evidence = Scalar(property.Value) ?? string.Empty };
                }
            }
        }

        Recommendation? recommendation = RecommendationNames.TryParse(Text(data, ScorecardFields.Recommendation), out var chosen) ? chosen : null;
        return new ScorecardDraft(
            [.. ratings.Values],
            Signals(data),
            recommendation,
            Text(data, ScorecardFields.PrivateNote) ?? string.Empty);
    }

    private static List<string> Signals(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty(ScorecardFields.Signals, out var value))
        {
            return [];
        }

        // Teams sends a multi-select as one comma-separated string; accept an array too.
        var items = value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(Scalar)
            : (Scalar(value) ?? string.Empty).Split(',');
        return [.. items.OfType<string>().Select(s => s.Trim()).Where(s => s.Length > 0)];
    }

    private static string? Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) ? Scalar(value) : null;

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
