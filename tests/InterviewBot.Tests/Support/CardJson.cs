using System.Text.Json.Nodes;
using InterviewBot.Teams.Cards;

namespace InterviewBot.Tests.Support;

/// <summary>Reads a card the way Teams receives it: as the JSON the serializer writes.</summary>
internal static class CardJson
{
    public static JsonObject Of(AdaptiveCard card) =>
        JsonNode.Parse(AdaptiveCardSerializer.Serialize(card))?.AsObject() ?? throw new InvalidOperationException("The card serialized to null.");

    /// <summary>Every object in the card, in document order.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var (_, value) in obj)
                {
                    foreach (var inner in Objects(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var inner in Objects(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    public static IReadOnlyList<JsonObject> OfType(JsonNode card, string type) =>
        [.. Objects(card).Where(o => Type(o) == type)];

    public static JsonObject ById(JsonNode card, string id) =>
        Objects(card).SingleOrDefault(o => (string?)o["id"] == id)
        ?? throw new Xunit.Sdk.XunitException($"The card has no element with id '{id}': {card.ToJsonString()}");

    public static string? Type(JsonObject obj) => obj["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)obj["type"] : null;

    /// <summary>The element after the one with <paramref name="id"/> in the same list, or null when it is the last.</summary>
    /// <summary>The colour of an error line: errors are RichTextBlocks whose single TextRun carries the colour and text.</summary>
    public static string? ErrorColor(JsonObject? element) =>
        Type(element!) == "RichTextBlock" ? (string?)element!["inlines"]![0]!["color"] : (string?)element?["color"];

    public static string? ErrorText(JsonObject? element) =>
        Type(element!) == "RichTextBlock" ? (string?)element!["inlines"]![0]!["text"] : (string?)element?["text"];

    public static JsonObject? NextSibling(JsonNode card, string id)
    {
        var element = ById(card, id);
        var list = element.Parent as JsonArray ?? throw new Xunit.Sdk.XunitException($"'{id}' is not in a list.");
        var index = list.IndexOf(element);
        return index + 1 < list.Count ? list[index + 1]?.AsObject() : null;
    }

    /// <summary>The text a reader sees: TextBlocks, TextRuns and facts, in document order.</summary>
    public static string VisibleText(JsonNode card) => string.Join(
        "\n",
        Objects(card).SelectMany(o => Type(o) switch
        {
            "TextBlock" or "TextRun" => [(string?)o["text"] ?? string.Empty],
            "FactSet" => o["facts"]!.AsArray().Select(f => $"{(string?)f!["title"]}: {(string?)f["value"]}"),
            _ => [],
        }));

    public static IReadOnlyList<JsonObject> Actions(JsonNode card) =>
        [.. Objects(card).Where(o => Type(o)?.StartsWith("Action.", StringComparison.Ordinal) == true)];

    public static JsonObject Action(JsonNode card, string title) =>
        Actions(card).SingleOrDefault(a => (string?)a["title"] == title)
        ?? throw new Xunit.Sdk.XunitException($"The card has no action '{title}'; it has: {string.Join(", ", Actions(card).Select(a => (string?)a["title"]))}.");
}
