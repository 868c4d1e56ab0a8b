using Azure.Data.Tables;
using InterviewBot.Testing;

namespace InterviewBot.EndToEnd.Tests.Infrastructure;

/// <summary>Where one host keeps its data: the settings that point it there, and the clean-up afterwards.</summary>
public interface IStorageUnderTest : IAsyncDisposable
{
    IReadOnlyDictionary<string, string?> Settings { get; }
}

/// <summary>The embedded store in a directory of its own, deleted afterwards.</summary>
public sealed class EmbeddedStorage : IStorageUnderTest
{
    public EmbeddedStorage()
    {
        Directory = Path.Combine(Path.GetTempPath(), "interviewbot-e2e-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = string.Empty,
        ["Storage:DataDirectory"] = Directory,
    };

    public ValueTask DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Azure Table Storage as Azurite serves it, under a table prefix of its own whose tables are deleted afterwards.</summary>
public sealed class AzuriteStorage(AzuriteServer azurite) : IStorageUnderTest
{
    public string TablePrefix { get; } = "e2e" + Guid.NewGuid().ToString("N")[..10];

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = azurite.ConnectionString,
        ["Storage:TablePrefix"] = TablePrefix,
    };

    public async ValueTask DisposeAsync()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        await foreach (var table in service.QueryAsync(filter: (string?)null))
        {
            if (table.Name.StartsWith(TablePrefix, StringComparison.OrdinalIgnoreCase))
            {
                await service.DeleteTableAsync(table.Name);
            }
        }
    }
}
