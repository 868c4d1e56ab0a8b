using Microsoft.Extensions.Logging;

namespace InterviewBot.Storage.Tables.Embedded;

/// <summary>The embedded store's log events about its files, beside the storage layer's own in <c>StorageLog</c>.</summary>
internal static partial class EmbeddedStoreLog
{
    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Writing to {JournalPath} failed; the writes waiting for it were not committed")]
    public static partial void JournalWriteFailed(ILogger logger, Exception exception, string journalPath);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Compacting the embedded table store in {DataDirectory} failed; its journal is kept and compacted later")]
    public static partial void CompactionFailed(ILogger logger, Exception exception, string dataDirectory);
}
