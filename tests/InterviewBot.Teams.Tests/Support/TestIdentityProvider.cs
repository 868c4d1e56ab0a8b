using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace InterviewBot.Teams.Tests.Support;

/// <summary>
/// Stands in for login.botframework.com and the Entra tenant on a loopback port: serves OpenID
/// metadata and key sets (Bot Framework keys with endorsements), and mints tokens signed with test RSA keys.
/// </summary>
internal sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string AppId = "c9e8c047-2a74-40a2-b28a-b162d5f5327c";
    public const string AppPassword = "test-client-secret-long-enough-to-be-an-hmac-key-0123456789";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string EntraV2Issuer = $"https://login.microsoftonline.com/{TenantId}/v2.0";
    public const string EntraV1Issuer = $"https://sts.windows.net/{TenantId}/";

    private readonly WebApplication _server;
    private readonly Lock _gate = new();
    private readonly List<(TestSigningKey Key, string[]? Endorsements)> _botFrameworkKeys = [];
    private readonly List<TestSigningKey> _entraKeys = [];
    private int _botFrameworkMetadataRequests;
    private int _entraMetadataRequests;

    private TestIdentityProvider(WebApplication server)
    {
        _server = server;
        BaseUrl = server.Urls.First().TrimEnd('/');
    }

    public string BaseUrl { get; }

    public string BotFrameworkMetadataUrl => $"{BaseUrl}/botframework/v1/.well-known/openidconfiguration";

    public string EntraMetadataUrlTemplate => $"{BaseUrl}/entra/{{tenant}}/v2.0/.well-known/openid-configuration";

    public int BotFrameworkMetadataRequests => Volatile.Read(ref _botFrameworkMetadataRequests);

    public int EntraMetadataRequests => Volatile.Read(ref _entraMetadataRequests);

    // RSA key generation is slow and the keys never change, so every provider publishes the same ones.

    /// <summary>The Teams signing key, published from the start with the endorsement "msteams".</summary>
    public static TestSigningKey TeamsKey { get; } = new("bf-teams-1");

    /// <summary>A published Bot Framework key that only Web Chat may sign with.</summary>
    public static TestSigningKey WebChatKey { get; } = new("bf-webchat-1");

    /// <summary>The home tenant's published signing key.</summary>
    public static TestSigningKey EntraKey { get; } = new("entra-1");

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        TestIdentityProvider? provider = null;

        server.MapGet("/botframework/v1/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref provider!._botFrameworkMetadataRequests);
            return Results.Json(Metadata(BotFrameworkIssuer, $"{provider.BaseUrl}/botframework/v1/.well-known/keys"));
        });
        server.MapGet("/botframework/v1/.well-known/keys", () => Results.Content(provider!.BotFrameworkKeySet(), "application/json"));
        server.MapGet("/entra/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) =>
        {
            Interlocked.Increment(ref provider!._entraMetadataRequests);
            return Results.Json(Metadata($"https://login.microsoftonline.com/{tenant}/v2.0", $"{provider.BaseUrl}/entra/{tenant}/discovery/v2.0/keys"));
        });
        server.MapGet("/entra/{tenant}/discovery/v2.0/keys", () => Results.Content(provider!.EntraKeySet(), "application/json"));

        await server.StartAsync();
        provider = new TestIdentityProvider(server);
        provider.PublishBotFrameworkKey(TeamsKey, "msteams", "skype");
        provider.PublishBotFrameworkKey(WebChatKey, "webchat");
        provider.PublishEntraKey(EntraKey);
        return provider;
    }

    public void PublishBotFrameworkKey(TestSigningKey key, params string[]? endorsements)
    {
        lock (_gate)
        {
            _botFrameworkKeys.Add((key, endorsements));
        }
    }

    public void PublishEntraKey(TestSigningKey key)
    {
        lock (_gate)
        {
            _entraKeys.Add(key);
        }
    }

    /// <summary>The settings of a bot whose inbound tokens are checked against this provider.</summary>
    public Dictionary<string, string?> BotSettings(string appType = "SingleTenant") => new()
    {
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = AppPassword,
        ["MicrosoftAppType"] = appType,
        ["MicrosoftAppTenantId"] = TenantId,
        ["Bot:Authentication:BotFrameworkOpenIdMetadataUrl"] = BotFrameworkMetadataUrl,
        ["Bot:Authentication:EntraOpenIdMetadataUrlTemplate"] = EntraMetadataUrlTemplate,
    };

    /// <summary>A token as the Bot Connector sends it with an activity for <paramref name="serviceUrl"/>.</summary>
    public static Dictionary<string, object> BotFrameworkClaims(string? serviceUrl)
    {
        var claims = new Dictionary<string, object>();
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        return claims;
    }

    /// <summary>Claims of an Entra access token that the bot's own app obtained (v2: azp; v1: appid).</summary>
    public static Dictionary<string, object> EntraClaims(string version, string callerAppId = AppId) => version == "2.0"
        ? new() { ["ver"] = "2.0", ["azp"] = callerAppId, ["tid"] = TenantId }
        : new() { ["ver"] = "1.0", ["appid"] = callerAppId, ["tid"] = TenantId };

    public static string Mint(
        SigningCredentials credentials,
        string issuer,
        IDictionary<string, object> claims,
        string audience = AppId,
        DateTime? notBefore = null,
        DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore ?? now.AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            Claims = claims,
            SigningCredentials = credentials,
        });
    }

    /// <summary>A token whose header says "alg": "none" and which carries no signature.</summary>
    public static string MintUnsigned(string kid, string issuer, IDictionary<string, object> claims)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new Dictionary<string, object>(claims)
        {
            ["iss"] = issuer,
            ["aud"] = AppId,
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        var header = JsonSerializer.Serialize(new Dictionary<string, string> { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = kid });
        return $"{Base64UrlEncoder.Encode(header)}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload))}.";
    }

    /// <summary>HS256 keyed with the app password: what an attacker who learned the secret would try.</summary>
    public static SigningCredentials AppPasswordHmac(string kid) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AppPassword)) { KeyId = kid }, SecurityAlgorithms.HmacSha256);

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
    }

    private static Dictionary<string, object> Metadata(string issuer, string jwksUri) => new Dictionary<string, object>
    {
        ["issuer"] = issuer,
        ["jwks_uri"] = jwksUri,
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
    };

    private string BotFrameworkKeySet()
    {
        lock (_gate)
        {
            return KeySet(_botFrameworkKeys.Select(k => k.Key.ToJwk(k.Endorsements)));
        }
    }

    private string EntraKeySet()
    {
        lock (_gate)
        {
            return KeySet(_entraKeys.Select(k => k.ToJwk(null)));
        }
    }

    private static string KeySet(IEnumerable<Dictionary<string, object>> keys) => JsonSerializer.Serialize(new { keys });
}

/// <summary>An RSA key pair with a key id, as an issuer would sign with and publish.</summary>
internal sealed class TestSigningKey(string keyId) : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public string KeyId { get; } = keyId;

    public SigningCredentials Credentials(string algorithm = SecurityAlgorithms.RsaSha256) =>
        new(new RsaSecurityKey(_rsa) { KeyId = KeyId }, algorithm);

    public Dictionary<string, object> ToJwk(string[]? endorsements)
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = endorsements;
        }

        return jwk;
    }

    public void Dispose() => _rsa.Dispose();
}
