using System.Text.Json;
using System.Text.Json.Serialization;
using InterviewBot.Teams.Schema.Converters;

namespace InterviewBot.Teams.Schema;

/// <summary>The conversation an activity belongs to: a personal chat, a group chat or a channel thread.</summary>
public sealed record ConversationAccount(
    string? Id = null,
    string? Name = null,
    string? ConversationType = null,
    string? TenantId = null,
    bool? IsGroup = null)
{
    /// <summary>Teams conversation id; for a channel thread it ends in <c>;messageid=…</c>.</summary>
    public string? Id { get; set; } = Id;

    public string? Name { get; set; } = Name;

    /// <summary>"personal", "groupChat" or "channel" in Teams.</summary>
    public string? ConversationType { get; set; } = ConversationType;

    public string? TenantId { get; set; } = TenantId;

    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? IsGroup { get; set; } = IsGroup;

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
