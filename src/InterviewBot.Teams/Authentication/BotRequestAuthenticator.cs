using System.Text.Json;
using InterviewBot.Teams.Hosting;
using InterviewBot.Teams.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace InterviewBot.Teams.Authentication;

/// <summary>Decides whether a request to the messaging endpoint really comes from the Bot Framework for this bot.</summary>
/// <remarks>
/// Two kinds of token are accepted. Bot Framework tokens (what Teams sends) are checked as the
/// Bot Connector authentication protocol requires: issuer, audience, lifetime, an RSA signature by a
/// published key, that key's endorsement of the activity's channel, and a <c>serviceurl</c> claim
/// equal to the activity's. Entra tokens from the app's home tenant are accepted for single-tenant
/// and managed-identity apps only when they were issued to the bot itself or to an allowed caller,
/// since such tokens say nothing about which channel or service URL they vouch for.
/// </remarks>
internal sealed class BotRequestAuthenticator(
    IOptions<BotOptions> options,
    OpenIdMetadataCache metadata,
    ITrustedServiceUrls trustedServiceUrls,
    ILogger<BotRequestAuthenticator> logger)
{
    private const string ServiceUrlClaim = "serviceurl";
    private const string EndorsementsProperty = "endorsements";
    private const int MaxDetailLength = 120;

    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly JsonWebTokenHandler _handler = new();

    private enum TokenKind
    {
        BotFramework,
        Entra,
    }

    /// <summary>The token of an <c>Authorization: Bearer</c> header, or why there is none; cheap enough to run before the body is read.</summary>
    public static BotAuthenticationFailure? ReadBearerToken(StringValues authorization, out string token)
    {
        token = string.Empty;
        if (authorization.Count == 0 || string.IsNullOrWhiteSpace(authorization[0]))
        {
            return BotAuthenticationFailure.AuthorizationHeaderMissing;
        }

        if (authorization.Count > 1)
        {
            return BotAuthenticationFailure.NotBearer;
        }

        var value = authorization[0]!.Trim();
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !value.AsSpan(0, space).Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return BotAuthenticationFailure.NotBearer;
        }

        token = value[(space + 1)..].Trim();
        return token.Length == 0 ? BotAuthenticationFailure.NotBearer : null;
    }

    /// <summary>Validates <paramref name="token"/> against the parsed <paramref name="activity"/> it arrived with.</summary>
    public async Task<BotAuthenticationResult> AuthenticateAsync(string token, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(activity);
        var settings = options.Value;
        var appId = settings.MicrosoftAppId;
        if (string.IsNullOrWhiteSpace(appId))
        {
            throw new InvalidOperationException("Tokens are validated only when MicrosoftAppId is set.");
        }

        JsonWebToken unverified;
        try
        {
            unverified = _handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is SecurityTokenMalformedException or ArgumentException)
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.TokenMalformed);
        }

        // Refused before any key is looked at: "none" carries no signature at all, and an HMAC
        // would let anyone who knows a shared secret (such as the app password) mint tokens.
        if (!AllowedAlgorithms.Contains(unverified.Alg, StringComparer.Ordinal))
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.AlgorithmNotAllowed, Shorten(unverified.Alg));
        }

        if (Classify(unverified.Issuer, settings) is not { } source)
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.IssuerNotAccepted, Shorten(unverified.Issuer));
        }

        var (kind, metadataUrl) = source;

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await metadata.GetAsync(metadataUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.MetadataUnavailable(logger, ex, metadataUrl);
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.MetadataUnavailable, metadataUrl);
        }

        var result = await ValidateAsync(token, unverified.Issuer, appId, configuration, settings.Authentication).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys roll over without notice: one fresh look at the metadata lets a new key in
            // without a restart, and the cache rate-limits how often that look is taken.
            var refreshed = await metadata.RefreshAsync(metadataUrl, configuration, unverified.Kid, cancellationToken).ConfigureAwait(false);
            if (refreshed is not null)
            {
                configuration = refreshed;
                result = await ValidateAsync(token, unverified.Issuer, appId, configuration, settings.Authentication).ConfigureAwait(false);
            }
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken validated)
        {
            return Failure(result.Exception, unverified);
        }

        var outcome = kind == TokenKind.BotFramework
            ? CheckBotFrameworkToken(validated, configuration, activity)
            : CheckEntraToken(validated, activity, appId, settings.Authentication);
        if (outcome is not null)
        {
            return outcome.Value;
        }

        Log.RequestAuthenticated(logger, kind == TokenKind.BotFramework ? "Bot Framework" : "Entra", activity.ServiceUrl);
        return BotAuthenticationResult.Success(result.ClaimsIdentity);
    }

    private static (TokenKind Kind, string MetadataUrl)? Classify(string? issuer, BotOptions settings)
    {
        if (string.IsNullOrEmpty(issuer))
        {
            return null;
        }

        var authentication = settings.Authentication;
        if (string.Equals(issuer, authentication.BotFrameworkIssuer, StringComparison.Ordinal))
        {
            return (TokenKind.BotFramework, authentication.BotFrameworkOpenIdMetadataUrl);
        }

        // Only an app that lives in one tenant has a home tenant whose tokens mean anything; a
        // multi-tenant app would have to accept every tenant's, which proves nothing.
        if (settings.HasHomeTenant && settings.MicrosoftAppTenantId is { Length: > 0 } tenantId
            && authentication.EffectiveEntraIssuerTemplates.Any(t => string.Equals(issuer, BotAuthenticationOptions.ForTenant(t, tenantId), StringComparison.Ordinal)))
        {
            return (TokenKind.Entra, BotAuthenticationOptions.ForTenant(authentication.EntraOpenIdMetadataUrlTemplate, tenantId));
        }

        return null;
    }

    private Task<TokenValidationResult> ValidateAsync(
        string token,
        string issuer,
        string appId,
        OpenIdConnectConfiguration configuration,
        BotAuthenticationOptions authentication) =>
        _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = issuer,
            ValidateAudience = true,
            ValidAudiences = [appId, $"api://{appId}"],
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = authentication.ClockSkew,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = AllowedAlgorithms,
            IssuerSigningKeys = configuration.SigningKeys,

            // Only the key the token names may verify it; trying every key would hide a rollover
            // (and the refresh it needs) behind a generic signature failure.
            TryAllIssuerSigningKeys = false,
        });

    private BotAuthenticationResult? CheckBotFrameworkToken(JsonWebToken token, OpenIdConnectConfiguration configuration, Activity activity)
    {
        // A Bot Framework key signs only for the channels it endorses, so a key that a channel
        // such as Web Chat may use cannot vouch for an activity claiming to come from Teams.
        var keyId = token.SigningKey?.KeyId ?? token.Kid;
        if (!IsEndorsed(configuration, keyId, activity.ChannelId))
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.ChannelNotEndorsed, $"key {Shorten(keyId)}, channel {Shorten(activity.ChannelId)}");
        }

        // Without this claim anyone holding a token could point the bot's replies, and with them
        // the bot's own token, at a service URL of their choosing.
        if (!token.TryGetPayloadValue<string>(ServiceUrlClaim, out var serviceUrl) || string.IsNullOrWhiteSpace(serviceUrl))
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.ServiceUrlClaimMissing);
        }

        if (!string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.ServiceUrlMismatch, Shorten(activity.ServiceUrl));
        }

        trustedServiceUrls.Trust(serviceUrl);
        return null;
    }

    private BotAuthenticationResult? CheckEntraToken(JsonWebToken token, Activity activity, string appId, BotAuthenticationOptions authentication)
    {
        // Any app in the home tenant can get a token for this bot's audience, so the token must
        // have been issued to the bot itself (as the Emulator path of the protocol requires) or to
        // a caller named in the settings. v2 tokens name it in azp, v1 tokens in appid.
        var callerClaim = token.TryGetPayloadValue<string>("ver", out var version) && version == "2.0" ? "azp" : "appid";
        token.TryGetPayloadValue<string>(callerClaim, out var caller);
        var allowed = string.Equals(caller, appId, StringComparison.OrdinalIgnoreCase)
            || (caller is not null && authentication.AllowedCallers.Contains(caller, StringComparer.OrdinalIgnoreCase));
        if (!allowed)
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.CallerNotAllowed, Shorten(caller));
        }

        // Entra tokens carry no serviceurl claim as a rule; when one does, it must match, and when
        // none does, the activity may only name a service URL that is already trusted.
        if (token.TryGetPayloadValue<string>(ServiceUrlClaim, out var serviceUrl) && !string.IsNullOrWhiteSpace(serviceUrl))
        {
            if (!string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            {
                return BotAuthenticationResult.Fail(BotAuthenticationFailure.ServiceUrlMismatch, Shorten(activity.ServiceUrl));
            }

            trustedServiceUrls.Trust(serviceUrl);
            return null;
        }

        return activity.ServiceUrl is { } activityServiceUrl && trustedServiceUrls.IsTrusted(activityServiceUrl)
            ? null
            : BotAuthenticationResult.Fail(BotAuthenticationFailure.ServiceUrlNotTrusted, Shorten(activity.ServiceUrl));
    }

    private static bool IsEndorsed(OpenIdConnectConfiguration configuration, string? keyId, string? channelId)
    {
        if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(channelId))
        {
            return false;
        }

        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue(EndorsementsProperty, out var endorsements))
        {
            return false;
        }

        return endorsements switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Any(e => e.ValueKind == JsonValueKind.String && string.Equals(e.GetString(), channelId, StringComparison.Ordinal)),
            IEnumerable<object> values => values.Any(e => string.Equals(e?.ToString(), channelId, StringComparison.Ordinal)),
            _ => false,
        };
    }

    private static BotAuthenticationResult Failure(Exception? exception, JsonWebToken unverified) => exception switch
    {
        SecurityTokenSignatureKeyNotFoundException => BotAuthenticationResult.Fail(BotAuthenticationFailure.SigningKeyUnknown, $"kid {Shorten(unverified.Kid)}"),
        SecurityTokenInvalidAlgorithmException => BotAuthenticationResult.Fail(BotAuthenticationFailure.AlgorithmNotAllowed, Shorten(unverified.Alg)),
        SecurityTokenInvalidSignatureException => BotAuthenticationResult.Fail(BotAuthenticationFailure.SignatureInvalid, $"kid {Shorten(unverified.Kid)}"),
        SecurityTokenExpiredException => BotAuthenticationResult.Fail(BotAuthenticationFailure.TokenExpired),
        SecurityTokenNotYetValidException => BotAuthenticationResult.Fail(BotAuthenticationFailure.TokenNotYetValid),
        SecurityTokenNoExpirationException or SecurityTokenInvalidLifetimeException => BotAuthenticationResult.Fail(BotAuthenticationFailure.LifetimeInvalid),
        SecurityTokenInvalidAudienceException => BotAuthenticationResult.Fail(BotAuthenticationFailure.AudienceMismatch),
        SecurityTokenInvalidIssuerException => BotAuthenticationResult.Fail(BotAuthenticationFailure.IssuerNotAccepted, Shorten(unverified.Issuer)),
        _ => BotAuthenticationResult.Fail(BotAuthenticationFailure.TokenInvalid, exception?.GetType().Name),
    };

    // Values in the detail come from the caller; keep them short so a log line stays a line.
    private static string Shorten(string? value) =>
        string.IsNullOrEmpty(value) ? "none" : value.Length <= MaxDetailLength ? value : string.Concat(value.AsSpan(0, MaxDetailLength), "…");
}
