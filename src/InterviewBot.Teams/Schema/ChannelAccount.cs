using System.Text.Json;
using System.Text.Json.Serialization;

namespace InterviewBot.Teams.Schema;

/// <summary>A user or bot taking part in a conversation (<c>from</c>, <c>recipient</c>, <c>membersAdded</c>).</summary>
public sealed record ChannelAccount(string? Id = null, string? Name = null, string? AadObjectId = null, string? Role = null)
{
    /// <summary>The channel-specific id: <c>29:…</c> for a Teams user, <c>28:{appId}</c> for a bot.</summary>
    public string? Id { get; set; } = Id;

    public string? Name { get; set; } = Name;

    /// <summary>The user's Microsoft Entra object id; absent for bots.</summary>
    public string? AadObjectId { get; set; } = AadObjectId;

    /// <summary>"user" or "bot" when the channel says so.</summary>
    public string? Role { get; set; } = Role;

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
