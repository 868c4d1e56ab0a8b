using System.Text.Json;
using System.Text.Json.Serialization;

namespace InterviewBot.Teams.Schema;

/// <summary>A card or file attached to an activity.</summary>
public sealed record Attachment(string? ContentType = null, object? Content = null, string? Name = null)
{
    /// <summary>The content type of an Adaptive Card attachment.</summary>
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public string? ContentType { get; set; } = ContentType;

    public string? ContentUrl { get; set; }

    /// <summary>The attachment body; a <see cref="JsonElement"/> when read from the wire.</summary>
    public object? Content { get; set; } = Content;

    public string? Name { get; set; } = Name;

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
