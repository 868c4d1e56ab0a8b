using System.Text.Json;
using System.Text.Json.Serialization;

namespace InterviewBot.Teams.Schema;

/// <summary>The Teams-specific <c>channelData</c> of an activity: tenant, team, channel and event type.</summary>
public sealed class TeamsChannelData
{
    public TenantInfo? Tenant { get; set; }

    public ChannelInfo? Channel { get; set; }

    public TeamInfo? Team { get; set; }

    /// <summary>For a conversationUpdate, what happened: "teamMemberAdded", "channelCreated", ….</summary>
    public string? EventType { get; set; }

    /// <summary>Installation settings; <c>selectedChannel</c> names the channel chosen when the app was added.</summary>
    public TeamsChannelDataSettings? Settings { get; set; }

    /// <summary>On an outbound message, asks Teams to raise a notification in the user's activity feed.</summary>
    public NotificationInfo? Notification { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A Microsoft Entra tenant as Teams names it in channel data.</summary>
public sealed record TenantInfo(string? Id = null)
{
    public string? Id { get; set; } = Id;
}

/// <summary>A Teams channel: its conversation id (<c>19:…@thread.tacv2</c>) and display name.</summary>
public sealed record ChannelInfo(string? Id = null, string? Name = null)
{
    public string? Id { get; set; } = Id;

    public string? Name { get; set; } = Name;

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A Teams team: its id (the General channel's id), name and Microsoft 365 group id.</summary>
public sealed record TeamInfo(string? Id = null, string? Name = null)
{
    public string? Id { get; set; } = Id;

    public string? Name { get; set; } = Name;

    public string? AadGroupId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The <c>channelData.settings</c> object Teams sends on installation.</summary>
public sealed class TeamsChannelDataSettings
{
    public ChannelInfo? SelectedChannel { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The <c>channelData.notification</c> object of an outbound message.</summary>
public sealed record NotificationInfo(bool? Alert = null)
{
    public bool? Alert { get; set; } = Alert;
}
