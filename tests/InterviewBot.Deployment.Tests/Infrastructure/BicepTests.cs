using System.Text.Json;
using InterviewBot.Deployment.Tests.Support;
using InterviewBot.Testing;

namespace InterviewBot.Deployment.Tests.Infrastructure;

/// <summary>The template compiled once by the Bicep CLI, offline, as <c>az deployment group create</c> would compile it.</summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    private readonly TemporaryDirectory _output = new();

    public ToolResult Build { get; private set; } = null!;

    public JsonElement Template { get; private set; }

    public string Text { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync(Repository.PathOf("infra"), "build", "main.bicep", "--outdir", _output.Path);
        var file = _output.Combine("main.json");
        if (File.Exists(file))
        {
            Text = await File.ReadAllTextAsync(file);
            using var document = JsonDocument.Parse(Text);
            Template = document.RootElement.Clone();
        }
    }

    public Task DisposeAsync()
    {
        _output.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The resources of the given type, whether the template lists them or names them symbolically.</summary>
    public IReadOnlyList<JsonElement> Resources(string type)
    {
        var resources = Template.GetProperty("resources");
        var all = resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray();
        return [.. all.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase))];
    }
}

/// <summary>infra/: built and linted with the Bicep CLI with warnings treated as errors, and what the deployment promises.</summary>
public sealed class BicepTests(CompiledTemplate compiled) : IClassFixture<CompiledTemplate>, IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    [Fact]
    public void Build_MainTemplate_CompilesWithoutWarnings()
    {
        // Assert
        AssertClean(compiled.Build);
        Assert.NotEmpty(compiled.Text);
    }

    [Fact]
    public async Task Lint_MainTemplate_ReportsNothing()
    {
        // Act
        var result = await BicepCli.RunAsync(Repository.PathOf("infra"), "lint", "main.bicep");

        // Assert
        AssertClean(result);
    }

    [Fact]
    public async Task BuildParams_ParametersFile_CompilesAndLintsWithoutWarnings()
    {
        // Act
        var build = await BicepCli.RunAsync(Repository.PathOf("infra"), "build-params", "main.bicepparam", "--outfile", _scratch.Combine("main.parameters.json"));
        var lint = await BicepCli.RunAsync(Repository.PathOf("infra"), "lint", "main.bicepparam");

        // Assert
        AssertClean(build);
        AssertClean(lint);
        Assert.True(File.Exists(_scratch.Combine("main.parameters.json")));
    }

    [Fact]
    public async Task Lint_TemplateWithAnUnusedParameter_ReportsAWarning()
    {
        // Arrange: the same template and linter settings, with one mistake.
        File.Copy(Repository.PathOf("infra/bicepconfig.json"), _scratch.Combine("bicepconfig.json"));
        await File.WriteAllTextAsync(_scratch.Combine("main.bicep"), Repository.ReadText("infra/main.bicep") + Environment.NewLine + "param forgotten string = 'x'" + Environment.NewLine);

        // Act
        var result = await BicepCli.RunAsync(_scratch.Path, "lint", "main.bicep");

        // Assert
        Assert.Contains(BicepCli.Problems(result), p => p.Contains("no-unused-params", StringComparison.Ordinal));
    }

    [Fact]
    public void Storage_Account_RefusesAccountKeysAndIsNeverAskedForThem()
    {
        // Act
        var storage = Assert.Single(compiled.Resources("Microsoft.Storage/storageAccounts"));

        // Assert
        var properties = storage.GetProperty("properties");
        Assert.False(properties.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.True(properties.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        Assert.DoesNotContain("listKeys", compiled.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey", compiled.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Single(compiled.Resources("Microsoft.Storage/storageAccounts/tableServices"));
    }

    [Fact]
    public void Storage_ManagedIdentity_IsGrantedStorageTableDataContributor()
    {
        // Act
        var assignment = Assert.Single(compiled.Resources("Microsoft.Authorization/roleAssignments"));

        // Assert
        var properties = assignment.GetProperty("properties");
        var role = properties.GetProperty("roleDefinitionId").GetString()!;
        Assert.StartsWith("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('storageTableDataContributorRoleId'))", role, StringComparison.Ordinal);
        Assert.Equal("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", compiled.Template.GetProperty("variables").GetProperty("storageTableDataContributorRoleId").GetString());
        Assert.Contains("identity", properties.GetProperty("principalId").GetString(), StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", properties.GetProperty("principalType").GetString());
    }

    [Fact]
    public void Bot_Registration_UsesTheManagedIdentityAndTheWebAppsMessagingEndpoint()
    {
        // Act
        var bot = Assert.Single(compiled.Resources("Microsoft.BotService/botServices"));

        // Assert
        var properties = bot.GetProperty("properties");
        Assert.Equal("UserAssignedMSI", properties.GetProperty("msaAppType").GetString());
        Assert.Contains("identity", properties.GetProperty("msaAppId").GetString(), StringComparison.Ordinal);
        Assert.Contains("userAssignedIdentities", properties.GetProperty("msaAppMSIResourceId").GetString(), StringComparison.Ordinal);
        var endpoint = properties.GetProperty("endpoint").GetString()!;
        Assert.StartsWith("[format('https://{0}/api/messages'", endpoint, StringComparison.Ordinal);
        Assert.Contains("webApp", endpoint, StringComparison.Ordinal);
    }

    [Fact]
    public void Bot_Channels_IncludeMicrosoftTeams()
    {
        // Act
        var channel = Assert.Single(compiled.Resources("Microsoft.BotService/botServices/channels"));

        // Assert
        Assert.Equal("MsTeamsChannel", channel.GetProperty("properties").GetProperty("channelName").GetString());
    }

    [Fact]
    public void WebApp_Settings_RunDotNet10AsTheBotWithManagedIdentityStorage()
    {
        // Act
        var site = Assert.Single(compiled.Resources("Microsoft.Web/sites"));

        // Assert
        var siteConfig = site.GetProperty("properties").GetProperty("siteConfig");
        Assert.Contains("'DOTNETCORE|10.0'", siteConfig.GetProperty("linuxFxVersion").GetString(), StringComparison.Ordinal);
        Assert.Equal("/health", siteConfig.GetProperty("healthCheckPath").GetString());
        Assert.True(site.GetProperty("properties").GetProperty("httpsOnly").GetBoolean());
        var settings = siteConfig.GetProperty("appSettings").GetString()!;
        foreach (var name in new[] { "'MicrosoftAppType', 'value', 'UserAssignedMSI'", "'MicrosoftAppId'", "'MicrosoftAppTenantId'", "'Storage__TableEndpoint'", "'Storage__ManagedIdentityClientId'", "'Hangfire__ConnectionString'", "'APPLICATIONINSIGHTS_CONNECTION_STRING'" })
        {
            Assert.Contains(name, settings, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("MicrosoftAppPassword", compiled.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_ByDefault_IsNotDeployedAndItsPasswordIsASecureParameter()
    {
        // Act
        var parameters = compiled.Template.GetProperty("parameters");

        // Assert
        Assert.False(parameters.GetProperty("deployPostgres").GetProperty("defaultValue").GetBoolean());
        Assert.Equal("securestring", parameters.GetProperty("postgresAdministratorPassword").GetProperty("type").GetString());
        var server = Assert.Single(compiled.Resources("Microsoft.DBforPostgreSQL/flexibleServers"));
        Assert.Equal("[parameters('deployPostgres')]", server.GetProperty("condition").GetString());
    }

    [Theory]
    [InlineData("webAppName")]
    [InlineData("webAppHostName")]
    [InlineData("botAppId")]
    [InlineData("identityClientId")]
    [InlineData("tenantId")]
    [InlineData("storageTableEndpoint")]
    [InlineData("postgresServerFqdn")]
    public void Outputs_WhatTheDeploymentGuideAndThePackageScriptRead_AreThere(string output)
    {
        Assert.True(compiled.Template.GetProperty("outputs").TryGetProperty(output, out _), $"infra/main.bicep has no output '{output}'.");
    }

    public void Dispose() => _scratch.Dispose();

    private static void AssertClean(ToolResult result)
    {
        Assert.True(result.ExitCode == 0, "bicep failed: " + result);
        Assert.Empty(BicepCli.Problems(result));
        Assert.DoesNotMatch(@"\b(Warning|Error)\b", result.Output);
    }
}
