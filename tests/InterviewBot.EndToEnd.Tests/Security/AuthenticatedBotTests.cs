using System.Net;
using System.Text.Json.Nodes;
using InterviewBot.Domain.People;
using InterviewBot.EndToEnd.Tests.Infrastructure;
using InterviewBot.Storage.People;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewBot.EndToEnd.Tests.Security;

/// <summary>
/// The bot as it runs in production: an app identity, inbound tokens checked against an identity provider on
/// loopback, its own token fetched from a stand-in for Entra ID, one allowed customer tenant, and the REST API behind
/// a key.
/// </summary>
public sealed class AuthenticatedBotFixture : IAsyncLifetime
{
    public const string ApiKey = "e2e-api-key-4b1f2c9d";

    /// <summary>The customer tenant whose Teams may use the bot.</summary>
    public const string AllowedTenant = "5b0e9f1a-3c2d-4e8f-9a7b-6c5d4e3f2a10";

    private BotEnvironment? _bot;
    private TestIdentityProvider? _identity;

    public BotEnvironment Bot => _bot ?? throw new InvalidOperationException("The fixture has not started.");

    public EntraTokenEndpoint Entra { get; } = new();

    internal TestIdentityProvider Identity => _identity ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        _identity = await TestIdentityProvider.StartAsync();
        _bot = await BotEnvironment.StartAsync(
            new EmbeddedStorage(),
            "Production",
            connector => new Dictionary<string, string?>(_identity.BotSettings())
            {
                ["Api:Keys:0"] = ApiKey,
                ["Demo:Enabled"] = "true",
                ["Bot:TrustedServiceUrls:0"] = connector.ServiceUrl,
                ["Bot:AllowedTenants:0"] = AllowedTenant,
            },
            Entra.Intercept);
        _bot.Teams.Authorization = activity => "Bearer " + TeamsToken((string?)activity["serviceUrl"]);
    }

    /// <summary>A token as Teams sends it with an activity for <paramref name="serviceUrl"/>.</summary>
    public static string TeamsToken(string? serviceUrl) =>
        TestIdentityProvider.Mint(TestIdentityProvider.TeamsKey.Credentials(), TestIdentityProvider.BotFrameworkIssuer, TestIdentityProvider.BotFrameworkClaims(serviceUrl));

    public async Task DisposeAsync()
    {
        try
        {
            if (_bot is not null)
            {
                await _bot.DisposeAsync();
            }
        }
        finally
        {
            if (_identity is not null)
            {
                await _identity.DisposeAsync();
            }
        }
    }
}

/// <summary>Forged requests, other tenants and untrusted service URLs against the production configuration.</summary>
public sealed class AuthenticatedBotTests(AuthenticatedBotFixture fixture) : IClassFixture<AuthenticatedBotFixture>
{
    private const string SampleCandidate = "Jordan Lee (sample)";

    // The host's source-generated log events that say why nothing happened.
    private const int AuthenticationFailedEvent = 1200;
    private const int ForeignTenantIgnoredEvent = 1203;
    private const int UntrustedServiceUrlRefusedEvent = 1102;
    private const int DeliveryAttemptFailedEvent = 3102;

    // Keys the identity provider never published; RSA generation is slow, so once per run.
    private static readonly TestSigningKey Impostor = new(TestIdentityProvider.TeamsKey.KeyId);
    private static readonly TestSigningKey Unpublished = new("never-published");

    public enum Forgery
    {
        KeyNeverPublished,
        ImpostorKeyWithTheTeamsKeyId,
        Unsigned,
        SignedWithTheAppPassword,
        ForAnotherBot,
        ForAnotherServiceUrl,
    }

    private BotEnvironment Bot => fixture.Bot;

    [Fact]
    public async Task Demo_WithoutAToken_Answers401AndStoresNothing()
    {
        // Arrange
        var user = TeamsUser.Create("Megan Bowen", AuthenticatedBotFixture.AllowedTenant);
        var demo = Bot.Teams.Message(user, "demo");
        var logged = Bot.Host.Log.Count;

        // Act
        var status = await Bot.Teams.SendAsync(demo, authorization: null);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains(Bot.Host.Log.Snapshot().Skip(logged), e => e.EventId == AuthenticationFailedEvent);
        await AssertNothingStoredForAsync(user);
    }

    [Theory]
    [InlineData(Forgery.KeyNeverPublished)]
    [InlineData(Forgery.ImpostorKeyWithTheTeamsKeyId)]
    [InlineData(Forgery.Unsigned)]
    [InlineData(Forgery.SignedWithTheAppPassword)]
    [InlineData(Forgery.ForAnotherBot)]
    [InlineData(Forgery.ForAnotherServiceUrl)]
    public async Task Demo_WithAForgedToken_Answers401AndStoresNothing(Forgery forgery)
    {
        // Arrange
        var user = TeamsUser.Create("Megan Bowen", AuthenticatedBotFixture.AllowedTenant);
        var demo = Bot.Teams.Message(user, "demo");
        var claims = TestIdentityProvider.BotFrameworkClaims(Bot.Connector.ServiceUrl);
        var issuer = TestIdentityProvider.BotFrameworkIssuer;
        var token = forgery switch
        {
            Forgery.KeyNeverPublished => TestIdentityProvider.Mint(Unpublished.Credentials(), issuer, claims),
            Forgery.ImpostorKeyWithTheTeamsKeyId => TestIdentityProvider.Mint(Impostor.Credentials(), issuer, claims),
            Forgery.Unsigned => TestIdentityProvider.MintUnsigned(TestIdentityProvider.TeamsKey.KeyId, issuer, claims),
            Forgery.SignedWithTheAppPassword => TestIdentityProvider.Mint(TestIdentityProvider.AppPasswordHmac(TestIdentityProvider.TeamsKey.KeyId), issuer, claims),
            Forgery.ForAnotherBot => TestIdentityProvider.Mint(TestIdentityProvider.TeamsKey.Credentials(), issuer, claims, audience: Guid.NewGuid().ToString()),
            Forgery.ForAnotherServiceUrl => TestIdentityProvider.Mint(TestIdentityProvider.TeamsKey.Credentials(), issuer, TestIdentityProvider.BotFrameworkClaims("https://smba.trafficmanager.net/emea/")),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };
        var logged = Bot.Host.Log.Count;

        // Act
        var status = await Bot.Teams.SendAsync(demo, "Bearer " + token);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains(Bot.Host.Log.Snapshot().Skip(logged), e => e.EventId == AuthenticationFailedEvent);
        await AssertNothingStoredForAsync(user);
    }

    [Fact]
    public async Task SaveDraft_WithoutAToken_Answers401AndStoresNothing()
    {
        // Arrange
        var user = TeamsUser.Create("Megan Bowen", AuthenticatedBotFixture.AllowedTenant);
        var loop = await Bot.Loops.CreateEndedInterviewAsync("Casey Kim", user.AadObjectId, user.Name, Guid.NewGuid().ToString());
        var save = Bot.Teams.Message(user, string.Empty);
        save["type"] = "invoke";
        save["name"] = "adaptiveCard/action";
        save["value"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = "scorecard.save",
                ["data"] = new JsonObject { ["interviewId"] = loop.InterviewId, ["baseVersion"] = 0, ["rating.ml-systems-design"] = "1" },
            },
            ["trigger"] = "manual",
        };

        // Act
        var withoutToken = await Bot.Teams.SendAsync(save, authorization: null);
        var storedWithoutToken = await Bot.StoredScorecardAsync(loop.InterviewId);
        var withToken = await Bot.Teams.SendAsync(save, "Bearer " + AuthenticatedBotFixture.TeamsToken(Bot.Connector.ServiceUrl));

        // Assert: the same request with a token is stored, so the refusal is the token's doing.
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken);
        Assert.Null(storedWithoutToken);
        Assert.Equal(HttpStatusCode.OK, withToken);
        Assert.NotNull(await Bot.StoredScorecardAsync(loop.InterviewId));
    }

    [Fact]
    public async Task Demo_WithAValidToken_CreatesTheLoopAndSendsTheCardCarryingTheBotsToken()
    {
        // Arrange
        var user = TeamsUser.Create("Megan Bowen", AuthenticatedBotFixture.AllowedTenant);

        // Act
        await Bot.Teams.SayAsync(user, "demo");

        // Assert
        var delivered = await Bot.Connector.WaitForMessageAsync(
            user.PersonalConversationId,
            r => r.Cards.Any(c => c.Shows("Candidate: " + SampleCandidate) && c.ButtonList.Any(b => b.Title == "Submit")),
            "the scorecard card in the user's personal chat");
        var reply = await Bot.Connector.WaitForMessageAsync(user.PersonalConversationId, r => r.Text?.StartsWith("I created a sample loop", StringComparison.Ordinal) == true, "the reply to demo");
        Assert.Equal("Bearer " + EntraTokenEndpoint.Token, delivered.Authorization);
        Assert.Equal("Bearer " + EntraTokenEndpoint.Token, reply.Authorization);
        var interview = Assert.Single(await Bot.StoredInterviewsOfAsync(user.AadObjectId));
        Assert.Equal(SampleCandidate, interview.Candidate.Name);

        // The token came from the app's home tenant, for the Bot Framework, by client credentials.
        Assert.NotEmpty(fixture.Entra.Requests);
        Assert.All(fixture.Entra.Requests, request =>
        {
            Assert.Equal($"/{TestIdentityProvider.TenantId}/oauth2/v2.0/token", request.Uri.AbsolutePath);
            Assert.Equal("client_credentials", request.Form["grant_type"]);
            Assert.Equal(TestIdentityProvider.AppId, request.Form["client_id"]);
            Assert.Equal(TestIdentityProvider.AppPassword, request.Form["client_secret"]);
            Assert.Equal("https://api.botframework.com/.default", request.Form["scope"]);
        });
    }

    [Fact]
    public async Task Delivery_ToAStoredServiceUrlThatIsNotTrusted_NeverSendsAnythingThere()
    {
        // Arrange: an interviewer remembered with a service URL nobody authenticated, as a request in development
        // mode or a tampered row would leave behind.
        await using var attacker = await CaptureConnector.StartAsync();
        var interviewerId = Guid.NewGuid().ToString();
        await Bot.Host.Services.GetRequiredService<UserDirectory>().RememberAsync(
            new KnownUser(interviewerId, "29:1mallory", "Isaiah Langer", AuthenticatedBotFixture.AllowedTenant, attacker.ServiceUrl, Bot.Teams.BotId, "a:1mallory", null, DateTimeOffset.UtcNow),
            TimeSpan.Zero);

        // Act
        var loop = await Bot.Loops.CreateEndedInterviewAsync("Casey Kim", interviewerId, "Isaiah Langer", Guid.NewGuid().ToString());

        // Assert
        var failed = await Bot.Host.Log.WaitForAsync(e => e.Is(DeliveryAttemptFailedEvent, "InterviewId", loop.InterviewId), "the delivery attempt to fail");
        Assert.Empty(attacker.Requests.Snapshot());
        var refused = Assert.Single(Bot.Host.Log.Snapshot(), e => e.Is(UntrustedServiceUrlRefusedEvent, "ServiceUrl", attacker.ServiceUrl));
        Assert.Equal("SendToConversation", refused.Values["Operation"]);
        Assert.Equal("UntrustedServiceUrl", Assert.IsType<ConnectorException>(failed.Exception).ErrorCode);
    }

    [Fact]
    public async Task Demo_FromATenantNotAllowed_Answers200AndHasNoEffect()
    {
        // Arrange: a validly signed activity; only the tenant is wrong.
        var stranger = TeamsUser.Create("Adele Vance", Guid.NewGuid().ToString());
        var demo = Bot.Teams.Message(stranger, "demo");
        var logged = Bot.Host.Log.Count;

        // Act
        var status = await Bot.Teams.SendAsync(demo, "Bearer " + AuthenticatedBotFixture.TeamsToken(Bot.Connector.ServiceUrl));

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(Bot.Host.Log.Snapshot().Skip(logged), e => e.Is(ForeignTenantIgnoredEvent, "TenantId", stranger.TenantId));
        await AssertNothingStoredForAsync(stranger);
    }

    private async Task AssertNothingStoredForAsync(TeamsUser user)
    {
        Assert.Empty(await Bot.StoredInterviewsOfAsync(user.AadObjectId));
        Assert.Null(await Bot.Host.Services.GetRequiredService<UserDirectory>().FindAsync(user.AadObjectId));
        Assert.DoesNotContain(Bot.Connector.Requests.Snapshot(), r => r.ConversationId == user.PersonalConversationId);
    }
}
