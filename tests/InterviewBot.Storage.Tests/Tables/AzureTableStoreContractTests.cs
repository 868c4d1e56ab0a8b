using Azure.Data.Tables;
using InterviewBot.Storage.Tables;
using InterviewBot.Testing;
using static InterviewBot.Storage.Tests.Tables.TestRows;

namespace InterviewBot.Storage.Tests.Tables;

/// <summary>The contract, run against Azure Table Storage as Azurite serves it.</summary>
public sealed class AzureTableStoreContractTests(AzureTableStoreFixture fixture) : TableStoreContractTests, IClassFixture<AzureTableStoreFixture>
{
    protected override ITableStore Store => fixture.Store;

    [Fact]
    public async Task GetTable_FirstWrite_CreatesThePrefixedTable()
    {
        // Arrange
        var name = NewTableName();
        var service = new TableServiceClient(fixture.Azurite.ConnectionString);

        // Act
        await Store.GetTable(name).UpsertAsync(Row("p", "r"));

        // Assert
        var tables = await service.QueryAsync(filter: (string?)null).Select(t => t.Name).ToListAsync();
        Assert.Contains(fixture.TablePrefix + name, tables, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void GetTable_PrefixedNameLongerThan63Characters_ThrowsArgumentException()
    {
        // Arrange
        var name = "t" + new string('x', 62 - fixture.TablePrefix.Length) + "y";

        // Act + Assert
        Assert.ThrowsAny<ArgumentException>(() => Store.GetTable(name));
    }
}

/// <summary>
/// One Azurite per test class, and a table prefix of the class's own, whose tables are deleted afterwards so the
/// suite can also point at a shared account.
/// </summary>
public sealed class AzureTableStoreFixture : IAsyncLifetime
{
    private AzureTableStore? _store;

    public AzuriteServer Azurite { get; } = new();

    public string TablePrefix { get; } = "c" + Guid.NewGuid().ToString("N")[..8];

    public AzureTableStore Store => _store ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        await Azurite.StartAsync();
        _store = new AzureTableStore(Azurite.ConnectionString, TablePrefix);
    }

    public async Task DisposeAsync()
    {
        if (_store is null)
        {
            await Azurite.StopAsync();
            return;
        }

        try
        {
            await Azurite.DeleteTablesAsync(TablePrefix);
        }
        finally
        {
            await Azurite.StopAsync();
        }
    }
}
