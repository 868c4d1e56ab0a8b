using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;
using InterviewBot.Teams.Tests.Support;

namespace InterviewBot.Teams.Tests.Hosting;

public sealed class TenantAllowListTests
{
    private const int ForeignTenantIgnoredEvent = 1203;
    private const string FixtureTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string OtherTenant = "5d0f2e1c-aaaa-4bbb-8ccc-123456789abc";

    private readonly List<string> _ran = [];

    [Fact]
    public async Task Post_MessageFromATenantNotAllowed_Answers200AndRunsNoMiddlewareOrHandler()
    {
        // Arrange
        await using var host = await StartAsync(OtherTenant);

        // Act
        var response = await host.PostAsync(Fixture.Read(Fixture.PersonalMessage));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(_ran);
        Assert.Empty(host.Connector.Calls);
        var entry = Assert.Single(host.Logs.Entries, e => e.EventId.Id == ForeignTenantIgnoredEvent);
        Assert.Contains(FixtureTenant, entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_InvokeFromATenantNotAllowed_Answers200WithNoBodyAndRunsNoHandler()
    {
        // Arrange
        await using var host = await StartAsync(OtherTenant);

        // Act
        var response = await host.PostAsync(Fixture.Read(Fixture.AdaptiveCardAction));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(_ran);
    }

    [Fact]
    public async Task Post_ActivityWithoutATenantWhileTenantsAreRestricted_IsIgnored()
    {
        // Arrange
        await using var host = await StartAsync(FixtureTenant);
        var activity = Fixture.Activity(Fixture.PersonalMessage);
        activity.ChannelData = null;
        activity.Conversation!.TenantId = null;

        // Act
        var response = await host.PostAsync(JsonSerializer.Serialize(activity, TeamsJson.Options));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_ran);
    }

    [Fact]
    public async Task Post_MessageFromAnAllowedTenant_RunsMiddlewareAndHandler()
    {
        // Arrange
        await using var host = await StartAsync(OtherTenant, FixtureTenant.ToUpperInvariant());

        // Act
        var response = await host.PostAsync(Fixture.Read(Fixture.PersonalMessage));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["middleware", "handler"], _ran);
    }

    [Fact]
    public async Task Post_NoTenantsConfigured_AcceptsEveryTenant()
    {
        // Arrange
        await using var host = await StartAsync();

        // Act
        var response = await host.PostAsync(Fixture.Read(Fixture.PersonalMessage));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["middleware", "handler"], _ran);
    }

    [Fact]
    public async Task Post_ForeignTenantWithoutAValidToken_Answers401BeforeTheTenantIsConsidered()
    {
        // Arrange
        await using var identity = await TestIdentityProvider.StartAsync();
        var settings = identity.BotSettings();
        settings["Bot:AllowedTenants:0"] = OtherTenant;
        await using var host = await StartAsync(settings, "Production");

        // Act
        var response = await host.PostAsync(Fixture.Read(Fixture.PersonalMessage));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId.Id == ForeignTenantIgnoredEvent);
    }

    [Fact]
    public async Task Post_AuthenticatedActivityFromAForeignTenant_Answers200AndRunsNoHandler()
    {
        // Arrange
        await using var identity = await TestIdentityProvider.StartAsync();
        var settings = identity.BotSettings();
        settings["Bot:AllowedTenants:0"] = OtherTenant;
        await using var host = await StartAsync(settings, "Production");
        var token = TestIdentityProvider.Mint(
            TestIdentityProvider.TeamsKey.Credentials(),
            TestIdentityProvider.BotFrameworkIssuer,
            TestIdentityProvider.BotFrameworkClaims("https://smba.trafficmanager.net/amer/"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(Fixture.Read(Fixture.PersonalMessage), null, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // Act
        var response = await host.Client.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_ran);
        Assert.Single(host.Logs.Entries, e => e.EventId.Id == ForeignTenantIgnoredEvent);
    }

    private Task<TestBotHost> StartAsync(params string[] allowedTenants)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < allowedTenants.Length; i++)
        {
            settings[$"Bot:AllowedTenants:{i}"] = allowedTenants[i];
        }

        return StartAsync(settings, "Development");
    }

    private Task<TestBotHost> StartAsync(Dictionary<string, string?> settings, string environment) =>
        TestBotHost.StartAsync(
            routes => routes
                .Use(async (_, next, _) =>
                {
                    _ran.Add("middleware");
                    await next();
                })
                .OnMessage((_, _) =>
                {
                    _ran.Add("handler");
                    return Task.CompletedTask;
                })
                .OnInvoke(AdaptiveCardInvokeValue.InvokeName, (_, _) =>
                {
                    _ran.Add("invoke");
                    return Task.FromResult(new InvokeResponse(200));
                }),
            settings,
            environment);
}
