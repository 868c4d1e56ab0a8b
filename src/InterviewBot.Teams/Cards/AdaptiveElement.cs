using System.Text.Json.Serialization;

namespace InterviewBot.Teams.Cards;

/// <summary>An element of a card's body; its JSON "type" comes from the registrations below.</summary>
/// <remarks>A new element, such as a Teams chart ("Chart.VerticalBar"), is a new subclass plus one <see cref="JsonDerivedTypeAttribute"/> here.</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(Image), "Image")]
[JsonDerivedType(typeof(InputText), "Input.Text")]
[JsonDerivedType(typeof(InputChoiceSet), "Input.ChoiceSet")]
[JsonDerivedType(typeof(InputToggle), "Input.Toggle")]
[JsonDerivedType(typeof(InputNumber), "Input.Number")]
[JsonDerivedType(typeof(InputDate), "Input.Date")]
[JsonDerivedType(typeof(VerticalBarChart), "Chart.VerticalBar")]
public abstract class AdaptiveElement
{
    public string? Id { get; set; }

    public bool? IsVisible { get; set; }

    public bool? Separator { get; set; }

    public Spacing? Spacing { get; set; }

    public ElementHeight? Height { get; set; }

    /// <summary>What a client that cannot render this element shows instead: another element, or nothing.</summary>
    public ElementFallback? Fallback { get; set; }
}

/// <summary>A block of text, markdown allowed.</summary>
public sealed class TextBlock(string text) : AdaptiveElement
{
    public string Text { get; set; } = text;

    public bool? Wrap { get; set; }

    public TextSize? Size { get; set; }

    public TextWeight? Weight { get; set; }

    public TextColor? Color { get; set; }

    public bool? IsSubtle { get; set; }

    public int? MaxLines { get; set; }

    public HorizontalAlignment? HorizontalAlignment { get; set; }

    public TextBlockStyle? Style { get; set; }
}

/// <summary>Text made of runs that are styled one by one.</summary>
public sealed class RichTextBlock(List<TextRun> inlines) : AdaptiveElement
{
    public List<TextRun> Inlines { get; set; } = inlines;

    public HorizontalAlignment? HorizontalAlignment { get; set; }
}

/// <summary>A styled run of text inside a RichTextBlock.</summary>
public sealed class TextRun(string text)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "TextRun";

    public string Text { get; set; } = text;

    public TextWeight? Weight { get; set; }

    public TextColor? Color { get; set; }

    public TextSize? Size { get; set; }

    public bool? IsSubtle { get; set; }

    public bool? Italic { get; set; }

    public bool? Strikethrough { get; set; }
}

/// <summary>Groups elements, optionally on a styled background.</summary>
public sealed class Container(List<AdaptiveElement> items) : AdaptiveElement
{
    public List<AdaptiveElement> Items { get; set; } = items;

    public ContainerStyle? Style { get; set; }

    public bool? Bleed { get; set; }

    public VerticalAlignment? VerticalContentAlignment { get; set; }

    public AdaptiveAction? SelectAction { get; set; }
}

/// <summary>Lays columns out side by side.</summary>
public sealed class ColumnSet(List<Column> columns) : AdaptiveElement
{
    public List<Column> Columns { get; set; } = columns;

    public ContainerStyle? Style { get; set; }

    public bool? Bleed { get; set; }

    public HorizontalAlignment? HorizontalAlignment { get; set; }

    public AdaptiveAction? SelectAction { get; set; }
}

/// <summary>One column of a ColumnSet; it lives only there, so it is not a body element.</summary>
public sealed class Column(List<AdaptiveElement> items)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "Column";

    public string? Id { get; set; }

    public List<AdaptiveElement> Items { get; set; } = items;

    /// <summary>"auto", "stretch", a relative weight such as "1", or pixels such as "50px".</summary>
    public string? Width { get; set; }

    public ContainerStyle? Style { get; set; }

    public bool? Bleed { get; set; }

    public VerticalAlignment? VerticalContentAlignment { get; set; }

    public AdaptiveAction? SelectAction { get; set; }

    public bool? IsVisible { get; set; }

    public bool? Separator { get; set; }

    public Spacing? Spacing { get; set; }
}

/// <summary>A two-column list of titles and values.</summary>
public sealed class FactSet(List<Fact> facts) : AdaptiveElement
{
    public List<Fact> Facts { get; set; } = facts;
}

/// <summary>One row of a FactSet.</summary>
public sealed record Fact(string Title, string Value);

/// <summary>Buttons placed inside the body rather than at the bottom of the card.</summary>
public sealed class ActionSet(List<AdaptiveAction> actions) : AdaptiveElement
{
    public List<AdaptiveAction> Actions { get; set; } = actions;
}

/// <summary>An image loaded from a URL (https or data URI).</summary>
public sealed class Image(string url) : AdaptiveElement
{
    public string Url { get; set; } = url;

    public string? AltText { get; set; }

    public ImageSize? Size { get; set; }

    public ImageStyle? Style { get; set; }

    public HorizontalAlignment? HorizontalAlignment { get; set; }
}
