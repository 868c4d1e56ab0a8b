using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using InterviewBot.Teams.Authentication;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;
using InterviewBot.Teams.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace InterviewBot.Teams.Tests.Hosting;

public sealed class BotAuthenticationTests : IAsyncLifetime
{
    private const int AuthenticationFailedEvent = 1200;
    private const string TeamsServiceUrl = "https://smba.trafficmanager.net/amer/";

    // Keys that are never published (or published by one test only); generated once because RSA generation is slow.
    private static readonly TestSigningKey Unpublished = new("not-published");
    private static readonly TestSigningKey Impostor = new("bf-teams-1");
    private static readonly TestSigningKey Forged = new("forged");
    private static readonly TestSigningKey RolledOver = new("bf-teams-2");
    private static readonly TestSigningKey Unendorsed = new("bf-unendorsed");

    private TestIdentityProvider _identity = null!;
    private int _handled;

    public enum BadRequest
    {
        NoAuthorizationHeader,
        BasicScheme,
        NotAJwt,
        BadSignature,
        KeyNotInKeySet,
        Expired,
        NotYetValid,
        WrongAudience,
        WrongIssuer,
        AlgorithmNone,
        Hs256SignedWithAppPassword,
        NoServiceUrlClaim,
        ServiceUrlClaimForAnotherService,
        KeyEndorsedForWebChatOnly,
    }

    public async Task InitializeAsync() => _identity = await TestIdentityProvider.StartAsync();

    public async Task DisposeAsync() => await _identity.DisposeAsync();

    [Fact]
    public async Task Post_ValidBotFrameworkToken_Answers200AndRunsTheHandler()
    {
        // Arrange
        await using var host = await StartBotAsync();
        var token = BotFrameworkToken(TestIdentityProvider.TeamsKey, TeamsServiceUrl);

        // Act
        var response = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), $"Bearer {token}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _handled);
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task Post_BotFrameworkTokenSignedWithAnotherRsaAlgorithm_Answers200(string algorithm)
    {
        // Arrange
        await using var host = await StartBotAsync();
        var token = TestIdentityProvider.Mint(TestIdentityProvider.TeamsKey.Credentials(algorithm), TestIdentityProvider.BotFrameworkIssuer, TestIdentityProvider.BotFrameworkClaims(TeamsServiceUrl));

        // Act
        var response = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), $"Bearer {token}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _handled);
    }

    [Theory]
    [InlineData(BadRequest.NoAuthorizationHeader, "AuthorizationHeaderMissing")]
    [InlineData(BadRequest.BasicScheme, "NotBearer")]
    [InlineData(BadRequest.NotAJwt, "TokenMalformed")]
    [InlineData(BadRequest.BadSignature, "SignatureInvalid")]
    [InlineData(BadRequest.KeyNotInKeySet, "SigningKeyUnknown")]
    [InlineData(BadRequest.Expired, "TokenExpired")]
    [InlineData(BadRequest.NotYetValid, "TokenNotYetValid")]
    [InlineData(BadRequest.WrongAudience, "AudienceMismatch")]
    [InlineData(BadRequest.WrongIssuer, "IssuerNotAccepted")]
    [InlineData(BadRequest.AlgorithmNone, "AlgorithmNotAllowed")]
    [InlineData(BadRequest.Hs256SignedWithAppPassword, "AlgorithmNotAllowed")]
    [InlineData(BadRequest.NoServiceUrlClaim, "ServiceUrlClaimMissing")]
    [InlineData(BadRequest.ServiceUrlClaimForAnotherService, "ServiceUrlMismatch")]
    [InlineData(BadRequest.KeyEndorsedForWebChatOnly, "ChannelNotEndorsed")]
    public async Task Post_RequestThatFailsARule_Answers401WithAChallengeAndNoBodyAndRunsNoHandler(BadRequest scenario, string rule)
    {
        // Arrange
        await using var host = await StartBotAsync();
        var claims = TestIdentityProvider.BotFrameworkClaims(TeamsServiceUrl);
        var now = DateTime.UtcNow;
        var authorization = scenario switch
        {
            BadRequest.NoAuthorizationHeader => null,
            BadRequest.BasicScheme => $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestIdentityProvider.AppId}:{TestIdentityProvider.AppPassword}"))}",
            BadRequest.NotAJwt => "Bearer not-a-jwt",
            BadRequest.BadSignature => Bearer(Impostor.Credentials(), claims),
            BadRequest.KeyNotInKeySet => Bearer(Unpublished.Credentials(), claims),
            BadRequest.Expired => Bearer(TestIdentityProvider.TeamsKey.Credentials(), claims, notBefore: now.AddHours(-2), expires: now.AddMinutes(-6)),
            BadRequest.NotYetValid => Bearer(TestIdentityProvider.TeamsKey.Credentials(), claims, notBefore: now.AddMinutes(6), expires: now.AddHours(1)),
            BadRequest.WrongAudience => Bearer(TestIdentityProvider.TeamsKey.Credentials(), claims, audience: "4f3c2b1a-0000-4000-8000-000000000001"),
            BadRequest.WrongIssuer => Bearer(TestIdentityProvider.TeamsKey.Credentials(), claims, issuer: "https://api.botframework.example"),
            BadRequest.AlgorithmNone => $"Bearer {TestIdentityProvider.MintUnsigned(TestIdentityProvider.TeamsKey.KeyId, TestIdentityProvider.BotFrameworkIssuer, claims)}",
            BadRequest.Hs256SignedWithAppPassword => Bearer(TestIdentityProvider.AppPasswordHmac(TestIdentityProvider.TeamsKey.KeyId), claims),
            BadRequest.NoServiceUrlClaim => Bearer(TestIdentityProvider.TeamsKey.Credentials(), TestIdentityProvider.BotFrameworkClaims(null)),
            BadRequest.ServiceUrlClaimForAnotherService => Bearer(TestIdentityProvider.TeamsKey.Credentials(), TestIdentityProvider.BotFrameworkClaims("https://attacker.example/")),
            BadRequest.KeyEndorsedForWebChatOnly => Bearer(TestIdentityProvider.WebChatKey.Credentials(), claims),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        // Act
        var response = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), authorization);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, _handled);
        var failure = Assert.Single(host.Logs.Entries, e => e.EventId.Id == AuthenticationFailedEvent);
        Assert.Contains($"the {rule} check failed", failure.Message, StringComparison.Ordinal);
        var token = authorization?.Split(' ').Last();
        if (!string.IsNullOrEmpty(token))
        {
            Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains(token, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Post_TokenNamingAKeyPublishedAfterFirstUse_IsAcceptedWithoutRestart()
    {
        // Arrange
        await using var host = await StartBotAsync();
        var first = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), $"Bearer {BotFrameworkToken(TestIdentityProvider.TeamsKey, TeamsServiceUrl)}");
        _identity.PublishBotFrameworkKey(RolledOver, "msteams");

        // Act
        var second = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), $"Bearer {BotFrameworkToken(RolledOver, TeamsServiceUrl)}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, _handled);
        Assert.Equal(2, _identity.BotFrameworkMetadataRequests);
    }

    [Fact]
    public async Task Post_ManyTokensNamingUnknownKeys_FetchTheMetadataAgainOnlyOnce()
    {
        // Arrange
        await using var host = await StartBotAsync();
        var statuses = new List<HttpStatusCode>();

        // Act
        for (var i = 0; i < 5; i++)
        {
            var response = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), $"Bearer {BotFrameworkToken(Forged, TeamsServiceUrl)}");
            statuses.Add(response.StatusCode);
        }

        // Assert
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(2, _identity.BotFrameworkMetadataRequests);
    }

    [Fact]
    public async Task Post_UnknownKeyOnceTheMinimumRefreshIntervalHasPassed_FetchesTheMetadataAgain()
    {
        // Arrange
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartBotAsync(configureServices: services => services.AddSingleton<TimeProvider>(time));
        var body = Fixture.Read(Fixture.PersonalMessage);
        await PostAsync(host, body, $"Bearer {BotFrameworkToken(Forged, TeamsServiceUrl)}");
        await PostAsync(host, body, $"Bearer {BotFrameworkToken(Forged, TeamsServiceUrl)}");
        var fetchesWithinTheInterval = _identity.BotFrameworkMetadataRequests;
        time.Advance(TimeSpan.FromMinutes(5));

        // Act
        var response = await PostAsync(host, body, $"Bearer {BotFrameworkToken(Forged, TeamsServiceUrl)}");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(2, fetchesWithinTheInterval);
        Assert.Equal(3, _identity.BotFrameworkMetadataRequests);
    }

    [Fact]
    public async Task Post_KeyWithoutEndorsements_Answers401()
    {
        // Arrange
        await using var host = await StartBotAsync();
        _identity.PublishBotFrameworkKey(Unendorsed, null);

        // Act
        var response = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), $"Bearer {BotFrameworkToken(Unendorsed, TeamsServiceUrl)}");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _handled);
    }

    [Fact]
    public async Task Post_TokenForTheAppIdUri_Answers200()
    {
        // Arrange
        await using var host = await StartBotAsync();
        var token = TestIdentityProvider.Mint(
            TestIdentityProvider.TeamsKey.Credentials(),
            TestIdentityProvider.BotFrameworkIssuer,
            TestIdentityProvider.BotFrameworkClaims(TeamsServiceUrl),
            audience: $"api://{TestIdentityProvider.AppId}");

        // Act
        var response = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), $"Bearer {token}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_ExpiredWithinTheClockSkew_Answers200()
    {
        // Arrange
        await using var host = await StartBotAsync();
        var now = DateTime.UtcNow;
        var token = TestIdentityProvider.Mint(
            TestIdentityProvider.TeamsKey.Credentials(),
            TestIdentityProvider.BotFrameworkIssuer,
            TestIdentityProvider.BotFrameworkClaims(TeamsServiceUrl),
            notBefore: now.AddHours(-1),
            expires: now.AddMinutes(-3));

        // Act
        var response = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), $"Bearer {token}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("2.0", TestIdentityProvider.EntraV2Issuer)]
    [InlineData("1.0", TestIdentityProvider.EntraV1Issuer)]
    public async Task Post_HomeTenantEntraTokenIssuedToTheBot_Answers200(string version, string issuer)
    {
        // Arrange
        await using var host = await StartBotAsync();
        var token = TestIdentityProvider.Mint(TestIdentityProvider.EntraKey.Credentials(), issuer, TestIdentityProvider.EntraClaims(version));

        // Act
        var response = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), $"Bearer {token}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _handled);
        Assert.Equal(1, _identity.EntraMetadataRequests);
        Assert.Equal(0, _identity.BotFrameworkMetadataRequests);
    }

    [Fact]
    public async Task Post_EntraTokenForAManagedIdentityApp_Answers200()
    {
        // Arrange
        var settings = _identity.BotSettings("UserAssignedMSI");
        settings.Remove("MicrosoftAppPassword");
        await using var host = await StartBotAsync(settings);
        var token = TestIdentityProvider.Mint(TestIdentityProvider.EntraKey.Credentials(), TestIdentityProvider.EntraV2Issuer, TestIdentityProvider.EntraClaims("2.0"));

        // Act
        var response = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), $"Bearer {token}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_EntraTokenForAMultiTenantApp_Answers401()
    {
        // Arrange
        await using var host = await StartBotAsync(_identity.BotSettings("MultiTenant"));
        var token = TestIdentityProvider.Mint(TestIdentityProvider.EntraKey.Credentials(), TestIdentityProvider.EntraV2Issuer, TestIdentityProvider.EntraClaims("2.0"));

        // Act
        var response = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), $"Bearer {token}");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _handled);
        Assert.Equal(0, _identity.EntraMetadataRequests);
    }

    [Fact]
    public async Task Post_EntraTokenIssuedToAnotherAppOfTheTenant_Answers401()
    {
        // Arrange
        await using var host = await StartBotAsync();
        var token = TestIdentityProvider.Mint(
            TestIdentityProvider.EntraKey.Credentials(),
            TestIdentityProvider.EntraV2Issuer,
            TestIdentityProvider.EntraClaims("2.0", callerAppId: "0b7a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"));

        // Act
        var response = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), $"Bearer {token}");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == AuthenticationFailedEvent && e.Message.Contains("CallerNotAllowed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_EntraTokenIssuedToAnAllowedCaller_Answers200()
    {
        // Arrange
        const string Caller = "0b7a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
        var settings = _identity.BotSettings();
        settings["Bot:Authentication:AllowedCallers:0"] = Caller;
        await using var host = await StartBotAsync(settings);
        var token = TestIdentityProvider.Mint(TestIdentityProvider.EntraKey.Credentials(), TestIdentityProvider.EntraV1Issuer, TestIdentityProvider.EntraClaims("1.0", Caller));

        // Act
        var response = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), $"Bearer {token}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_EntraTokenWithAnUntrustedServiceUrl_Answers401()
    {
        // Arrange
        await using var host = await StartBotAsync();
        var token = TestIdentityProvider.Mint(TestIdentityProvider.EntraKey.Credentials(), TestIdentityProvider.EntraV2Issuer, TestIdentityProvider.EntraClaims("2.0"));

        // Act
        var response = await PostAsync(host, PersonalMessageFrom("https://attacker.example/"), $"Bearer {token}");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _handled);
        Assert.False(host.App.Services.GetRequiredService<ITrustedServiceUrls>().IsTrusted("https://attacker.example/"));
    }

    [Fact]
    public async Task Post_EntraTokenOfAnotherTenant_Answers401()
    {
        // Arrange
        await using var host = await StartBotAsync();
        var token = TestIdentityProvider.Mint(
            TestIdentityProvider.EntraKey.Credentials(),
            "https://login.microsoftonline.com/5d0f2e1c-aaaa-4bbb-8ccc-123456789abc/v2.0",
            TestIdentityProvider.EntraClaims("2.0"));

        // Act
        var response = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), $"Bearer {token}");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_BotFrameworkTokenSignedWithTheEntraKey_Answers401()
    {
        // Arrange
        await using var host = await StartBotAsync();

        // Act
        var response = await PostAsync(host, Fixture.Read(Fixture.PersonalMessage), $"Bearer {BotFrameworkToken(TestIdentityProvider.EntraKey, TeamsServiceUrl)}");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_AuthenticatedActivity_TrustsItsServiceUrlOnlyAfterAuthenticationSucceeds()
    {
        // Arrange
        const string ServiceUrl = "https://smba.example-region.test/teams/";
        await using var host = await StartBotAsync();
        var trusted = host.App.Services.GetRequiredService<ITrustedServiceUrls>();
        var body = PersonalMessageFrom(ServiceUrl);
        var trustedAtStart = trusted.IsTrusted(ServiceUrl);

        // Act
        var refused = await PostAsync(host, body, $"Bearer {BotFrameworkToken(Impostor, ServiceUrl)}");
        var trustedAfterRefusal = trusted.IsTrusted(ServiceUrl);
        var accepted = await PostAsync(host, body, $"Bearer {BotFrameworkToken(TestIdentityProvider.TeamsKey, ServiceUrl)}");

        // Assert
        Assert.False(trustedAtStart);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.False(trustedAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.True(trusted.IsTrusted(ServiceUrl));
        Assert.True(trusted.IsTrusted("https://smba.example-region.test/other/path"));
        Assert.False(trusted.IsTrusted("http://smba.example-region.test/teams/"));
    }

    [Fact]
    public async Task Post_UnauthenticatedDevelopmentMode_DoesNotTrustTheServiceUrl()
    {
        // Arrange
        const string ServiceUrl = "http://localhost:56150/_connector";
        await using var host = await TestBotHost.StartAsync(routes => routes.OnMessage((_, _) => Task.CompletedTask));

        // Act
        var response = await host.PostAsync(PersonalMessageFrom(ServiceUrl));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(host.App.Services.GetRequiredService<ITrustedServiceUrls>().IsTrusted(ServiceUrl));
    }

    [Fact]
    public async Task TrustedServiceUrls_Default_TrustsTheTeamsServiceInEveryRegionAndNothingElse()
    {
        // Arrange
        await using var host = await TestBotHost.StartAsync();

        // Act
        var trusted = host.App.Services.GetRequiredService<ITrustedServiceUrls>();

        // Assert
        Assert.True(trusted.IsTrusted("https://smba.trafficmanager.net/amer/"));
        Assert.True(trusted.IsTrusted("https://smba.trafficmanager.net/teams/"));
        Assert.False(trusted.IsTrusted("https://smba.trafficmanager.net.attacker.example/amer/"));
        Assert.False(trusted.IsTrusted("https://user@smba.trafficmanager.net/amer/"));
        Assert.False(trusted.IsTrusted("not a url"));
    }

    [Fact]
    public async Task TrustedServiceUrls_Configured_ReplaceTheDefault()
    {
        // Arrange
        await using var host = await TestBotHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Bot:TrustedServiceUrls:0"] = "https://smba.infra.gcc.teams.microsoft.com/teams",
        });

        // Act
        var trusted = host.App.Services.GetRequiredService<ITrustedServiceUrls>();

        // Assert
        Assert.True(trusted.IsTrusted("https://smba.infra.gcc.teams.microsoft.com/teams/"));
        Assert.False(trusted.IsTrusted("https://smba.trafficmanager.net/amer/"));
    }

    private static string PersonalMessageFrom(string serviceUrl)
    {
        var activity = Fixture.Activity(Fixture.PersonalMessage);
        activity.ServiceUrl = serviceUrl;
        return JsonSerializer.Serialize(activity, TeamsJson.Options);
    }

    private static string BotFrameworkToken(TestSigningKey key, string serviceUrl) =>
        TestIdentityProvider.Mint(key.Credentials(), TestIdentityProvider.BotFrameworkIssuer, TestIdentityProvider.BotFrameworkClaims(serviceUrl));

    private static string Bearer(
        SigningCredentials credentials,
        IDictionary<string, object> claims,
        string issuer = TestIdentityProvider.BotFrameworkIssuer,
        string audience = TestIdentityProvider.AppId,
        DateTime? notBefore = null,
        DateTime? expires = null) =>
        $"Bearer {TestIdentityProvider.Mint(credentials, issuer, claims, audience, notBefore, expires)}";

    private static async Task<HttpResponseMessage> PostAsync(TestBotHost host, string json, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await host.Client.SendAsync(request);
    }

    private Task<TestBotHost> StartBotAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null) =>
        TestBotHost.StartAsync(
            routes => routes.OnMessage((_, _) =>
            {
                Interlocked.Increment(ref _handled);
                return Task.CompletedTask;
            }),
            settings ?? _identity.BotSettings(),
            environment: "Production",
            configureServices);
}
