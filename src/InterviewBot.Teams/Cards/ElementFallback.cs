using System.Text.Json;
using System.Text.Json.Serialization;

namespace InterviewBot.Teams.Cards;

/// <summary>
/// The <c>fallback</c> of an element: another element to show in its place, or <see cref="Drop"/> to show nothing.
/// Teams-only elements such as charts carry one so that other clients still show the information.
/// </summary>
[JsonConverter(typeof(ElementFallbackConverter))]
public sealed class ElementFallback
{
    private ElementFallback(AdaptiveElement? element) => Element = element;

    /// <summary>Leave the element out where it cannot be rendered.</summary>
    public static ElementFallback Drop { get; } = new(null);

    /// <summary>The element shown instead, or null for <see cref="Drop"/>.</summary>
    public AdaptiveElement? Element { get; }

    public bool IsDrop => Element is null;

    public static ElementFallback To(AdaptiveElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return new(element);
    }
}

/// <summary>Writes a fallback as the schema spells it: the string "drop", or an element with its "type".</summary>
internal sealed class ElementFallbackConverter : JsonConverter<ElementFallback>
{
    private const string DropValue = "drop";

    public override ElementFallback? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return string.Equals(reader.GetString(), DropValue, StringComparison.OrdinalIgnoreCase)
                ? ElementFallback.Drop
                : throw new JsonException($"A fallback is an element or \"{DropValue}\".");
        }

        return JsonSerializer.Deserialize<AdaptiveElement>(ref reader, options) is { } element ? ElementFallback.To(element) : null;
    }

    public override void Write(Utf8JsonWriter writer, ElementFallback value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Element is null)
        {
            writer.WriteStringValue(DropValue);
            return;
        }

        JsonSerializer.Serialize(writer, value.Element, options);
    }
}
