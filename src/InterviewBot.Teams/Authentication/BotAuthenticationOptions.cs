namespace InterviewBot.Teams.Authentication;

/// <summary>Where inbound tokens' signing keys come from and what the tokens must say (section "Bot:Authentication").</summary>
/// <remarks>
/// The defaults are the public cloud's. Every address can be replaced, for a sovereign cloud or so
/// that tests can serve their own metadata; plain http is accepted only on a loopback address.
/// </remarks>
public sealed class BotAuthenticationOptions
{
    /// <summary>The named <see cref="HttpClient"/> that fetches OpenID metadata and signing keys.</summary>
    public const string MetadataHttpClientName = "InterviewBot.Teams.OpenIdMetadata";

    /// <summary>The placeholder for <c>MicrosoftAppTenantId</c> in the Entra templates.</summary>
    public const string TenantPlaceholder = "{tenant}";

    /// <summary>The issuer of the tokens the Bot Framework channels (Teams among them) send.</summary>
    public string BotFrameworkIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>The OpenID metadata naming the Bot Framework's signing keys (with their channel endorsements).</summary>
    public string BotFrameworkOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The OpenID metadata of the app's home tenant, for single-tenant Entra tokens.</summary>
    public string EntraOpenIdMetadataUrlTemplate { get; set; } = "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration";

    /// <summary>Issuers of the home tenant's Entra tokens (v2 and v1); empty means <see cref="DefaultEntraIssuerTemplates"/>.</summary>
    public IList<string> EntraIssuerTemplates { get; } = [];

    /// <summary>
    /// Apps besides the bot itself whose Entra tokens (the <c>azp</c> or <c>appid</c> claim) the endpoint accepts.
    /// </summary>
    public IList<string> AllowedCallers { get; } = [];

    /// <summary>How far a token's lifetime may be off from this machine's clock.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long fetched metadata and keys are used before they are fetched again.</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The shortest time between two fetches caused by a token naming an unknown key, so that
    /// forged key ids cannot make the bot hammer the metadata endpoint.
    /// </summary>
    public TimeSpan MetadataMinimumRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<string> DefaultEntraIssuerTemplates { get; } =
    [
        "https://login.microsoftonline.com/{tenant}/v2.0",
        "https://sts.windows.net/{tenant}/",
    ];

    internal IEnumerable<string> EffectiveEntraIssuerTemplates => EntraIssuerTemplates.Count > 0 ? EntraIssuerTemplates : DefaultEntraIssuerTemplates;

    internal static string ForTenant(string template, string tenantId) =>
        template.Replace(TenantPlaceholder, tenantId, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="url"/> may be fetched: https anywhere, plain http only on this machine.</summary>
    internal static bool IsAcceptableMetadataUrl(string? url, out bool isLoopbackHttp)
    {
        isLoopbackHttp = false;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return true;
        }

        isLoopbackHttp = uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
        return isLoopbackHttp;
    }
}
