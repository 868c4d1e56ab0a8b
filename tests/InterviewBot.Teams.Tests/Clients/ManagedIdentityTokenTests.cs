using InterviewBot.Teams.Clients;

namespace InterviewBot.Teams.Tests.Clients;

/// <summary>Tests that steer MSAL's managed identity through process environment variables, so they run alone.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentCollection), DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;

[Collection(nameof(ProcessEnvironmentCollection))]
public sealed class ManagedIdentityTokenTests
{
    private const string Chat = "a:1personal-chat";

    // MSAL reads App Service's variables to find the managed identity endpoint; a loopback address
    // keeps anything that slipped past the fake on this machine.
    private const string IdentityEndpoint = "http://127.0.0.1:41999/msi/token";

    [Fact]
    public async Task SendToConversationAsync_UserAssignedManagedIdentity_GetsOneTokenForTheBotFrameworkWithTheAppIdAsClientId()
    {
        // Arrange
        var previousEndpoint = Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT");
        var previousHeader = Environment.GetEnvironmentVariable("IDENTITY_HEADER");
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", IdentityEndpoint);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", "identity-header-secret");
        try
        {
            using var host = ConnectorTestHost.Create(new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = "5b0b2c1e-7d4a-4f7e-9a43-1f6e2d3c4b5a",
                ["MicrosoftAppType"] = "UserAssignedMSI",
                ["MicrosoftAppTenantId"] = ConnectorTestHost.TenantId,
            });

            // Act
            for (var i = 0; i < 2; i++)
            {
                await host.Client.SendToConversationAsync(ConnectorTestHost.ServiceUrl, Chat, ConnectorTestHost.Message($"hi {i}", Chat))
                    .WaitAsync(TimeSpan.FromSeconds(10));
            }

            // Assert
            var tokenRequest = Assert.Single(host.Connector.TokenRequests);
            var query = System.Web.HttpUtility.ParseQueryString(tokenRequest.Uri.Query);
            Assert.Equal(IdentityEndpoint, tokenRequest.Uri.GetLeftPart(UriPartial.Path));
            Assert.Equal("https://api.botframework.com", query["resource"]);
            Assert.Equal("5b0b2c1e-7d4a-4f7e-9a43-1f6e2d3c4b5a", query["client_id"]);
            Assert.Equal("identity-header-secret", tokenRequest.IdentityHeader);
            Assert.All(host.Connector.Requests, r => Assert.Equal($"Bearer {FakeConnector.Token}", r.Authorization));
            Assert.Equal(2, host.Connector.Requests.Count);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", previousEndpoint);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", previousHeader);
        }
    }
}
