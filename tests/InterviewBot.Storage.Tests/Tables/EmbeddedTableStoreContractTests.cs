using InterviewBot.Storage.Tables;
using InterviewBot.Testing;

namespace InterviewBot.Storage.Tests.Tables;

/// <summary>The contract, run against an embedded store in a fresh directory per test.</summary>
public sealed class EmbeddedTableStoreContractTests : TableStoreContractTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly EmbeddedTableStore _store;

    public EmbeddedTableStoreContractTests()
    {
        _store = new EmbeddedTableStore(_directory.Path);
    }

    protected override ITableStore Store => _store;

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }
}
