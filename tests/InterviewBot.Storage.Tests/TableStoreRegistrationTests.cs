using InterviewBot.Storage.Tables;
using InterviewBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static InterviewBot.Storage.Tests.Tables.TestRows;

namespace InterviewBot.Storage.Tests;

public sealed class TableStoreRegistrationTests : IDisposable
{
    private readonly TemporaryDirectory _contentRoot = new();

    [Fact]
    public async Task AddTableStore_NoConnectionString_UsesTheEmbeddedStoreInDataUnderTheContentRoot()
    {
        // Arrange
        using var host = BuildHost([]);

        // Act
        await host.StartAsync();
        var store = host.Services.GetRequiredService<ITableStore>();
        await store.GetTable("things").UpsertAsync(Row("p", "r"));
        await host.StopAsync();

        // Assert
        var embedded = Assert.IsType<EmbeddedTableStore>(store);
        Assert.Equal(_contentRoot.Combine("data"), embedded.DataDirectory);
        Assert.True(File.Exists(Path.Combine(_contentRoot.Combine("data"), "journal.jsonl")));
    }

    [Fact]
    public async Task AddTableStore_RelativeDataDirectory_IsResolvedAgainstTheContentRoot()
    {
        // Arrange
        using var host = BuildHost(new() { ["Storage:DataDirectory"] = "state/tables" });

        // Act
        await host.StartAsync();
        var store = host.Services.GetRequiredService<ITableStore>();

        // Assert
        Assert.Equal(Path.Combine(_contentRoot.Path, "state", "tables"), Assert.IsType<EmbeddedTableStore>(store).DataDirectory);
        await host.StopAsync();
    }

    [Fact]
    public async Task AddTableStore_ConnectionString_UsesAzureTableStoreWithThePrefix()
    {
        // Arrange
        using var host = BuildHost(new()
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Storage:TablePrefix"] = "dev1",
        });

        // Act
        await host.StartAsync();
        var store = host.Services.GetRequiredService<ITableStore>();

        // Assert
        var azure = Assert.IsType<AzureTableStore>(store);
        Assert.Equal("dev1", azure.TablePrefix);
        Assert.Equal("127.0.0.1", azure.Endpoint.Host);
        Assert.False(Directory.Exists(_contentRoot.Combine("data")));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddTableStore_TableEndpoint_UsesAzureTableStoreAtThatEndpointWithoutTouchingTheNetwork()
    {
        // Arrange
        using var host = BuildHost(new()
        {
            ["Storage:TableEndpoint"] = "https://interviewbotprod.table.core.windows.net",
            ["Storage:ManagedIdentityClientId"] = "6f1c2d3e-4b5a-4978-8a9b-0c1d2e3f4a5b",
            ["Storage:TablePrefix"] = "prod",
        });

        // Act
        await host.StartAsync();
        var store = host.Services.GetRequiredService<ITableStore>();

        // Assert
        var azure = Assert.IsType<AzureTableStore>(store);
        Assert.Equal(new Uri("https://interviewbotprod.table.core.windows.net/"), azure.Endpoint);
        Assert.Equal("prod", azure.TablePrefix);
        Assert.False(Directory.Exists(_contentRoot.Combine("data")));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddTableStore_ConnectionStringAndTableEndpoint_FailsOnStartNamingBothSettings()
    {
        // Arrange
        using var host = BuildHost(new()
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Storage:TableEndpoint"] = "https://interviewbotprod.table.core.windows.net",
        });

        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:TableEndpoint", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("interviewbotprod.table.core.windows.net")]
    [InlineData("/relative/path")]
    [InlineData("ftp://interviewbotprod.table.core.windows.net")]
    [InlineData("http://interviewbotprod.table.core.windows.net")]
    [InlineData("https://interviewbotprod.table.core.windows.net?sv=2024-01-01&sig=secret")]
    [InlineData("https://admin:secret@interviewbotprod.table.core.windows.net")]
    public async Task AddTableStore_TableEndpointNotAnHttpsUrl_FailsOnStartNamingTheSettingWithoutEchoingSecrets(string endpoint)
    {
        // Arrange
        using var host = BuildHost(new() { ["Storage:TableEndpoint"] = endpoint });

        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Storage:TableEndpoint", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1")]
    [InlineData("http://localhost:10002/devstoreaccount1")]
    public async Task AddTableStore_PlainHttpTableEndpointOnLoopback_IsAccepted(string endpoint)
    {
        // Arrange
        using var host = BuildHost(new() { ["Storage:TableEndpoint"] = endpoint });

        // Act
        await host.StartAsync();
        var store = host.Services.GetRequiredService<ITableStore>();

        // Assert
        Assert.Equal(new Uri(endpoint), Assert.IsType<AzureTableStore>(store).Endpoint);
        await host.StopAsync();
    }

    [Fact]
    public async Task AddTableStore_ManagedIdentityClientIdNotAGuid_FailsOnStartNamingTheSetting()
    {
        // Arrange
        using var host = BuildHost(new()
        {
            ["Storage:TableEndpoint"] = "https://interviewbotprod.table.core.windows.net",
            ["Storage:ManagedIdentityClientId"] = "interviewbot-identity",
        });

        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Storage:ManagedIdentityClientId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateCredentialOptions_ManagedIdentityClientIdSet_SignsInAsThatIdentityOverAzureClientId()
    {
        // Arrange
        var options = new StorageOptions { ManagedIdentityClientId = "6f1c2d3e-4b5a-4978-8a9b-0c1d2e3f4a5b" };

        // Act
        var credential = TableStoreServiceCollectionExtensions.CreateCredentialOptions(options, _ => "0a0b0c0d-0000-4000-8000-000000000001");

        // Assert
        Assert.Equal("6f1c2d3e-4b5a-4978-8a9b-0c1d2e3f4a5b", credential.ManagedIdentityClientId);
    }

    [Fact]
    public void CreateCredentialOptions_OnlyAzureClientIdSet_SignsInAsTheIdentityItNames()
    {
        // Arrange
        var environment = new Dictionary<string, string?> { ["AZURE_CLIENT_ID"] = "0a0b0c0d-0000-4000-8000-000000000001" };

        // Act
        var credential = TableStoreServiceCollectionExtensions.CreateCredentialOptions(new StorageOptions(), name => environment.GetValueOrDefault(name));

        // Assert
        Assert.Equal("0a0b0c0d-0000-4000-8000-000000000001", credential.ManagedIdentityClientId);
    }

    [Fact]
    public void CreateCredentialOptions_NoClientIdAnywhere_LeavesTheSystemAssignedIdentity()
    {
        // Act
        var credential = TableStoreServiceCollectionExtensions.CreateCredentialOptions(new StorageOptions(), _ => null);

        // Assert
        Assert.Null(credential.ManagedIdentityClientId);
    }

    [Fact]
    public void AddTableStore_Registered_IsOneSingleton()
    {
        // Arrange
        using var host = BuildHost([]);

        // Act
        var first = host.Services.GetRequiredService<ITableStore>();
        var second = host.Services.GetRequiredService<ITableStore>();

        // Assert
        Assert.Same(first, second);
    }

    [Theory]
    [InlineData("9lives")]
    [InlineData("my-prefix")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901")]
    public async Task AddTableStore_InvalidTablePrefix_FailsOnStartNamingTheSetting(string prefix)
    {
        // Arrange
        using var host = BuildHost(new()
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Storage:TablePrefix"] = prefix,
        });

        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Storage:TablePrefix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTableStore_MalformedConnectionString_FailsOnStartWithoutEchoingIt()
    {
        // Arrange
        using var host = BuildHost(new() { ["Storage:ConnectionString"] = "not-a-connection-string-secret" });

        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTableStore_EmptyDataDirectory_FailsOnStartNamingTheSetting()
    {
        // Arrange
        using var host = BuildHost(new() { ["Storage:DataDirectory"] = " " });

        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Storage:DataDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTableStore_DataDirectoryInUse_FailsOnStartSayingSo()
    {
        // Arrange
        using var owner = new EmbeddedTableStore(_contentRoot.Combine("data"));
        using var host = BuildHost([]);

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("in use", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:DataDirectory", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _contentRoot.Dispose();

    private IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot.Path });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddTableStore(builder.Configuration, builder.Environment.ContentRootPath);
        return builder.Build();
    }
}
