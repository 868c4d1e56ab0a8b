using System.Text.Json.Serialization;

namespace InterviewBot.Teams.Cards;

/// <summary>An Adaptive Card (schema 1.5) as Teams renders it.</summary>
public sealed class AdaptiveCard
{
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    [JsonPropertyName("$schema")]
    public string Schema { get; set; } = SchemaUrl;

    public string Type { get; } = "AdaptiveCard";

    public string Version { get; set; } = "1.5";

    /// <summary>An Action.Execute Teams runs when the card is shown, so that each listed user sees their own view.</summary>
    public AdaptiveRefresh? Refresh { get; set; }

    public List<AdaptiveElement> Body { get; set; } = [];

    public List<AdaptiveAction>? Actions { get; set; }

    /// <summary>Shown by clients that cannot render the card, and in notifications.</summary>
    public string? FallbackText { get; set; }

    public string? Speak { get; set; }

    [JsonPropertyName("msteams")]
    public MSTeamsCardOptions? MSTeams { get; set; }
}

/// <summary>The Teams-only <c>msteams</c> property of a card.</summary>
public sealed class MSTeamsCardOptions
{
    /// <summary>"Full" lets the card use the whole width of the conversation.</summary>
    public string? Width { get; set; }

    /// <summary>Mention entities for the <c>&lt;at&gt;…&lt;/at&gt;</c> tags used in the card's text.</summary>
    public List<Schema.Entity>? Entities { get; set; }
}

/// <summary>The <c>refresh</c> of a card: the action to run, and for whom it runs automatically (at most 5 users).</summary>
public sealed class AdaptiveRefresh
{
    // The action is written through the AdaptiveAction contract so that it carries its "type".
    [JsonConverter(typeof(ActionExecuteAsActionConverter))]
    public required ActionExecute Action { get; set; }

    /// <summary>The Teams user ids (<c>29:…</c>) whose clients refresh the card on display; others get a refresh button.</summary>
    public List<string>? UserIds { get; set; }
}
