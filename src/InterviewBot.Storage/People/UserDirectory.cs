using InterviewBot.Domain.People;
using InterviewBot.Storage.Tables;

namespace InterviewBot.Storage.People;

/// <summary>Where to reach a tenant's Teams: its service URL and the bot's id there.</summary>
public sealed record TenantRoute(string TenantId, string ServiceUrl, string BotId);

/// <summary>
/// Remembers every Teams user the bot has heard from, and each tenant's last known Teams service URL, so the bot
/// can start a personal chat with someone later.
/// </summary>
public sealed class UserDirectory
{
    private const string TableName = "Users";
    private const string ProfileRow = "profile";
    private const string TenantsPartition = "tenants";
    private readonly ITable _table;

    public UserDirectory(ITableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _table = store.GetTable(TableName);
    }

    public async Task<KnownUser?> FindAsync(string aadObjectId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetAsync(UserPartition(aadObjectId), ProfileRow, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new KnownUser(
            row.GetString("AadObjectId")!,
            row.GetString("TeamsUserId")!,
            row.GetString("Name") ?? string.Empty,
            row.GetString("TenantId")!,
            row.GetString("ServiceUrl")!,
            row.GetString("BotId") ?? string.Empty,
            row.GetString("PersonalConversationId"),
            row.GetString("TimeZone"),
            row.GetDateTimeOffset("LastSeen") ?? DateTimeOffset.MinValue);
    }

    /// <summary>
    /// Records what an inbound activity taught us. Fields the activity did not carry (a personal conversation id
    /// when the user wrote in a channel, a time zone) keep their stored value. Skips the write when nothing changed
    /// but the time, unless the last write is older than <paramref name="refreshAfter"/>.
    /// </summary>
    public async Task RememberAsync(KnownUser seen, TimeSpan refreshAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var known = await FindAsync(seen.AadObjectId, cancellationToken).ConfigureAwait(false);
        var merged = known is null ? seen : seen with
        {
            PersonalConversationId = seen.PersonalConversationId ?? known.PersonalConversationId,
            TimeZone = seen.TimeZone ?? known.TimeZone,
            Name = string.IsNullOrWhiteSpace(seen.Name) ? known.Name : seen.Name,
        };
        if (known is not null && merged with { LastSeen = known.LastSeen } == known && seen.LastSeen - known.LastSeen < refreshAfter)
        {
            return;
        }

        await _table.UpsertAsync(
            new StoredRow(UserPartition(merged.AadObjectId), ProfileRow, new Dictionary<string, object?>
            {
                ["AadObjectId"] = merged.AadObjectId,
                ["TeamsUserId"] = merged.TeamsUserId,
                ["Name"] = merged.Name,
                ["TenantId"] = merged.TenantId,
                ["ServiceUrl"] = merged.ServiceUrl,
                ["BotId"] = merged.BotId,
                ["PersonalConversationId"] = merged.PersonalConversationId,
                ["TimeZone"] = merged.TimeZone,
                ["LastSeen"] = merged.LastSeen,
            }),
            cancellationToken).ConfigureAwait(false);
        await _table.UpsertAsync(
            new StoredRow(TenantsPartition, merged.TenantId, new Dictionary<string, object?>
            {
                ["ServiceUrl"] = merged.ServiceUrl,
                ["BotId"] = merged.BotId,
                ["LastSeen"] = merged.LastSeen,
            }),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A tenant's last known service URL and bot id; with no tenant given, the most recently seen tenant's.</summary>
    public async Task<TenantRoute?> FindTenantRouteAsync(string? tenantId, CancellationToken cancellationToken = default)
    {
        if (tenantId is not null)
        {
            var row = await _table.GetAsync(TenantsPartition, tenantId, cancellationToken).ConfigureAwait(false);
            return row is null ? null : ToRoute(row);
        }

        StoredRow? latest = null;
        await foreach (var row in _table.QueryAsync(TenantsPartition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (latest is null || row.GetDateTimeOffset("LastSeen") > latest.GetDateTimeOffset("LastSeen"))
            {
                latest = row;
            }
        }

        return latest is null ? null : ToRoute(latest);
    }

    private static TenantRoute? ToRoute(StoredRow row) =>
        row.GetString("ServiceUrl") is { } url ? new TenantRoute(row.RowKey, url, row.GetString("BotId") ?? string.Empty) : null;

    /// <summary>Whether an id can serve as part of a key; ids come from outside and are checked before use.</summary>
    public static bool IsUsableId(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 256 && !id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    private static string UserPartition(string aadObjectId) => "user|" + aadObjectId.ToUpperInvariant();
}
