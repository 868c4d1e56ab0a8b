using InterviewBot.Storage.Tables;

namespace InterviewBot.Storage.Tests.Tables;

/// <summary>Short ways to build rows and operations in tests.</summary>
public static class TestRows
{
    public static StoredRow Row(string partitionKey, string rowKey, params (string Name, object? Value)[] properties) =>
        new(partitionKey, rowKey, properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal));

    public static StoredRow Row(string partitionKey, string rowKey, IReadOnlyDictionary<string, object?> properties) =>
        new(partitionKey, rowKey, properties);

    public static TableOperation Insert(StoredRow row) => new(TableOperationKind.Insert, row);

    public static TableOperation Upsert(StoredRow row) => new(TableOperationKind.Upsert, row);

    public static TableOperation Replace(StoredRow row, string etag) => new(TableOperationKind.Replace, row, etag);

    public static TableOperation Delete(string partitionKey, string rowKey, string? etag = null) =>
        new(TableOperationKind.Delete, Row(partitionKey, rowKey), etag);
}
