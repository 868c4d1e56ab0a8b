using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Deployment.Tests.Support;
using InterviewBot.Testing;

namespace InterviewBot.Deployment.Tests.Manifest;

/// <summary>The app package built once by manifest/scripts/build-package.mjs for a bot id and a domain, as an administrator would.</summary>
public sealed class BuiltPackage : IAsyncLifetime
{
    public const string BotId = "6f1c2d3e-4b5a-4978-8a9b-0c1d2e3f4a5b";

    public const string Domain = "interviewbot-7xk2m4q9.azurewebsites.net";

    private readonly TemporaryDirectory _directory = new();

    public string ZipPath => _directory.Combine("appPackage.zip");

    public ToolResult Build { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Build = await ToolRun.NodeAsync(AppPackageTests.BuildScript, "--bot-id", BotId, "--domain", Domain, "--out", ZipPath);

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Building appPackage.zip and validating its manifest offline against the official schema.</summary>
public sealed class AppPackageTests(BuiltPackage package) : IClassFixture<BuiltPackage>, IDisposable
{
    public const string BuildScript = "manifest/scripts/build-package.mjs";

    private const string ValidateScript = "manifest/scripts/validate-manifest.mjs";

    private readonly TemporaryDirectory _scratch = new();

    [Fact]
    public void BuildPackage_BotIdAndDomain_ZipsManifestAndBothIconsAtTheRoot()
    {
        // Arrange
        Assert.True(package.Build.ExitCode == 0, package.Build.ToString());

        // Act
        using var zip = ZipFile.OpenRead(package.ZipPath);

        // Assert
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllBytes(Repository.PathOf("manifest/color.png")), Read(zip, "color.png"));
        Assert.Equal(File.ReadAllBytes(Repository.PathOf("manifest/outline.png")), Read(zip, "outline.png"));
    }

    [Fact]
    public void BuildPackage_BotIdAndDomain_FillsInEveryPlaceholder()
    {
        // Act
        var manifest = PackagedManifest();

        // Assert
        var text = manifest.ToJsonString();
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        Assert.Equal(BuiltPackage.BotId, manifest["id"]!.GetValue<string>());
        Assert.Equal(BuiltPackage.BotId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal([BuiltPackage.Domain], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("1.0.0", manifest["version"]!.GetValue<string>());
        Assert.Equal($"https://{BuiltPackage.Domain}/", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.Equal("color.png", manifest["icons"]!["color"]!.GetValue<string>());
        Assert.Equal("outline.png", manifest["icons"]!["outline"]!.GetValue<string>());
    }

    [Fact]
    public async Task ValidateManifest_PackagedManifest_PassesTheOfficialSchemaOffline()
    {
        // Arrange
        var file = _scratch.Combine("manifest.json");
        await File.WriteAllTextAsync(file, PackagedManifest().ToJsonString());

        // Act
        var result = await ToolRun.NodeAsync(ValidateScript, file);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("is a valid Teams app manifest", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateManifest_DeveloperMissing_FailsNamingTheProperty()
    {
        // Arrange
        var manifest = PackagedManifest();
        manifest.Remove("developer");
        var file = _scratch.Combine("manifest.json");
        await File.WriteAllTextAsync(file, manifest.ToJsonString());

        // Act
        var result = await ToolRun.NodeAsync(ValidateScript, file);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("developer", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateManifest_CommandTitleLongerThan32Characters_Fails()
    {
        // Arrange
        var manifest = PackagedManifest();
        manifest["bots"]![0]!["commandLists"]![0]!["commands"]![0]!["title"] = "help me with everything you can do";
        var file = _scratch.Combine("manifest.json");
        await File.WriteAllTextAsync(file, manifest.ToJsonString());

        // Act
        var result = await ToolRun.NodeAsync(ValidateScript, file);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("longer than 32 characters", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildPackage_DeploymentOutputs_TakesTheBotIdAndTheDomainFromThem()
    {
        // Arrange: what `az deployment group show --query properties.outputs` prints for infra/main.bicep.
        var outputs = _scratch.Combine("outputs.json");
        await File.WriteAllTextAsync(outputs, """
            {
              "botAppId": { "type": "String", "value": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" },
              "webAppHostName": { "type": "String", "value": "interviewbot-qa.azurewebsites.net" },
              "webAppName": { "type": "String", "value": "interviewbot-qa" }
            }
            """);
        var zipPath = _scratch.Combine("appPackage.zip");

        // Act
        var result = await ToolRun.NodeAsync(BuildScript, "--deployment-outputs", outputs, "--version", "1.2.0", "--out", zipPath);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        using var zip = ZipFile.OpenRead(zipPath);
        var manifest = JsonNode.Parse(Read(zip, "manifest.json"))!;
        Assert.Equal("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("interviewbot-qa.azurewebsites.net", manifest["validDomains"]![0]!.GetValue<string>());
        Assert.Equal("1.2.0", manifest["version"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not-a-guid", "interviewbot.azurewebsites.net", "--bot-id")]
    [InlineData("6f1c2d3e-4b5a-4978-8a9b-0c1d2e3f4a5b", "https://interviewbot.azurewebsites.net/api/messages", "--domain")]
    public async Task BuildPackage_InvalidSetting_FailsNamingItAndWritesNoPackage(string botId, string domain, string option)
    {
        // Arrange
        var zipPath = _scratch.Combine("appPackage.zip");

        // Act
        var result = await ToolRun.NodeAsync(BuildScript, "--bot-id", botId, "--domain", domain, "--out", zipPath);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(option, result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(zipPath));
    }

    public void Dispose() => _scratch.Dispose();

    private static byte[] Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"The package has no {name}.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private JsonObject PackagedManifest()
    {
        Assert.True(package.Build.ExitCode == 0, package.Build.ToString());
        using var zip = ZipFile.OpenRead(package.ZipPath);
        return JsonNode.Parse(Read(zip, "manifest.json"))!.AsObject();
    }
}
