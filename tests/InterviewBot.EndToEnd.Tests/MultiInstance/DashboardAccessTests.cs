using System.Net;
using System.Net.Http.Headers;
using InterviewBot.EndToEnd.Tests.Infrastructure;
using InterviewBot.Testing;

namespace InterviewBot.EndToEnd.Tests.MultiInstance;

/// <summary>The Hangfire dashboard in Development: open to the developer's own machine, and to nothing that comes through a tunnel.</summary>
public sealed class DevelopmentDashboardTests : IAsyncLifetime
{
    private readonly EmbeddedStorage _storage = new();
    private BotHost? _host;

    private BotHost Host => _host!;

    public async Task InitializeAsync() => _host = await BotHost.StartAsync(_storage.Settings);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task Dashboard_RequestedFromThisMachine_Opens()
    {
        // Act
        using var response = await Host.Http.GetAsync(new Uri("hangfire", UriKind.Relative));

        // Assert
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("InterviewBot jobs", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7;proto=https")]
    public async Task Dashboard_RequestedThroughAForwardingTunnel_IsRefused(string header, string value)
    {
        // Arrange: a tunnel to a local bot connects from this machine, but says whom it forwards for.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("hangfire", UriKind.Relative));
        request.Headers.TryAddWithoutValidation(header, value);

        // Act
        using var response = await Host.Http.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

/// <summary>A deployed bot (the Production environment, an app identity), its dashboard open only to listed admins.</summary>
public sealed class ProductionDashboardFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new();
    private FakeEntra? _entra;
    private BotProcess? _bot;

    public string AppId { get; } = Guid.NewGuid().ToString();

    public string AdminObjectId { get; } = Guid.NewGuid().ToString();

    public FakeEntra Entra => _entra!;

    public BotProcess Bot => _bot!;

    public async Task InitializeAsync()
    {
        _entra = await FakeEntra.StartAsync();
        _bot = await BotProcess.StartAsync(
            new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = AppId,
                ["MicrosoftAppPassword"] = "never-used-secret",
                ["MicrosoftAppType"] = "SingleTenant",
                ["MicrosoftAppTenantId"] = _entra.TenantId,
                ["Bot:Authentication:EntraOpenIdMetadataUrlTemplate"] = _entra.MetadataUrlTemplate,
                ["Storage:ConnectionString"] = string.Empty,
                ["Storage:DataDirectory"] = _data.Path,
                ["Access:Admins:0"] = AdminObjectId,
            },
            environmentName: "Production");
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        if (_entra is not null)
        {
            await _entra.DisposeAsync();
        }

        _data.Dispose();
    }
}

/// <summary>The Hangfire dashboard outside Development: only an admin listed in Access:Admins, proven by an Entra token, gets in.</summary>
public sealed class ProductionDashboardTests(ProductionDashboardFixture fixture) : IClassFixture<ProductionDashboardFixture>
{
    [Fact]
    public async Task Dashboard_FromThisMachineWithoutAToken_IsRefused()
    {
        // Act
        using var response = await GetDashboardAsync(token: null);

        // Assert: being local is not enough outside Development.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WithAListedAdminsToken_Opens()
    {
        // Arrange
        var token = fixture.Entra.AccessToken(fixture.AppId, fixture.AdminObjectId);

        // Act
        using var response = await GetDashboardAsync(token);

        // Assert
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The dashboard answered {(int)response.StatusCode}. Bot output:{Environment.NewLine}{fixture.Bot.Output}");
        Assert.Contains("InterviewBot jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_WithTheTokenOfSomeoneNotListed_IsForbidden()
    {
        // Arrange
        var token = fixture.Entra.AccessToken(fixture.AppId, Guid.NewGuid().ToString());

        // Act
        using var response = await GetDashboardAsync(token);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WithAnAdminsTokenForAnotherApp_IsRefused()
    {
        // Arrange
        var token = fixture.Entra.AccessToken(Guid.NewGuid().ToString(), fixture.AdminObjectId);

        // Act
        using var response = await GetDashboardAsync(token);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WithAnAdminsTokenFromAnotherTenant_IsRefused()
    {
        // Arrange: signed with the right keys, but issued by a tenant the bot does not belong to.
        var token = fixture.Entra.AccessToken(fixture.AppId, fixture.AdminObjectId, issuer: $"https://login.microsoftonline.com/{Guid.NewGuid()}/v2.0");

        // Act
        using var response = await GetDashboardAsync(token);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> GetDashboardAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("hangfire", UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await fixture.Bot.Http.SendAsync(request);
    }
}
