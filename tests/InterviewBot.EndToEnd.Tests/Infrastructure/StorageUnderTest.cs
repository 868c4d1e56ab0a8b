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
    private readonly TemporaryDirectory _directory = new();

    public string Directory => _directory.Path;

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = string.Empty,
        ["Storage:DataDirectory"] = Directory,
    };

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
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

    public async ValueTask DisposeAsync() => await azurite.DeleteTablesAsync(TablePrefix);
}
