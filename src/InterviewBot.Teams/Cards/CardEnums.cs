using System.Text.Json;
using System.Text.Json.Serialization;

namespace InterviewBot.Teams.Cards;

/// <summary>Writes a card enum the way the Adaptive Card schema spells it ("extraLarge"), whatever options the caller uses.</summary>
internal sealed class CardEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;

/// <summary>Text size of a TextBlock or TextRun.</summary>
[JsonConverter(typeof(CardEnumConverter<TextSize>))]
public enum TextSize { Default, Small, Medium, Large, ExtraLarge }

/// <summary>Font weight of a TextBlock or TextRun.</summary>
[JsonConverter(typeof(CardEnumConverter<TextWeight>))]
public enum TextWeight { Default, Lighter, Bolder }

/// <summary>Semantic text colour; the host maps it to its theme.</summary>
[JsonConverter(typeof(CardEnumConverter<TextColor>))]
public enum TextColor { Default, Dark, Light, Accent, Good, Warning, Attention }

/// <summary>Semantic style of a TextBlock; "heading" marks it as a heading for screen readers.</summary>
[JsonConverter(typeof(CardEnumConverter<TextBlockStyle>))]
public enum TextBlockStyle { Default, Heading }

/// <summary>Horizontal alignment of an element's content.</summary>
[JsonConverter(typeof(CardEnumConverter<HorizontalAlignment>))]
public enum HorizontalAlignment { Left, Center, Right }

/// <summary>Vertical alignment of a container's content.</summary>
[JsonConverter(typeof(CardEnumConverter<VerticalAlignment>))]
public enum VerticalAlignment { Top, Center, Bottom }

/// <summary>Space above an element.</summary>
[JsonConverter(typeof(CardEnumConverter<Spacing>))]
public enum Spacing { Default, None, Small, Medium, Large, ExtraLarge, Padding }

/// <summary>Height of an element within its container.</summary>
[JsonConverter(typeof(CardEnumConverter<ElementHeight>))]
public enum ElementHeight { Auto, Stretch }

/// <summary>Background style of a Container, ColumnSet or Column.</summary>
[JsonConverter(typeof(CardEnumConverter<ContainerStyle>))]
public enum ContainerStyle { Default, Emphasis, Good, Attention, Warning, Accent }

/// <summary>Size of an Image.</summary>
[JsonConverter(typeof(CardEnumConverter<ImageSize>))]
public enum ImageSize { Auto, Stretch, Small, Medium, Large }

/// <summary>Style of an Image; "person" crops it to a circle.</summary>
[JsonConverter(typeof(CardEnumConverter<ImageStyle>))]
public enum ImageStyle { Default, Person }

/// <summary>Emphasis of an action button.</summary>
[JsonConverter(typeof(CardEnumConverter<ActionStyle>))]
public enum ActionStyle { Default, Positive, Destructive }

/// <summary>How an Input.ChoiceSet is shown: a drop-down, radio buttons or check boxes, or a type-ahead list.</summary>
[JsonConverter(typeof(CardEnumConverter<ChoiceInputStyle>))]
public enum ChoiceInputStyle { Compact, Expanded, Filtered }

/// <summary>Which inputs an Action.Execute or Action.Submit validates and sends.</summary>
[JsonConverter(typeof(CardEnumConverter<AssociatedInputs>))]
public enum AssociatedInputs { Auto, None }
