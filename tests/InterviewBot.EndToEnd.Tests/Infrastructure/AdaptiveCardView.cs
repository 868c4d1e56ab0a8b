using System.Text.Json;
using System.Text.Json.Nodes;

namespace InterviewBot.EndToEnd.Tests.Infrastructure;

/// <summary>An Action.Execute button on a card: what it says, its verb and the data it carries.</summary>
public sealed record CardButton(string Title, string Verb, JsonElement Data)
{
    public string? DataString(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}

/// <summary>
/// Reads an Adaptive Card the way a person looks at it (the texts shown, the inputs and what they hold, the
/// buttons), and presses a button the way a Teams client does: the button's data merged with the inputs' values.
/// </summary>
public sealed class AdaptiveCardView
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    private readonly List<JsonElement> _elements = [];
    private readonly List<(JsonElement Element, IReadOnlyList<JsonElement> Siblings, int Index)> _placed = [];

    public AdaptiveCardView(JsonElement card)
    {
        if (card.ValueKind != JsonValueKind.Object || card.GetProperty("type").GetString() != "AdaptiveCard")
        {
            throw new ArgumentException($"Not an Adaptive Card: {card.GetRawText()}", nameof(card));
        }

        Json = card.Clone();
        if (Json.TryGetProperty("body", out var body))
        {
            Walk(body);
        }

        var buttons = new List<CardButton>();
        foreach (var element in _elements.Where(e => TypeOf(e) == "ActionSet"))
        {
            buttons.AddRange(Buttons(element.GetProperty("actions")));
        }

        if (Json.TryGetProperty("actions", out var actions))
        {
            buttons.AddRange(Buttons(actions));
        }

        ButtonList = buttons;
    }

    public JsonElement Json { get; }

    public IReadOnlyList<CardButton> ButtonList { get; }

    /// <summary>Every text a person can read on the card, one entry per block, fact or label.</summary>
    public IReadOnlyList<string> Texts => [.. _elements.SelectMany(TextsOf)];

    public IReadOnlyList<string> InputIds => [.. Inputs.Select(i => i.GetProperty("id").GetString()!)];

    /// <summary>The texts shown in attention colour: validation errors.</summary>
    public IReadOnlyList<string> Errors => [.. _elements.Select(AttentionText).OfType<string>()];

    private IEnumerable<JsonElement> Inputs => _elements.Where(e => TypeOf(e)?.StartsWith("Input.", StringComparison.Ordinal) == true);

    public static AdaptiveCardView? FromAttachment(JsonElement attachment) =>
        attachment.TryGetProperty("contentType", out var type) && type.GetString() == ContentType
            ? new AdaptiveCardView(attachment.GetProperty("content"))
            : null;

    public bool Shows(string text) => Texts.Any(t => t.Contains(text, StringComparison.Ordinal));

    public JsonElement Input(string id) =>
        Inputs.FirstOrDefault(i => String(i, "id") == id) is { ValueKind: JsonValueKind.Object } input
            ? input
            : throw new KeyNotFoundException($"The card has no input '{id}'. Inputs: {string.Join(", ", InputIds)}.");

    /// <summary>What the input shows as filled in; null when empty.</summary>
    public string? ValueOf(string inputId) => String(Input(inputId), "value");

    /// <summary>The error texts placed directly after an input, which is where a person looks for them.</summary>
    public IReadOnlyList<string> ErrorsNextTo(string inputId)
    {
        var (_, siblings, index) = _placed.First(p => TypeOf(p.Element)?.StartsWith("Input.", StringComparison.Ordinal) == true && String(p.Element, "id") == inputId);
        var errors = new List<string>();
        for (var i = index + 1; i < siblings.Count && AttentionText(siblings[i]) is { } error; i++)
        {
            errors.Add(error);
        }

        return errors;
    }

    public CardButton Button(string title) =>
        ButtonList.FirstOrDefault(b => b.Title == title)
        ?? throw new KeyNotFoundException($"The card has no button '{title}'. Buttons: {string.Join(", ", ButtonList.Select(b => b.Title))}.");

    /// <summary>
    /// The <c>value.action</c> of the invoke a Teams client sends when the button is pressed after
    /// <paramref name="typed"/> was entered: the button's data plus the value of every input that holds one.
    /// An empty string clears an input, which clients then leave out.
    /// </summary>
    public JsonObject Press(string title, IReadOnlyDictionary<string, string>? typed = null)
    {
        var button = Button(title);
        var data = JsonNode.Parse(button.Data.GetRawText())?.AsObject() ?? [];
        foreach (var input in Inputs)
        {
            var id = String(input, "id")!;
            var value = typed is not null && typed.TryGetValue(id, out var entered) ? entered : String(input, "value");
            if (!string.IsNullOrEmpty(value))
            {
                data[id] = value;
            }
        }

        foreach (var (id, value) in typed ?? new Dictionary<string, string>())
        {
            if (!InputIds.Contains(id) && !string.IsNullOrEmpty(value))
            {
                // A forged field that no input on the card has; a real client never sends it.
                data[id] = value;
            }
        }

        return new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = button.Title,
            ["verb"] = button.Verb,
            ["data"] = data,
        };
    }

    public override string ToString() => string.Join(" | ", Texts);

    private static IEnumerable<CardButton> Buttons(JsonElement actions) =>
        actions.EnumerateArray()
            .Where(a => TypeOf(a) == "Action.Execute")
            .Select(a => new CardButton(String(a, "title") ?? string.Empty, String(a, "verb") ?? string.Empty, a.TryGetProperty("data", out var d) ? d.Clone() : default));

    /// <summary>The text of a block shown entirely in attention colour, whether a TextBlock or a RichTextBlock of runs.</summary>
    private static string? AttentionText(JsonElement element) => TypeOf(element) switch
    {
        "TextBlock" when String(element, "color") == "attention" => String(element, "text"),
        "RichTextBlock" when element.GetProperty("inlines").EnumerateArray().ToList() is { Count: > 0 } runs && runs.All(r => String(r, "color") == "attention")
            => string.Concat(runs.Select(r => String(r, "text"))),
        _ => null,
    };

    private static IEnumerable<string> TextsOf(JsonElement element)
    {
        switch (TypeOf(element))
        {
            case "TextBlock":
                yield return String(element, "text") ?? string.Empty;
                break;
            case "RichTextBlock":
                yield return string.Concat(element.GetProperty("inlines").EnumerateArray().Select(r => String(r, "text")));
                break;
            case "FactSet":
                foreach (var fact in element.GetProperty("facts").EnumerateArray())
                {
                    yield return $"{String(fact, "title")}: {String(fact, "value")}";
                }

                break;
            case { } type when type.StartsWith("Input.", StringComparison.Ordinal) && String(element, "label") is { } label:
                yield return label;
                break;
        }
    }

    private void Walk(JsonElement items)
    {
        var siblings = items.EnumerateArray().ToList();
        for (var i = 0; i < siblings.Count; i++)
        {
            var element = siblings[i];
            _elements.Add(element);
            _placed.Add((element, siblings, i));
            if (element.TryGetProperty("items", out var children))
            {
                Walk(children);
            }

            if (element.TryGetProperty("columns", out var columns))
            {
                foreach (var column in columns.EnumerateArray())
                {
                    Walk(column.GetProperty("items"));
                }
            }
        }
    }

    private static string? TypeOf(JsonElement element) => String(element, "type");

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
