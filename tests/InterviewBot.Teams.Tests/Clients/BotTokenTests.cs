using System.Net;
using InterviewBot.Teams.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InterviewBot.Teams.Tests.Clients;

public sealed class BotTokenTests
{
    private const string ServiceUrl = ConnectorTestHost.ServiceUrl;
    private const string Chat = "a:1personal-chat";
    private const string ForeignServiceUrl = "https://connector.attacker.example/";

    [Fact]
    public async Task SendToConversationAsync_SingleTenantApp_GetsOneTokenFromTheHomeTenantForManyCalls()
    {
        // Arrange
        using var host = ConnectorTestHost.Create(ConnectorTestHost.SingleTenantIdentity);

        // Act
        for (var i = 0; i < 3; i++)
        {
            await host.Client.SendToConversationAsync(ServiceUrl, Chat, ConnectorTestHost.Message($"hi {i}", Chat)).WaitAsync(TimeSpan.FromSeconds(10));
        }

        // Assert
        var tokenRequest = Assert.Single(host.Connector.TokenRequests);
        Assert.Equal($"https://login.microsoftonline.com/{ConnectorTestHost.TenantId}/oauth2/v2.0/token", tokenRequest.Uri.GetLeftPart(UriPartial.Path));
        var form = ParseForm(tokenRequest.Form);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("00000000-0000-0000-0000-00000000b07a", form["client_id"]);
        Assert.Equal("app-secret", form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);
        Assert.Equal(3, host.Connector.Requests.Count);
        Assert.All(host.Connector.Requests, r => Assert.Equal($"Bearer {FakeConnector.Token}", r.Authorization));
    }

    [Fact]
    public async Task SendToConversationAsync_MultiTenantApp_GetsItsTokenFromTheBotFrameworkTenant()
    {
        // Arrange
        var settings = ConnectorTestHost.SingleTenantIdentity;
        settings["MicrosoftAppType"] = "MultiTenant";
        settings["MicrosoftAppTenantId"] = null;
        using var host = ConnectorTestHost.Create(settings);

        // Act
        await host.Client.SendToConversationAsync(ServiceUrl, Chat, ConnectorTestHost.Message("hi", Chat)).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        var tokenRequest = Assert.Single(host.Connector.TokenRequests);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", tokenRequest.Uri.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task SendToConversationAsync_AuthorityHostConfigured_GetsTheTokenThere()
    {
        // Arrange
        var settings = ConnectorTestHost.SingleTenantIdentity;
        settings["Bot:Connector:AuthorityHost"] = "https://login.sovereign.example";
        using var host = ConnectorTestHost.Create(settings);

        // Act
        await host.Client.SendToConversationAsync(ServiceUrl, Chat, ConnectorTestHost.Message("hi", Chat)).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        var tokenRequest = Assert.Single(host.Connector.TokenRequests);
        Assert.Equal($"https://login.sovereign.example/{ConnectorTestHost.TenantId}/oauth2/v2.0/token", tokenRequest.Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal(0, host.Connector.DiscoveryRequests);
        Assert.Equal($"Bearer {FakeConnector.Token}", Assert.Single(host.Connector.Requests).Authorization);
    }

    [Fact]
    public async Task SendToConversationAsync_UntrustedServiceUrl_IsRefusedBeforeAnyRequestAndLogged()
    {
        // Arrange
        using var host = ConnectorTestHost.Create(ConnectorTestHost.SingleTenantIdentity);

        // Act
        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => host.Client.SendToConversationAsync(ForeignServiceUrl, Chat, ConnectorTestHost.Message("hi", Chat)));

        // Assert
        Assert.Equal(ConnectorErrorCodes.UntrustedServiceUrl, exception.ErrorCode);
        Assert.False(exception.IsTransient);
        Assert.Empty(host.Connector.Requests);
        Assert.Empty(host.Connector.TokenRequests);
        var entry = Assert.Single(host.Logs.Entries, e => e.EventId.Id == 1102);
        Assert.Contains(ForeignServiceUrl, entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeConnector.Token, entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendToConversationAsync_ServiceUrlTrustedAfterAnAuthenticatedActivity_CarriesTheToken()
    {
        // Arrange
        using var host = ConnectorTestHost.Create(ConnectorTestHost.SingleTenantIdentity);
        host.TrustedServiceUrls.Trust("https://smba.infra.gcc.teams.microsoft.com/gcc/");

        // Act
        await host.Client.SendToConversationAsync("https://smba.infra.gcc.teams.microsoft.com/gcc/", Chat, ConnectorTestHost.Message("hi", Chat))
            .WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal($"Bearer {FakeConnector.Token}", Assert.Single(host.Connector.Requests).Authorization);
    }

    [Fact]
    public async Task SendToConversationAsync_NoAppId_SendsNoTokenEvenToAnUntrustedServiceUrl()
    {
        // Arrange
        using var host = ConnectorTestHost.Create();

        // Act
        await host.Client.SendToConversationAsync("http://localhost:56150/_connector", Chat, ConnectorTestHost.Message("hi", Chat))
            .WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Null(Assert.Single(host.Connector.Requests).Authorization);
        Assert.Empty(host.Connector.TokenRequests);
        Assert.IsType<NoBotTokenProvider>(host.Services.GetRequiredService<IBotTokenProvider>());
    }

    [Fact]
    public async Task SendToConversationAsync_TokenEndpointRefusesTheSecret_FailsWithoutCallingTheConnector()
    {
        // Arrange
        using var host = ConnectorTestHost.Create(ConnectorTestHost.SingleTenantIdentity);
        host.Connector.TokenFailure = HttpStatusCode.Unauthorized;

        // Act
        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => host.Client.SendToConversationAsync(ServiceUrl, Chat, ConnectorTestHost.Message("hi", Chat)).WaitAsync(TimeSpan.FromSeconds(10)));

        // Assert
        Assert.Equal(ConnectorErrorCodes.TokenUnavailable, exception.ErrorCode);
        Assert.False(exception.IsTransient);
        Assert.Empty(host.Connector.Requests);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains("app-secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SingleTenant", null, "app-secret", "MicrosoftAppTenantId is not set")]
    [InlineData("SingleTenant", ConnectorTestHost.TenantId, null, "MicrosoftAppPassword is not set")]
    [InlineData("MultiTenant", null, null, "MicrosoftAppPassword is not set")]
    [InlineData("Federated", ConnectorTestHost.TenantId, "app-secret", "MicrosoftAppType 'Federated'")]
    public void AddTeamsConnector_IdentityThatCannotGetAToken_IsRefusedBeforeAnyCall(string appType, string? tenantId, string? password, string expected)
    {
        // Arrange
        var settings = ConnectorTestHost.SingleTenantIdentity;
        settings["MicrosoftAppType"] = appType;
        settings["MicrosoftAppTenantId"] = tenantId;
        settings["MicrosoftAppPassword"] = password;

        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => ConnectorTestHost.Create(settings));

        // Assert
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bot:RateLimits:PerTenantPerSecond", "0", "PerTenantPerSecond")]
    [InlineData("Bot:Connector:AuthorityHost", "http://login.microsoftonline.com", "AuthorityHost")]
    [InlineData("Bot:Connector:MaxRetryAttempts", "-1", "MaxRetryAttempts")]
    [InlineData("Bot:Connector:AttemptTimeout", "00:00:00", "AttemptTimeout")]
    public void AddTeamsConnector_SettingOutOfRange_IsRefusedAtStartup(string key, string value, string expected)
    {
        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => ConnectorTestHost.Create(new Dictionary<string, string?> { [key] = value }));

        // Assert
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ParseForm(string form) =>
        form.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0].Replace('+', ' ')), pair => Uri.UnescapeDataString(pair[1].Replace('+', ' ')));
}
