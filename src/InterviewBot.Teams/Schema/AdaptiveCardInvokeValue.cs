using System.Text.Json;
using System.Text.Json.Serialization;

namespace InterviewBot.Teams.Schema;

/// <summary>The <c>value</c> of an <c>adaptiveCard/action</c> invoke, sent when a user runs an <c>Action.Execute</c> or a card refreshes.</summary>
public sealed class AdaptiveCardInvokeValue
{
    /// <summary>The invoke name Teams uses for <c>Action.Execute</c> and card refresh.</summary>
    public const string InvokeName = "adaptiveCard/action";

    public AdaptiveCardInvokeAction? Action { get; set; }

    /// <summary>"manual" when the user pressed a button, "automatic" for a refresh.</summary>
    public string? Trigger { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Whether a refresh, not a user, caused the invoke.</summary>
    [JsonIgnore]
    public bool IsAutomaticRefresh => string.Equals(Trigger, "automatic", StringComparison.OrdinalIgnoreCase);

    /// <summary>The parsed value of an <c>adaptiveCard/action</c> invoke; null for any other activity or a malformed value.</summary>
    public static AdaptiveCardInvokeValue? FromActivity(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!string.Equals(activity.Type, ActivityTypes.Invoke, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(activity.Name, InvokeName, StringComparison.Ordinal)
            || activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        try
        {
            return value.Deserialize<AdaptiveCardInvokeValue>(TeamsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The action a user ran: a copy of the card's <c>Action.Execute</c>, its <c>data</c> merged with the card's input values.</summary>
public sealed class AdaptiveCardInvokeAction
{
    /// <summary>"Action.Execute".</summary>
    public string? Type { get; set; }

    public string? Id { get; set; }

    public string? Verb { get; set; }

    /// <summary>The action's data with the values of the card's inputs, keyed by input id; undefined when absent.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonElement Data { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>A top-level value of <see cref="Data"/> as text (strings as they are, numbers and booleans in JSON form); null when absent.</summary>
    public string? GetDataString(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Data.ValueKind != JsonValueKind.Object || !Data.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
    }
}
