using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InterviewBot.Storage.Tables;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Conversations;

/// <summary>
/// Turn middleware that gives a redelivered activity no second effect. Teams retries deliveries it did not see
/// acknowledged, possibly to another instance; an insert-once marker per conversation and activity id, kept for a
/// retention window, lets only the first delivery through. Invokes are exempt: the client waits for their answer,
/// so their handlers are idempotent instead and answer a repeat with the same card.
/// </summary>
internal sealed partial class DeduplicateActivities(ITableStore tables, TimeProvider time, ILogger<DeduplicateActivities> logger)
{
    public const string TableName = "Inbox";

    /// <summary>How long markers are kept; Teams redelivers within minutes, so two days is generous.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    public async Task InvokeAsync(TurnContext turn, Func<Task> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turn.Activity;
        if (activity.Type == ActivityTypes.Invoke || string.IsNullOrEmpty(activity.Id) || string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            await next().ConfigureAwait(false);
            return;
        }

        var table = tables.GetTable(TableName);
        var marker = new StoredRow(
            Day(activity.Timestamp ?? time.GetUtcNow()),
            Hash(activity.Conversation.Id + "\n" + activity.Id),
            new Dictionary<string, object?> { ["ReceivedAt"] = time.GetUtcNow(), ["Type"] = activity.Type });
        try
        {
            await table.InsertAsync(marker, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException ex) when (ex.Reason == StorageConflictReason.AlreadyExists)
        {
            Log.Duplicate(logger, activity.Type ?? "unknown");
            return;
        }

        try
        {
            await next().ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            // The turn got as far as answering, so its work is stored; redoing it on a redelivery would create a
            // second loop or a second reminder. Only the answer is lost, and the marker stays.
            Log.ReplyLost(logger, ex, activity.Type ?? "unknown");
        }
        catch
        {
            // The first attempt failed, so a redelivery must be allowed to try again.
            await table.DeleteAsync(marker.PartitionKey, marker.RowKey, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Deletes the markers of days older than the retention window; run daily.</summary>
    public async Task<int> CleanupAsync(CancellationToken cancellationToken)
    {
        var table = tables.GetTable(TableName);
        var deleted = 0;
        var today = time.GetUtcNow();
        // Markers are filed by the activity's own timestamp, so look a week back past the window.
        for (var day = today - Retention - TimeSpan.FromDays(7); day < today - Retention; day = day.AddDays(1))
        {
            var partition = Day(day);
            var rows = new List<StoredRow>();
            await foreach (var row in table.QueryAsync(partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
            }

            foreach (var chunk in rows.Chunk(100))
            {
                await table.SubmitBatchAsync([.. chunk.Select(r => new TableOperation(TableOperationKind.Delete, r))], cancellationToken).ConfigureAwait(false);
                deleted += chunk.Length;
            }
        }

        return deleted;
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static partial class Log
    {
        [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "The answer to a {ActivityType} activity could not be sent; its work is kept and a redelivery will be ignored")]
        public static partial void ReplyLost(ILogger logger, Exception exception, string activityType);

        [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Ignored a redelivered {ActivityType} activity")]
        public static partial void Duplicate(ILogger logger, string activityType);
    }
}
