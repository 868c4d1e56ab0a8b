namespace InterviewBot.Teams.Cards;

/// <summary>An input whose value is sent, keyed by its id, with the action the user runs.</summary>
public abstract class AdaptiveInput : AdaptiveElement
{
    protected AdaptiveInput(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    public string? Label { get; set; }

    public bool? IsRequired { get; set; }

    /// <summary>Shown when validation fails; Teams requires it for a required input to be validated.</summary>
    public string? ErrorMessage { get; set; }
}

/// <summary>A free-text input.</summary>
public sealed class InputText(string id) : AdaptiveInput(id)
{
    public string? Placeholder { get; set; }

    public bool? IsMultiline { get; set; }

    public int? MaxLength { get; set; }

    public string? Value { get; set; }

    /// <summary>A regular expression the value must match.</summary>
    public string? Regex { get; set; }
}

/// <summary>A choice among fixed options; the value is the chosen values joined by commas.</summary>
public sealed class InputChoiceSet(string id, List<Choice> choices) : AdaptiveInput(id)
{
    public List<Choice> Choices { get; set; } = choices;

    public ChoiceInputStyle? Style { get; set; }

    public bool? IsMultiSelect { get; set; }

    /// <summary>The initially chosen value(s), comma-separated.</summary>
    public string? Value { get; set; }

    public bool? Wrap { get; set; }

    public string? Placeholder { get; set; }
}

/// <summary>One option of an Input.ChoiceSet.</summary>
public sealed record Choice(string Title, string Value);

/// <summary>A check box.</summary>
public sealed class InputToggle(string id, string title) : AdaptiveInput(id)
{
    public string Title { get; set; } = title;

    /// <summary>The initial value: <see cref="ValueOn"/> or <see cref="ValueOff"/>.</summary>
    public string? Value { get; set; }

    public string? ValueOn { get; set; }

    public string? ValueOff { get; set; }

    public bool? Wrap { get; set; }
}

/// <summary>A number input.</summary>
public sealed class InputNumber(string id) : AdaptiveInput(id)
{
    public double? Min { get; set; }

    public double? Max { get; set; }

    public double? Value { get; set; }

    public string? Placeholder { get; set; }
}

/// <summary>A date picker; values are written yyyy-MM-dd.</summary>
public sealed class InputDate(string id) : AdaptiveInput(id)
{
    public string? Min { get; set; }

    public string? Max { get; set; }

    public string? Value { get; set; }

    public string? Placeholder { get; set; }
}
