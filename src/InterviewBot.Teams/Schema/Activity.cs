using System.Text.Json;
using System.Text.Json.Serialization;
using InterviewBot.Teams.Cards;
using InterviewBot.Teams.Schema.Converters;

namespace InterviewBot.Teams.Schema;

/// <summary>A Bot Framework activity: the unit of everything a channel and a bot say to each other.</summary>
public sealed class Activity
{
    /// <summary>One of <see cref="ActivityTypes"/>.</summary>
    public string? Type { get; set; }

    public string? Id { get; set; }

    [JsonConverter(typeof(LenientDateTimeOffsetConverter))]
    public DateTimeOffset? Timestamp { get; set; }

    [JsonConverter(typeof(LenientDateTimeOffsetConverter))]
    public DateTimeOffset? LocalTimestamp { get; set; }

    /// <summary>The sender's IANA time zone, such as "Europe/Berlin".</summary>
    public string? LocalTimezone { get; set; }

    /// <summary>Where replies to this activity must be posted.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>"msteams" for Teams.</summary>
    public string? ChannelId { get; set; }

    public ChannelAccount? From { get; set; }

    public ConversationAccount? Conversation { get; set; }

    public ChannelAccount? Recipient { get; set; }

    /// <summary>"markdown", "plain" or "xml".</summary>
    public string? TextFormat { get; set; }

    public string? Text { get; set; }

    public string? Locale { get; set; }

    /// <summary>Text shown where the full content cannot be, e.g. in a notification for a card.</summary>
    public string? Summary { get; set; }

    /// <summary>"list" or "carousel".</summary>
    public string? AttachmentLayout { get; set; }

    public List<Attachment>? Attachments { get; set; }

    public List<Entity>? Entities { get; set; }

    public JsonElement? ChannelData { get; set; }

    /// <summary>For an installationUpdate, "add" or "remove" (optionally suffixed "-upgrade").</summary>
    public string? Action { get; set; }

    public string? ReplyToId { get; set; }

    /// <summary>An invoke's payload, or the data of an <c>Action.Submit</c> that arrives as a message.</summary>
    public JsonElement? Value { get; set; }

    /// <summary>For an invoke, its operation, such as "adaptiveCard/action".</summary>
    public string? Name { get; set; }

    public List<ChannelAccount>? MembersAdded { get; set; }

    public List<ChannelAccount>? MembersRemoved { get; set; }

    /// <summary>Every field this type does not model, kept so that nothing a channel sends is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Whether the conversation has more than the user and the bot in it (a group chat or a channel).</summary>
    [JsonIgnore]
    public bool IsGroupConversation =>
        Conversation?.IsGroup == true
        || IsConversationType(ConversationTypes.Channel)
        || IsConversationType(ConversationTypes.GroupChat);

    /// <summary>Whether the conversation is a channel thread in a team.</summary>
    [JsonIgnore]
    public bool IsChannelConversation => IsConversationType(ConversationTypes.Channel);

    /// <summary>A markdown text message.</summary>
    public static Activity CreateMessage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "markdown" };
    }

    /// <summary>A message carrying one Adaptive Card, with optional markdown text above it.</summary>
    public static Activity CreateMessage(AdaptiveCard card, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new Activity
        {
            Type = ActivityTypes.Message,
            Text = text,
            TextFormat = text is null ? null : "markdown",
            Attachments =
            [
                new Attachment(Attachment.AdaptiveCardContentType, AdaptiveCardSerializer.ToJsonElement(card)),
            ],
        };
    }

    /// <summary>The tenant the activity comes from: <c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>.</summary>
    public string? GetTenantId()
    {
        if (ChannelData is { ValueKind: JsonValueKind.Object } channelData
            && TryGetProperty(channelData, "tenant", out var tenant)
            && tenant.ValueKind == JsonValueKind.Object
            && TryGetProperty(tenant, "id", out var id)
            && id.ValueKind == JsonValueKind.String
            && !string.IsNullOrEmpty(id.GetString()))
        {
            return id.GetString();
        }

        return string.IsNullOrEmpty(Conversation?.TenantId) ? null : Conversation.TenantId;
    }

    /// <summary>The sender's IANA time zone: <c>localTimezone</c>, else the <c>clientInfo</c> entity's.</summary>
    public string? GetTimeZone()
    {
        if (!string.IsNullOrWhiteSpace(LocalTimezone))
        {
            return LocalTimezone;
        }

        var fromClient = Entities?
            .Where(e => string.Equals(e.Type, Entity.ClientInfoType, StringComparison.OrdinalIgnoreCase))
            .Select(e => e.GetString("timezone"))
            .FirstOrDefault(zone => !string.IsNullOrWhiteSpace(zone));
        return fromClient;
    }

    /// <summary>The text with the @mention of the bot removed, HTML entities decoded and whitespace trimmed.</summary>
    /// <param name="botId">The bot's channel id; null means <c>recipient.id</c>.</param>
    public string GetTextWithoutMentionOf(string? botId) => MentionText.Remove(this, botId ?? Recipient?.Id);

    /// <summary>A reference to this conversation, with this activity's id, for posting to it later.</summary>
    public ConversationReference GetConversationReference() =>
        new(Id, From, Recipient, Conversation, ChannelId, ServiceUrl, Locale);

    /// <summary>Addresses this activity, as one sent by the bot, to the referenced conversation.</summary>
    public void ApplyConversationReference(ConversationReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ChannelId = reference.ChannelId;
        ServiceUrl = reference.ServiceUrl;
        Conversation = reference.Conversation;
        From = reference.Bot;
        Recipient = reference.User;
        Locale ??= reference.Locale;
    }

    /// <summary>The Teams channel data, or null when there is none or it is not an object.</summary>
    public TeamsChannelData? GetTeamsChannelData()
    {
        if (ChannelData is not { ValueKind: JsonValueKind.Object } channelData)
        {
            return null;
        }

        try
        {
            return channelData.Deserialize<TeamsChannelData>(TeamsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Replaces the channel data with <paramref name="channelData"/>.</summary>
    public void SetTeamsChannelData(TeamsChannelData channelData)
    {
        ArgumentNullException.ThrowIfNull(channelData);
        ChannelData = JsonSerializer.SerializeToElement(channelData, TeamsJson.Options);
    }

    /// <summary>The <c>value</c> of an <c>adaptiveCard/action</c> invoke, or null when this is not one.</summary>
    public AdaptiveCardInvokeValue? GetAdaptiveCardInvokeValue() => AdaptiveCardInvokeValue.FromActivity(this);

    private bool IsConversationType(string conversationType) =>
        string.Equals(Conversation?.ConversationType, conversationType, StringComparison.OrdinalIgnoreCase);

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
