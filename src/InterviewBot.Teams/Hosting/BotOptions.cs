using InterviewBot.Teams.Authentication;

namespace InterviewBot.Teams.Hosting;

/// <summary>The bot's identity and endpoint settings.</summary>
/// <remarks>
/// The four Microsoft* settings are read from the configuration root under the names the Bot
/// Framework and Azure Bot Service use; the others come from the "Bot" section.
/// </remarks>
public sealed class BotOptions
{
    public const string SectionName = "Bot";

    public const string SingleTenantAppType = "SingleTenant";

    public const string MultiTenantAppType = "MultiTenant";

    public const string UserAssignedMsiAppType = "UserAssignedMSI";

    /// <summary>The bot's Microsoft Entra application (client) id. Empty only for local development without Teams.</summary>
    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    /// <summary>"SingleTenant", "MultiTenant" or "UserAssignedMSI".</summary>
    public string MicrosoftAppType { get; set; } = SingleTenantAppType;

    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>The largest request body the endpoint reads; larger requests get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Tenant ids whose activities the bot acts on; empty means every tenant.</summary>
    public IList<string> AllowedTenants { get; } = [];

    /// <summary>
    /// Service URLs the bot may send its token to before any authenticated activity named them;
    /// empty means <see cref="DefaultTrustedServiceUrls"/>. Trust is per origin (scheme, host and port).
    /// </summary>
    public IList<string> TrustedServiceUrls { get; } = [];

    /// <summary>How inbound tokens are validated.</summary>
    public BotAuthenticationOptions Authentication { get; set; } = new();

    /// <summary>Where Teams in the public cloud sends activities from, in every region.</summary>
    public static IReadOnlyList<string> DefaultTrustedServiceUrls { get; } = ["https://smba.trafficmanager.net/"];

    /// <summary>Whether an app identity is configured, so that requests must carry a valid token.</summary>
    public bool RequiresAuthentication => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>Whether the app lives in one home tenant, whose Entra tokens it may accept.</summary>
    internal bool HasHomeTenant =>
        string.Equals(MicrosoftAppType, SingleTenantAppType, StringComparison.OrdinalIgnoreCase)
        || string.Equals(MicrosoftAppType, UserAssignedMsiAppType, StringComparison.OrdinalIgnoreCase);

    internal IEnumerable<string> EffectiveTrustedServiceUrls => TrustedServiceUrls.Count > 0 ? TrustedServiceUrls : DefaultTrustedServiceUrls;
}
