using System.Text.Json;
using System.Text.Json.Serialization;

namespace InterviewBot.Teams.Schema;

/// <summary>Metadata attached to an activity, such as a mention or the client's info; all but the type is kept as raw JSON.</summary>
public sealed record Entity(string? Type = null)
{
    /// <summary>The entity type of an @mention.</summary>
    public const string MentionType = "mention";

    /// <summary>The entity type Teams uses for the client's locale, platform and time zone.</summary>
    public const string ClientInfoType = "clientInfo";

    public string? Type { get; set; } = Type;

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Whether this entity is an @mention.</summary>
    [JsonIgnore]
    public bool IsMention => string.Equals(Type, MentionType, StringComparison.OrdinalIgnoreCase);

    /// <summary>A top-level string property of the entity, or null when it is absent or not a string.</summary>
    public string? GetString(string propertyName)
    {
        ArgumentNullException.ThrowIfNull(propertyName);
        if (ExtensionData is null)
        {
            return null;
        }

        foreach (var (key, value) in ExtensionData)
        {
            if (string.Equals(key, propertyName, StringComparison.OrdinalIgnoreCase))
            {
                return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            }
        }

        return null;
    }

    /// <summary>The text of a mention as it appears in the message, such as <c>&lt;at&gt;Interview Bot&lt;/at&gt;</c>.</summary>
    public string? GetMentionText() => IsMention ? GetString("text") : null;

    /// <summary>The account a mention points at, or null when this is not a readable mention.</summary>
    public ChannelAccount? GetMentioned()
    {
        if (!IsMention || ExtensionData is null)
        {
            return null;
        }

        foreach (var (key, value) in ExtensionData)
        {
            if (string.Equals(key, "mentioned", StringComparison.OrdinalIgnoreCase) && value.ValueKind == JsonValueKind.Object)
            {
                try
                {
                    return value.Deserialize<ChannelAccount>(TeamsJson.Options);
                }
                catch (JsonException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    /// <summary>A mention of <paramref name="mentioned"/>; the message text must contain <paramref name="text"/> for Teams to render it.</summary>
    public static Entity CreateMention(ChannelAccount mentioned, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(mentioned);
        return new Entity(MentionType)
        {
            ExtensionData = new Dictionary<string, JsonElement>
            {
                ["mentioned"] = JsonSerializer.SerializeToElement(new ChannelAccount(mentioned.Id, mentioned.Name), TeamsJson.Options),
                ["text"] = JsonSerializer.SerializeToElement(text ?? $"<at>{mentioned.Name}</at>", TeamsJson.Options),
            },
        };
    }
}
