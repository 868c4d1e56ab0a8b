using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InterviewBot.Teams.Tests.Support;

/// <summary>Compares JSON documents by content: property order is ignored, timestamps compare as instants.</summary>
internal static class JsonAssert
{
    public static void Equivalent(string expected, string actual)
    {
        var differences = new List<string>();
        Compare(JsonNode.Parse(expected), JsonNode.Parse(actual), "$", differences);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences) + Environment.NewLine + "Actual: " + actual);
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected)
        {
            case null:
                if (actual is not null)
                {
                    differences.Add($"{path}: expected null, got {actual.ToJsonString()}");
                }

                return;
            case JsonObject expectedObject when actual is JsonObject actualObject:
                foreach (var (name, value) in expectedObject)
                {
                    if (!actualObject.TryGetPropertyValue(name, out var actualValue))
                    {
                        differences.Add($"{path}.{name}: missing");
                        continue;
                    }

                    Compare(value, actualValue, $"{path}.{name}", differences);
                }

                foreach (var (name, _) in actualObject)
                {
                    if (!expectedObject.ContainsKey(name))
                    {
                        differences.Add($"{path}.{name}: unexpected");
                    }
                }

                return;
            case JsonArray expectedArray when actual is JsonArray actualArray:
                if (expectedArray.Count != actualArray.Count)
                {
                    differences.Add($"{path}: expected {expectedArray.Count} items, got {actualArray.Count}");
                    return;
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    Compare(expectedArray[i], actualArray[i], $"{path}[{i}]", differences);
                }

                return;
            case JsonValue expectedValue when actual is JsonValue actualValue:
                if (JsonNode.DeepEquals(expectedValue, actualValue) || SameInstant(expectedValue, actualValue))
                {
                    return;
                }

                differences.Add($"{path}: expected {expectedValue.ToJsonString()}, got {actualValue.ToJsonString()}");
                return;
            default:
                differences.Add($"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "nothing"}");
                return;
        }
    }

    // "…Z" and "…+00:00" are the same timestamp; the serializer is free to pick either.
    private static bool SameInstant(JsonValue expected, JsonValue actual) =>
        expected.GetValueKind() == JsonValueKind.String
        && actual.GetValueKind() == JsonValueKind.String
        && DateTimeOffset.TryParse(expected.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var left)
        && DateTimeOffset.TryParse(actual.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var right)
        && left == right
        && left.Offset == right.Offset;
}
