using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace InterviewBot.EndToEnd.Tests.MultiInstance;

/// <summary>
/// Plays one Entra tenant on a loopback port: its OpenID metadata and signing keys, and access tokens signed with
/// them, so that the app's token validation runs for real without reaching Microsoft.
/// </summary>
public sealed class FakeEntra : IAsyncDisposable
{
    private const string KeyId = "fake-entra-key";

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);

    private FakeEntra(WebApplication app) => _app = app;

    public string TenantId { get; } = Guid.NewGuid().ToString();

    /// <summary>The issuer Entra writes into v2 tokens of this tenant.</summary>
    public string Issuer => $"https://login.microsoftonline.com/{TenantId}/v2.0";

    /// <summary>The value for <c>Bot:Authentication:EntraOpenIdMetadataUrlTemplate</c>.</summary>
    public string MetadataUrlTemplate { get; private set; } = string.Empty;

    public static async Task<FakeEntra> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var entra = new FakeEntra(app);
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant, HttpRequest request) =>
            Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = $"https://login.microsoftonline.com/{tenant}/v2.0",
                ["jwks_uri"] = $"{request.Scheme}://{request.Host}/{tenant}/discovery/v2.0/keys",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            }));
        app.MapGet("/{tenant}/discovery/v2.0/keys", () =>
        {
            var parameters = entra._rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", kid = KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                },
            });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        entra.MetadataUrlTemplate = address.TrimEnd('/') + "/{tenant}/v2.0/.well-known/openid-configuration";
        return entra;
    }

    /// <summary>An access token of this tenant for <paramref name="audience"/>, naming the user <paramref name="objectId"/>.</summary>
    public string AccessToken(string audience, string objectId, string? issuer = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("oid", objectId), new Claim("tid", TenantId), new Claim("name", "Avery Admin"), new Claim("scp", "access_as_user")]),
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
