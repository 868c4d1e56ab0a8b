using System.Text.Json;
using System.Text.Json.Serialization;

namespace InterviewBot.Teams.Cards;

/// <summary>A button on a card; its JSON "type" comes from the registrations below.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ActionExecute), "Action.Execute")]
[JsonDerivedType(typeof(ActionSubmit), "Action.Submit")]
[JsonDerivedType(typeof(ActionOpenUrl), "Action.OpenUrl")]
[JsonDerivedType(typeof(ActionShowCard), "Action.ShowCard")]
[JsonDerivedType(typeof(ActionToggleVisibility), "Action.ToggleVisibility")]
public abstract class AdaptiveAction
{
    public string? Title { get; set; }

    public string? Id { get; set; }

    public ActionStyle? Style { get; set; }

    public string? IconUrl { get; set; }
}

/// <summary>Sends an <c>adaptiveCard/action</c> invoke to the bot, which answers with a new card or a message.</summary>
public sealed class ActionExecute : AdaptiveAction
{
    public string? Verb { get; set; }

    /// <summary>Hidden data sent with the action; Teams adds the card's input values to it.</summary>
    public object? Data { get; set; }

    public AssociatedInputs? AssociatedInputs { get; set; }
}

/// <summary>Sends a message activity whose <c>value</c> is the data and the input values.</summary>
public sealed class ActionSubmit : AdaptiveAction
{
    public object? Data { get; set; }

    public AssociatedInputs? AssociatedInputs { get; set; }
}

/// <summary>Opens a URL.</summary>
public sealed class ActionOpenUrl(string url) : AdaptiveAction
{
    public string Url { get; set; } = url;
}

/// <summary>Reveals a nested card below the actions.</summary>
public sealed class ActionShowCard(AdaptiveCard card) : AdaptiveAction
{
    public AdaptiveCard Card { get; set; } = card;
}

/// <summary>Shows or hides the elements with the given ids.</summary>
public sealed class ActionToggleVisibility(List<string> targetElements) : AdaptiveAction
{
    public List<string> TargetElements { get; set; } = targetElements;
}

/// <summary>Writes a property declared as <see cref="ActionExecute"/> with its "type", as the polymorphic base would.</summary>
internal sealed class ActionExecuteAsActionConverter : JsonConverter<ActionExecute>
{
    public override ActionExecute? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<AdaptiveAction>(ref reader, options) switch
        {
            null => null,
            ActionExecute execute => execute,
            var other => throw new JsonException($"Expected Action.Execute, found {other.GetType().Name}."),
        };

    public override void Write(Utf8JsonWriter writer, ActionExecute value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize<AdaptiveAction>(writer, value, options);
}
