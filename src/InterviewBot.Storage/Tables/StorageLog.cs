using Microsoft.Extensions.Logging;

namespace InterviewBot.Storage.Tables;

/// <summary>The storage layer's log events. Keys and row contents never appear above Debug.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Using the embedded table store in {DataDirectory} (Storage:ConnectionString is not set)")]
    public static partial void EmbeddedStoreChosen(ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Using Azure Table Storage at {TableEndpoint} with table prefix '{TablePrefix}'")]
    public static partial void AzureStoreChosen(ILogger logger, Uri tableEndpoint, string tablePrefix);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Opened the embedded table store in {DataDirectory}: {RowCount} rows, {JournalRecords} journal records replayed in {ElapsedMilliseconds:0} ms")]
    public static partial void EmbeddedStoreOpened(ILogger logger, string dataDirectory, long rowCount, long journalRecords, double elapsedMilliseconds);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Ignored the last {TornBytes} bytes of {JournalPath}: a write interrupted before it was acknowledged")]
    public static partial void TornJournalTailIgnored(ILogger logger, string journalPath, long tornBytes);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Compacted {JournalBytes} journal bytes into a snapshot of {RowCount} rows in {ElapsedMilliseconds:0} ms")]
    public static partial void EmbeddedStoreCompacted(ILogger logger, long rowCount, long journalBytes, double elapsedMilliseconds);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Azure table {TableName} is ready")]
    public static partial void AzureTableReady(ILogger logger, string tableName);
}
