using System.Security.Claims;
using InterviewBot.Teams.Authentication;
using InterviewBot.Teams.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace InterviewBot.Hosting;

/// <summary>
/// Turns an Entra access token of the bot's home tenant, issued for the bot's app, into the caller's identity; what
/// that identity may do is for the authorization policy to say.
/// </summary>
internal sealed partial class AdminTokenValidator
{
    public const string AuthenticationType = "EntraBearer";
    public const string ObjectIdClaim = "oid";

    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters? _parameters;
    private readonly ILogger<AdminTokenValidator> _logger;

    public AdminTokenValidator(IOptions<BotOptions> botOptions, IHttpClientFactory httpClientFactory, ILogger<AdminTokenValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(botOptions);
        _logger = logger;
        var bot = botOptions.Value;
        if (string.IsNullOrWhiteSpace(bot.MicrosoftAppId) || string.IsNullOrWhiteSpace(bot.MicrosoftAppTenantId))
        {
            return;
        }

        var tenant = bot.MicrosoftAppTenantId;
        var address = bot.Authentication.EntraOpenIdMetadataUrlTemplate.Replace(BotAuthenticationOptions.TenantPlaceholder, tenant, StringComparison.OrdinalIgnoreCase);
        var isLoopbackHttp = Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
        var metadata = new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(), new Retriever(httpClientFactory, !isLoopbackHttp))
        {
            AutomaticRefreshInterval = bot.Authentication.MetadataRefreshInterval,
            RefreshInterval = bot.Authentication.MetadataMinimumRefreshInterval,
        };
        IEnumerable<string> issuers = bot.Authentication.EntraIssuerTemplates.Count > 0 ? bot.Authentication.EntraIssuerTemplates : BotAuthenticationOptions.DefaultEntraIssuerTemplates;
        _parameters = new TokenValidationParameters
        {
            ConfigurationManager = metadata,
            ValidIssuers = [.. issuers.Select(i => i.Replace(BotAuthenticationOptions.TenantPlaceholder, tenant, StringComparison.OrdinalIgnoreCase))],

            // Entra writes the app id into v2 tokens and the application id URI into v1 tokens.
            ValidAudiences = [bot.MicrosoftAppId, "api://" + bot.MicrosoftAppId],
            ValidAlgorithms = Algorithms,
            ClockSkew = bot.Authentication.ClockSkew,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            NameClaimType = "name",
        };
    }

    /// <summary>Whether the app has an identity that admin tokens could be issued for.</summary>
    public bool IsConfigured => _parameters is not null;

    /// <summary>The caller the request's bearer token proves; null without a valid one.</summary>
    public async Task<ClaimsPrincipal?> AuthenticateAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var header = http.Request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        if (_parameters is null || !header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(header[Bearer.Length..].Trim(), _parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            Log.Refused(_logger, result.Exception?.GetType().Name ?? "invalid token");
            return null;
        }

        var identity = new ClaimsIdentity(result.ClaimsIdentity.Claims, AuthenticationType, "name", "roles");
        return identity.FindFirst(ObjectIdClaim) is null ? null : new ClaimsPrincipal(identity);
    }

    /// <summary>Takes a client per fetch, so that the factory's handler rotation still applies to the long-lived manager.</summary>
    private sealed class Retriever(IHttpClientFactory factory, bool requireHttps) : IDocumentRetriever
    {
        public Task<string> GetDocumentAsync(string address, CancellationToken cancel) =>
            new HttpDocumentRetriever(factory.CreateClient(BotAuthenticationOptions.MetadataHttpClientName)) { RequireHttps = requireHttps }.GetDocumentAsync(address, cancel);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Hangfire dashboard: bearer token refused ({Reason})")]
        public static partial void Refused(ILogger logger, string reason);
    }
}
