using System.Text.Json;
using System.Text.Json.Nodes;

namespace InterviewBot.Tests.Scorecards;

/// <summary>Builds the <c>data</c> Teams sends with a scorecard button: the ids the button carried plus the card's input values.</summary>
internal static class ScorecardInputs
{
    public const string Evidence = "Designed feature freshness tiers and a shadow rollout with automatic rollback.";

    public static Dictionary<string, object?> Complete(string evidence = Evidence, string recommendation = "Hire") => new()
    {
        ["rating.ml-systems-design"] = "4",
        ["evidence.ml-systems-design"] = evidence,
        ["rating.mlops-operations"] = "na",
        ["evidence.mlops-operations"] = string.Empty,
        ["signals"] = "pragmatic-tradeoffs,monitoring-by-default",
        ["recommendation"] = recommendation,
        ["privateNote"] = "Strong on trade-offs.",
    };

    public static JsonElement Data(string? interviewId, int baseVersion, IReadOnlyDictionary<string, object?>? inputs = null)
    {
        var data = new JsonObject();
        if (interviewId is not null)
        {
            data["interviewId"] = interviewId;
        }

        data["baseVersion"] = baseVersion;
        foreach (var (key, value) in inputs ?? new Dictionary<string, object?>())
        {
            data[key] = JsonSerializer.SerializeToNode(value);
        }

        return JsonSerializer.SerializeToElement(data);
    }

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
