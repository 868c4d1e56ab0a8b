using Microsoft.Extensions.Configuration;

namespace InterviewBot.Teams.Clients;

/// <summary>The app identity the bot's outbound token is issued to, under the Bot Framework's setting names.</summary>
/// <remarks>
/// Read from the configuration root (where Azure Bot Service and the SDKs put them); a value in the
/// "Bot" section is used when the root has none, as for the inbound settings.
/// </remarks>
public sealed class BotCredentialOptions
{
    public const string SingleTenant = "SingleTenant";

    public const string MultiTenant = "MultiTenant";

    public const string UserAssignedMsi = "UserAssignedMSI";

    /// <summary>The Entra application (client) id, or the managed identity's client id; empty means no token is sent.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The client secret; not used by a managed identity.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary><see cref="SingleTenant"/>, <see cref="MultiTenant"/> or <see cref="UserAssignedMsi"/>.</summary>
    public string MicrosoftAppType { get; set; } = SingleTenant;

    /// <summary>The app's home tenant, where a single-tenant app gets its token.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>Whether an identity is configured, so that calls carry a token.</summary>
    public bool HasIdentity => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    internal bool Is(string appType) => string.Equals(MicrosoftAppType, appType, StringComparison.OrdinalIgnoreCase);

    internal static void Read(BotCredentialOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection("Bot");
        options.MicrosoftAppId = Setting(nameof(MicrosoftAppId)) ?? options.MicrosoftAppId;
        options.MicrosoftAppPassword = Setting(nameof(MicrosoftAppPassword)) ?? options.MicrosoftAppPassword;
        options.MicrosoftAppTenantId = Setting(nameof(MicrosoftAppTenantId)) ?? options.MicrosoftAppTenantId;
        if (Setting(nameof(MicrosoftAppType)) is { Length: > 0 } appType)
        {
            options.MicrosoftAppType = appType;
        }

        string? Setting(string name) => configuration[name] ?? section[name];
    }
}
