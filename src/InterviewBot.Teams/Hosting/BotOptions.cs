namespace InterviewBot.Teams.Hosting;

/// <summary>The bot's identity and endpoint settings.</summary>
/// <remarks>
/// The four Microsoft* settings are read from the configuration root under the names the Bot
/// Framework and Azure Bot Service use; the others come from the "Bot" section.
/// </remarks>
public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>The bot's Microsoft Entra application (client) id. Empty only for local development without Teams.</summary>
    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    /// <summary>"SingleTenant", "MultiTenant" or "UserAssignedMSI".</summary>
    public string MicrosoftAppType { get; set; } = "SingleTenant";

    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>The largest request body the endpoint reads; larger requests get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Whether an app identity is configured, so that requests must carry a valid token.</summary>
    public bool RequiresAuthentication => !string.IsNullOrWhiteSpace(MicrosoftAppId);
}
