using InterviewBot.Teams.Tests.Support;
using Microsoft.Extensions.Options;

namespace InterviewBot.Teams.Tests.Hosting;

public sealed class BotStartupValidationTests
{
    private const string AppId = "c9e8c047-2a74-40a2-b28a-b162d5f5327c";
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    [Theory]
    [InlineData("SingleTenant")]
    [InlineData("UserAssignedMSI")]
    public async Task Start_HomeTenantAppTypeWithoutTenant_RefusesToStartNamingTheSetting(string appType)
    {
        // Arrange
        await using var app = Build(new() { ["MicrosoftAppId"] = AppId, ["MicrosoftAppPassword"] = "secret", ["MicrosoftAppType"] = appType });

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        // Assert
        Assert.Contains("MicrosoftAppTenantId is not set", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SingleTenant")]
    [InlineData("MultiTenant")]
    public async Task Start_AppTypeThatNeedsASecretWithoutPassword_RefusesToStartNamingTheSetting(string appType)
    {
        // Arrange
        await using var app = Build(new() { ["MicrosoftAppId"] = AppId, ["MicrosoftAppType"] = appType, ["MicrosoftAppTenantId"] = TenantId });

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        // Assert
        Assert.Contains("MicrosoftAppPassword is not set", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ManagedIdentityWithoutPassword_Starts()
    {
        // Arrange
        await using var app = Build(new() { ["MicrosoftAppId"] = AppId, ["MicrosoftAppType"] = "UserAssignedMSI", ["MicrosoftAppTenantId"] = TenantId });

        // Act
        var exception = await Record.ExceptionAsync(() => app.StartAsync());

        // Assert
        Assert.Null(exception);
        await app.StopAsync();
    }

    [Fact]
    public async Task Start_MultiTenantWithoutTenant_Starts()
    {
        // Arrange
        await using var app = Build(new() { ["MicrosoftAppId"] = AppId, ["MicrosoftAppPassword"] = "secret", ["MicrosoftAppType"] = "MultiTenant" });

        // Act
        var exception = await Record.ExceptionAsync(() => app.StartAsync());

        // Assert
        Assert.Null(exception);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("Bot:Authentication:BotFrameworkOpenIdMetadataUrl", "http://metadata.example/v1/.well-known/openidconfiguration", "Bot:Authentication:BotFrameworkOpenIdMetadataUrl")]
    [InlineData("Bot:Authentication:EntraOpenIdMetadataUrlTemplate", "https://login.example/common/v2.0/.well-known/openid-configuration", "Bot:Authentication:EntraOpenIdMetadataUrlTemplate")]
    [InlineData("Bot:Authentication:EntraIssuerTemplates:0", "https://login.example/v2.0", "Bot:Authentication:EntraIssuerTemplates")]
    [InlineData("Bot:Authentication:MetadataRefreshInterval", "00:01:00", "Bot:Authentication:MetadataRefreshInterval")]
    [InlineData("Bot:TrustedServiceUrls:0", "smba.trafficmanager.net", "Bot:TrustedServiceUrls")]
    public async Task Start_UnusableAuthenticationSetting_RefusesToStartNamingIt(string key, string value, string named)
    {
        // Arrange
        await using var app = Build(new()
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "secret",
            ["MicrosoftAppTenantId"] = TenantId,
            [key] = value,
        });

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        // Assert
        Assert.Contains(named, exception.Message, StringComparison.Ordinal);
    }

    private static Microsoft.AspNetCore.Builder.WebApplication Build(Dictionary<string, string?> settings) =>
        TestBotHost.Build("Production", settings, null, new RecordingConnectorClient(), new CollectingLoggerProvider());
}
