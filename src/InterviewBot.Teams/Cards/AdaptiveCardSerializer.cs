using System.Text.Json;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Teams.Cards;

/// <summary>Turns cards into the JSON Teams expects.</summary>
public static class AdaptiveCardSerializer
{
    /// <summary>The options cards are written with: camelCase, nulls omitted, enums as schema strings.</summary>
    public static JsonSerializerOptions Options => TeamsJson.Options;

    public static string Serialize(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return JsonSerializer.Serialize(card, Options);
    }

    public static JsonElement ToJsonElement(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return JsonSerializer.SerializeToElement(card, Options);
    }

    /// <summary>Reads a card written by <see cref="Serialize"/>; elements this model does not know fail the read.</summary>
    public static AdaptiveCard Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<AdaptiveCard>(json, Options)
            ?? throw new JsonException("The JSON is null, not an Adaptive Card.");
    }
}
