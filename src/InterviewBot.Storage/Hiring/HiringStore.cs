using System.Runtime.CompilerServices;
using InterviewBot.Domain.Debriefs;
using InterviewBot.Domain.Delivery;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Storage.Tables;

namespace InterviewBot.Storage.Hiring;

/// <summary>Everything stored about one candidate's loop, read in one partition query.</summary>
public sealed record LoopSnapshot(
    Candidate Candidate,
    HiringLoop Loop,
    IReadOnlyList<Interview> Interviews,
    IReadOnlyDictionary<string, Scorecard> Scorecards,
    IReadOnlyDictionary<string, ScorecardDelivery> Deliveries,
    IReadOnlyDictionary<string, InterviewFollowUp> FollowUps)
{
    /// <summary>The loop's hiring channel, last debrief and lock, with the ETag to change them; null before any of that exists.</summary>
    public Stored<LoopDebriefState>? Debrief { get; init; }
}

/// <summary>One interview with what surrounds it, and the ETags needed to change its scorecard or delivery.</summary>
public sealed record InterviewContext(
    Candidate Candidate,
    HiringLoop Loop,
    Interview Interview,
    Stored<Scorecard>? Scorecard,
    Stored<ScorecardDelivery>? Delivery,
    Stored<InterviewFollowUp>? FollowUp)
{
    /// <summary>The interview row's ETag, for changing the interview itself.</summary>
    public string? InterviewETag { get; init; }

    /// <summary>The loop's debrief state: whether its scorecards are locked.</summary>
    public LoopDebriefState? Debrief { get; init; }
}

/// <summary>A loop someone manages, as the manager index lists it.</summary>
public sealed record ManagedLoop(string LoopId, string CandidateId, string CandidateName, string? ExternalId, DateTimeOffset CreatedAt, string? RequisitionId = null);

/// <summary>A due-index entry: something that should happen at <see cref="DueAt"/>.</summary>
public sealed record DueEntry(string Bucket, string RowKey, string Kind, string CandidateId, string SubjectId, DateTimeOffset DueAt)
{
    /// <summary>
    /// Whether the entry may belong to a loop still being written: entries are filed before the candidate
    /// partition, so for a short while the row they point to does not exist yet.
    /// </summary>
    public bool MayBeInFlight(DateTimeOffset now) =>
        DateTimeOffset.TryParseExact(Bucket, "yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var filed)
        && filed >= now.AddHours(-1);
}

/// <summary>Stores candidates, loops, interviews, scorecards and deliveries in the table port.</summary>
public sealed class HiringStore
{
    public const string DeliveryKind = "delivery";
    public const string ReminderKind = "reminder";

    /// <summary>A check whether a loop's automatic debrief is due, filed before the submit that may complete the loop.</summary>
    public const string DebriefKind = "debrief";
    private const string CursorPartition = "cursor";
    private const string WaitingForRoutePartition = "waiting-for-route";
    private static readonly TimeSpan CursorLag = TimeSpan.FromHours(1);

    private readonly ITable _candidates;
    private readonly ITable _lookup;
    private readonly ITable _interviewerIndex;
    private readonly ITable _due;
    private readonly ITable _managerIndex;
    private readonly ITable _calibration;
    private readonly ITable _requisitions;
    private readonly TimeProvider _time;

    public HiringStore(ITableStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        _candidates = store.GetTable(HiringKeys.CandidatesTable);
        _lookup = store.GetTable(HiringKeys.LookupTable);
        _interviewerIndex = store.GetTable(HiringKeys.InterviewerIndexTable);
        _due = store.GetTable(HiringKeys.DueTable);
        _managerIndex = store.GetTable(HiringKeys.ManagerIndexTable);
        _calibration = store.GetTable(HiringKeys.CalibrationTable);
        _requisitions = store.GetTable(HiringKeys.RequisitionsTable);
        _time = time;
    }

    /// <summary>
    /// Stores a new loop with its pending deliveries. Pointers (lookups, interviewer index, due index) are written
    /// first and the candidate partition last, in one atomic batch: if anything fails, readers find pointers to
    /// nothing and skip them, and no half-written loop is ever visible.
    /// </summary>
    public async Task CreateLoopAsync(
        LoopPlan plan, IReadOnlyList<ScorecardDelivery> deliveries, IReadOnlyList<InterviewFollowUp> followUps, CancellationToken cancellationToken = default) =>
        await CreateLoopAsync(plan, deliveries, followUps, null, cancellationToken).ConfigureAwait(false);

    /// <summary>As above, with the loop's debrief state (its hiring channel) when the request named one.</summary>
    public async Task CreateLoopAsync(
        LoopPlan plan, IReadOnlyList<ScorecardDelivery> deliveries, IReadOnlyList<InterviewFollowUp> followUps, LoopDebriefState? debrief, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(followUps);
        var candidateId = plan.Candidate.Id;
        await EnsureCursorAsync(cancellationToken).ConfigureAwait(false);
        await _lookup.UpsertAsync(LookupRow(HiringKeys.Loop(plan.Loop.Id), candidateId), cancellationToken).ConfigureAwait(false);
        foreach (var interview in plan.Interviews)
        {
            await _lookup.UpsertAsync(LookupRow(HiringKeys.Interview(interview.Id), candidateId), cancellationToken).ConfigureAwait(false);
            await _interviewerIndex.UpsertAsync(
                new StoredRow(HiringKeys.InterviewerPartition(interview.Interviewer.AadObjectId), interview.Id, new Dictionary<string, object?>
                {
                    ["CandidateId"] = candidateId,
                    ["End"] = interview.End,
                }),
                cancellationToken).ConfigureAwait(false);
        }

        foreach (var manager in plan.Loop.Recruiters.Concat(plan.Loop.HiringManagers).DistinctBy(p => p.AadObjectId.ToUpperInvariant()))
        {
            await _managerIndex.UpsertAsync(
                new StoredRow(HiringKeys.InterviewerPartition(manager.AadObjectId), plan.Loop.Id, new Dictionary<string, object?>
                {
                    ["CandidateId"] = candidateId,
                    ["CandidateName"] = plan.Candidate.Name,
                    ["ExternalId"] = plan.Candidate.ExternalId,
                    ["CreatedAt"] = plan.Loop.CreatedAt,
                    ["RequisitionId"] = plan.Loop.RequisitionId,
                }),
                cancellationToken).ConfigureAwait(false);
        }

        foreach (var delivery in deliveries)
        {
            await AddDueAsync(DeliveryKind, candidateId, delivery.InterviewId, delivery.DueAt, cancellationToken).ConfigureAwait(false);
        }

        foreach (var followUp in followUps)
        {
            if (followUp.NextDue() is { } due)
            {
                await AddDueAsync(ReminderKind, candidateId, followUp.InterviewId, due, cancellationToken).ConfigureAwait(false);
            }
        }

        var operations = new List<TableOperation>
        {
            new(TableOperationKind.Insert, RowMapping.ToRow(plan.Candidate)),
            new(TableOperationKind.Insert, RowMapping.ToRow(plan.Loop)),
        };
        operations.AddRange(plan.Interviews.Select(i => new TableOperation(TableOperationKind.Insert, RowMapping.ToRow(i))));
        operations.AddRange(deliveries.Select(d => new TableOperation(TableOperationKind.Insert, RowMapping.ToRow(d))));
        operations.AddRange(followUps.Select(f => new TableOperation(TableOperationKind.Insert, RowMapping.ToRow(f))));
        if (debrief is not null)
        {
            operations.Add(new TableOperation(TableOperationKind.Insert, RowMapping.ToRow(debrief)));
        }

        await _candidates.SubmitBatchAsync(operations, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a loop's debrief state: inserted when <paramref name="etag"/> is null, else replaced only if unchanged since read.</summary>
    public Task<string> SaveDebriefStateAsync(LoopDebriefState state, string? etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var row = RowMapping.ToRow(state);
        return etag is null ? _candidates.InsertAsync(row, cancellationToken) : _candidates.ReplaceAsync(row, etag, cancellationToken);
    }

    /// <summary>The hiring channel linked to a whole requisition, or null.</summary>
    public async Task<HiringChannel?> GetRequisitionChannelAsync(string requisitionId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(requisitionId) || !IsUsableKey(requisitionId))
        {
            return null;
        }

        var row = await _requisitions.GetAsync(HiringKeys.Requisition(requisitionId), HiringKeys.LookupRow, cancellationToken).ConfigureAwait(false);
        return row is null ? null : RowMapping.ToRequisitionChannel(row);
    }

    public Task SetRequisitionChannelAsync(string requisitionId, HiringChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requisitionId);
        ArgumentNullException.ThrowIfNull(channel);
        return _requisitions.UpsertAsync(RowMapping.ToRequisitionRow(requisitionId, channel), cancellationToken);
    }

    /// <summary>Score tallies of <paramref name="interviewerIds"/> and of everyone, for the calibration hints of one debrief.</summary>
    public async Task<CalibrationHistory> GetCalibrationAsync(IEnumerable<string> interviewerIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interviewerIds);
        var everyone = await _calibration.GetAsync(HiringKeys.CalibrationPartition, HiringKeys.CalibrationEveryone, cancellationToken).ConfigureAwait(false);
        var interviewers = new Dictionary<string, InterviewerCalibration>(StringComparer.Ordinal);
        foreach (var key in interviewerIds.Select(CalibrationHistory.Key).Distinct(StringComparer.Ordinal))
        {
            if (IsUsableKey(key) && await _calibration.GetAsync(HiringKeys.CalibrationPartition, key, cancellationToken).ConfigureAwait(false) is { } row)
            {
                interviewers[key] = RowMapping.ToInterviewerCalibration(row);
            }
        }

        return new CalibrationHistory(interviewers, everyone is null ? new Dictionary<string, ScoreTally>(StringComparer.Ordinal) : RowMapping.ToTallies(everyone));
    }

    /// <summary>
    /// Counts a submitted scorecard in the calibration tallies in place of <paramref name="previous"/> (the version
    /// counted before, or null). The interviewer's row and everyone's row change together in one batch, retried
    /// when another submit got there first.
    /// </summary>
    public async Task FoldCalibrationAsync(Scorecard? previous, Scorecard current, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        var key = CalibrationHistory.Key(current.InterviewerId);
        if (!IsUsableKey(key))
        {
            return;
        }

        for (var attempt = 0; ; attempt++)
        {
            var everyoneRow = await _calibration.GetAsync(HiringKeys.CalibrationPartition, HiringKeys.CalibrationEveryone, cancellationToken).ConfigureAwait(false);
            var mineRow = await _calibration.GetAsync(HiringKeys.CalibrationPartition, key, cancellationToken).ConfigureAwait(false);
            var before = new CalibrationHistory(
                mineRow is null ? new Dictionary<string, InterviewerCalibration>(StringComparer.Ordinal) : new Dictionary<string, InterviewerCalibration>(StringComparer.Ordinal) { [key] = RowMapping.ToInterviewerCalibration(mineRow) },
                everyoneRow is null ? new Dictionary<string, ScoreTally>(StringComparer.Ordinal) : RowMapping.ToTallies(everyoneRow));
            var after = before.Replace(previous, current);
            var mine = after.For(current.InterviewerId);
            try
            {
                await _calibration.SubmitBatchAsync(
                    [
                        Write(everyoneRow, RowMapping.ToCalibrationRow(HiringKeys.CalibrationEveryone, null, after.Dimensions)),
                        Write(mineRow, RowMapping.ToCalibrationRow(key, mine ?? new InterviewerCalibration(0, new Dictionary<string, ScoreTally>()), null)),
                    ],
                    cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (StorageConflictException) when (attempt < 10)
            {
            }
        }

        static TableOperation Write(StoredRow? existing, StoredRow row) =>
            existing is null ? new TableOperation(TableOperationKind.Insert, row) : new TableOperation(TableOperationKind.Replace, row, existing.ETag);
    }

    private static bool IsUsableKey(string key) =>
        key.Length is > 0 and <= 200 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    public async Task<LoopSnapshot?> GetLoopAsync(string loopId, CancellationToken cancellationToken = default)
    {
        var candidateId = await FindCandidateAsync(HiringKeys.Loop(loopId), cancellationToken).ConfigureAwait(false);
        if (candidateId is null)
        {
            return null;
        }

        var partition = await ReadPartitionAsync(candidateId, cancellationToken).ConfigureAwait(false);
        return partition?.Snapshot(loopId);
    }

    public async Task<InterviewContext?> GetInterviewAsync(string interviewId, CancellationToken cancellationToken = default)
    {
        var candidateId = await FindCandidateAsync(HiringKeys.Interview(interviewId), cancellationToken).ConfigureAwait(false);
        if (candidateId is null)
        {
            return null;
        }

        var partition = await ReadPartitionAsync(candidateId, cancellationToken).ConfigureAwait(false);
        return partition?.Context(interviewId);
    }

    /// <summary>The interviews assigned to this person, newest end first, each checked against the candidate partition.</summary>
    public async Task<IReadOnlyList<InterviewContext>> GetInterviewsOfAsync(string interviewerAadObjectId, CancellationToken cancellationToken = default)
    {
        var byCandidate = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var row in _interviewerIndex.QueryAsync(HiringKeys.InterviewerPartition(interviewerAadObjectId), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var candidateId = row.GetString("CandidateId");
            if (candidateId is null)
            {
                continue;
            }

            if (!byCandidate.TryGetValue(candidateId, out var ids))
            {
                byCandidate[candidateId] = ids = [];
            }

            ids.Add(row.RowKey);
        }

        var result = new List<InterviewContext>();
        foreach (var (candidateId, interviewIds) in byCandidate)
        {
            var partition = await ReadPartitionAsync(candidateId, cancellationToken).ConfigureAwait(false);
            if (partition is null)
            {
                continue;
            }

            result.AddRange(interviewIds
                .Select(partition.Context)
                .OfType<InterviewContext>()
                .Where(c => c.Interview.Interviewer.Is(interviewerAadObjectId)));
        }

        return result.OrderByDescending(c => c.Interview.End).ToList();
    }

    /// <summary>The loops this person recruits or hires for, newest first; each still has to be checked against its partition.</summary>
    public async Task<IReadOnlyList<ManagedLoop>> GetLoopsManagedByAsync(string aadObjectId, CancellationToken cancellationToken = default)
    {
        var result = new List<ManagedLoop>();
        await foreach (var row in _managerIndex.QueryAsync(HiringKeys.InterviewerPartition(aadObjectId), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(new ManagedLoop(
                row.RowKey,
                row.GetString("CandidateId") ?? string.Empty,
                row.GetString("CandidateName") ?? string.Empty,
                row.GetString("ExternalId"),
                row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
                row.GetString("RequisitionId")));
        }

        return [.. result.OrderByDescending(l => l.CreatedAt)];
    }

    /// <summary>Replaces an interview's follow-up (reminders, snooze, "did not happen") only if unchanged since read.</summary>
    public Task<string> ReplaceFollowUpAsync(InterviewFollowUp followUp, string etag, CancellationToken cancellationToken = default) =>
        _candidates.ReplaceAsync(RowMapping.ToRow(followUp), etag, cancellationToken);

    /// <summary>
    /// Changes an interview (interviewer, times) together with its delivery and reminders in one atomic batch, each
    /// row only if unchanged since <paramref name="before"/> was read; then points the interviewer index at the new
    /// interviewer. A lost race throws <see cref="StorageConflictException"/> and changes nothing.
    /// </summary>
    public async Task ChangeInterviewAsync(
        InterviewContext before, Interview interview, ScorecardDelivery delivery, InterviewFollowUp followUp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(interview);
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(followUp);
        var newIndex = HiringKeys.InterviewerPartition(interview.Interviewer.AadObjectId);
        var oldIndex = HiringKeys.InterviewerPartition(before.Interview.Interviewer.AadObjectId);
        if (newIndex != oldIndex)
        {
            await _interviewerIndex.UpsertAsync(
                new StoredRow(newIndex, interview.Id, new Dictionary<string, object?> { ["CandidateId"] = interview.CandidateId, ["End"] = interview.End }),
                cancellationToken).ConfigureAwait(false);
        }

        await _candidates.SubmitBatchAsync(
            [
                new TableOperation(TableOperationKind.Replace, RowMapping.ToRow(interview), before.InterviewETag ?? "*"),
                before.Delivery is null
                    ? new TableOperation(TableOperationKind.Insert, RowMapping.ToRow(delivery))
                    : new TableOperation(TableOperationKind.Replace, RowMapping.ToRow(delivery), before.Delivery.ETag),
                before.FollowUp is null
                    ? new TableOperation(TableOperationKind.Insert, RowMapping.ToRow(followUp))
                    : new TableOperation(TableOperationKind.Replace, RowMapping.ToRow(followUp), before.FollowUp.ETag),
            ],
            cancellationToken).ConfigureAwait(false);

        // Readers check the partition, so a stale index row is harmless; removing it keeps "my interviews" short.
        if (newIndex != oldIndex)
        {
            await _interviewerIndex.DeleteAsync(oldIndex, interview.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stores a scorecard: inserted when <paramref name="etag"/> is null, else replaced only if unchanged since read.
    /// When it replaces a submitted version (<paramref name="replacing"/>), that version is kept on record in the
    /// same atomic batch, so every change after a submit, and after a debrief, can be traced.
    /// </summary>
    public async Task<string> SaveScorecardAsync(Scorecard scorecard, string? etag, Scorecard? replacing = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        var row = RowMapping.ToRow(scorecard);
        if (etag is null)
        {
            return await _candidates.InsertAsync(row, cancellationToken).ConfigureAwait(false);
        }

        if (replacing is not { Status: ScorecardStatus.Submitted } || replacing.Version == scorecard.Version)
        {
            return await _candidates.ReplaceAsync(row, etag, cancellationToken).ConfigureAwait(false);
        }

        var history = RowMapping.ToRow(replacing) with { RowKey = HiringKeys.ScorecardVersion(replacing.InterviewId, replacing.Version) };
        var etags = await _candidates.SubmitBatchAsync(
            [new TableOperation(TableOperationKind.Replace, row, etag), new TableOperation(TableOperationKind.Upsert, history)],
            cancellationToken).ConfigureAwait(false);
        return etags[0];
    }

    /// <summary>The earlier submitted versions of a scorecard, oldest first.</summary>
    public async Task<IReadOnlyList<Scorecard>> GetScorecardHistoryAsync(string candidateId, string interviewId, CancellationToken cancellationToken = default)
    {
        var prefix = HiringKeys.ScorecardVersion(interviewId, 0)[..^6];
        var versions = new List<Scorecard>();
        await foreach (var row in _candidates.QueryAsync(candidateId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                versions.Add(RowMapping.ToScorecard(row));
            }
        }

        return [.. versions.OrderBy(v => v.Version)];
    }

    public async Task<Stored<ScorecardDelivery>?> GetDeliveryAsync(string candidateId, string interviewId, CancellationToken cancellationToken = default)
    {
        var row = await _candidates.GetAsync(candidateId, HiringKeys.Delivery(interviewId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : new Stored<ScorecardDelivery>(RowMapping.ToDelivery(row), row.ETag!);
    }

    /// <summary>Replaces a delivery only if nobody changed it since it was read; this is how a worker claims one.</summary>
    public Task<string> ReplaceDeliveryAsync(ScorecardDelivery delivery, string etag, CancellationToken cancellationToken = default) =>
        _candidates.ReplaceAsync(RowMapping.ToRow(delivery), etag, cancellationToken);

    /// <summary>
    /// Notes that an interview's delivery is waiting for any way into Teams (nobody of its tenant has been seen yet),
    /// so that the first person who appears can release it at once. The list is short-lived and small.
    /// </summary>
    public Task MarkWaitingForRouteAsync(string candidateId, string interviewId, CancellationToken cancellationToken = default) =>
        _lookup.UpsertAsync(new StoredRow(WaitingForRoutePartition, interviewId, new Dictionary<string, object?> { ["CandidateId"] = candidateId }), cancellationToken);

    public Task ClearWaitingForRouteAsync(string interviewId, CancellationToken cancellationToken = default) =>
        _lookup.DeleteAsync(WaitingForRoutePartition, interviewId, cancellationToken: cancellationToken);

    /// <summary>The interviews whose delivery waits for a route, as (candidate id, interview id).</summary>
    public async Task<IReadOnlyList<(string CandidateId, string InterviewId)>> GetWaitingForRouteAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<(string, string)>();
        await foreach (var row in _lookup.QueryAsync(WaitingForRoutePartition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("CandidateId") is { } candidateId)
            {
                result.Add((candidateId, row.RowKey));
            }
        }

        return result;
    }

    /// <summary>Adds a due-index entry. An entry due in the past is filed under the current hour so the sweep still sees it.</summary>
    public async Task<DueEntry> AddDueAsync(string kind, string candidateId, string subjectId, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var filedAt = dueAt > now ? dueAt : now;
        var entry = new DueEntry(HiringKeys.DueBucket(filedAt), HiringKeys.DueRow(dueAt, kind, subjectId), kind, candidateId, subjectId, dueAt);
        await _due.UpsertAsync(
            new StoredRow(entry.Bucket, entry.RowKey, new Dictionary<string, object?>
            {
                ["Kind"] = kind,
                ["CandidateId"] = candidateId,
                ["SubjectId"] = subjectId,
                ["DueAt"] = dueAt,
            }),
            cancellationToken).ConfigureAwait(false);
        return entry;
    }

    public Task RemoveDueAsync(DueEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _due.DeleteAsync(entry.Bucket, entry.RowKey, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Entries due at or before <paramref name="now"/>. Reads only the hour buckets from the sweep cursor to now,
    /// so the cost follows the number of due items, not the number of interviews.
    /// </summary>
    public async IAsyncEnumerable<DueEntry> GetDueAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cursorRow = await _due.GetAsync(CursorPartition, HiringKeys.LookupRow, cancellationToken).ConfigureAwait(false);
        var from = cursorRow?.GetDateTimeOffset("From") ?? now - CursorLag;
        var upTo = HiringKeys.DueRow(now, "~", string.Empty);
        for (var hour = Truncate(from); hour <= now; hour = hour.AddHours(1))
        {
            await foreach (var row in _due.QueryAsync(HiringKeys.DueBucket(hour), rowKeyTo: upTo, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                yield return new DueEntry(
                    row.PartitionKey,
                    row.RowKey,
                    row.GetString("Kind") ?? string.Empty,
                    row.GetString("CandidateId") ?? string.Empty,
                    row.GetString("SubjectId") ?? string.Empty,
                    row.GetDateTimeOffset("DueAt") ?? hour);
            }
        }
    }

    /// <summary>
    /// Moves the sweep cursor forward to the oldest hour that may still hold entries, never past an hour ago, so
    /// entries filed while a sweep runs are not skipped. Losing the race to another instance is harmless.
    /// </summary>
    public async Task AdvanceCursorAsync(DateTimeOffset oldestRemaining, CancellationToken cancellationToken = default)
    {
        var row = await _due.GetAsync(CursorPartition, HiringKeys.LookupRow, cancellationToken).ConfigureAwait(false);
        var target = Truncate(Min(oldestRemaining, _time.GetUtcNow() - CursorLag));
        if (row is null || row.GetDateTimeOffset("From") is not { } current || current >= target)
        {
            return;
        }

        try
        {
            await _due.ReplaceAsync(CursorRow(target), row.ETag!, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            // Another instance moved it; its value is as good as ours.
        }
    }

    private async Task EnsureCursorAsync(CancellationToken cancellationToken)
    {
        if (await _due.GetAsync(CursorPartition, HiringKeys.LookupRow, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        try
        {
            await _due.InsertAsync(CursorRow(Truncate(_time.GetUtcNow() - CursorLag)), cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException ex) when (ex.Reason == StorageConflictReason.AlreadyExists)
        {
            // Created concurrently by another writer.
        }
    }

    private static StoredRow CursorRow(DateTimeOffset from) =>
        new(CursorPartition, HiringKeys.LookupRow, new Dictionary<string, object?> { ["From"] = from });

    private static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    // The row key repeats the partition key: Azurite indexes rows by row key first, and a million lookup rows sharing
    // one row key made every write there walk them all. Rows written with the old constant row key are still read.
    private static StoredRow LookupRow(string partitionKey, string candidateId) =>
        new(partitionKey, partitionKey, new Dictionary<string, object?> { ["CandidateId"] = candidateId });

    private async Task<string?> FindCandidateAsync(string lookupKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(lookupKey) || lookupKey.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)) || lookupKey.Length > 200)
        {
            return null;
        }

        var row = await _lookup.GetAsync(lookupKey, lookupKey, cancellationToken).ConfigureAwait(false)
            ?? await _lookup.GetAsync(lookupKey, HiringKeys.LookupRow, cancellationToken).ConfigureAwait(false);
        return row?.GetString("CandidateId");
    }

    private async Task<CandidatePartition?> ReadPartitionAsync(string candidateId, CancellationToken cancellationToken)
    {
        var rows = new List<StoredRow>();
        await foreach (var row in _candidates.QueryAsync(candidateId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        var candidateRow = rows.FirstOrDefault(r => r.RowKey == HiringKeys.Candidate);
        return candidateRow is null ? null : new CandidatePartition(RowMapping.ToCandidate(candidateRow), rows);
    }

    private sealed class CandidatePartition(Candidate candidate, List<StoredRow> rows)
    {
        private IEnumerable<StoredRow> WithPrefix(string prefix) => rows.Where(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal));

        public LoopSnapshot? Snapshot(string loopId)
        {
            var loopRow = rows.FirstOrDefault(r => r.RowKey == HiringKeys.Loop(loopId));
            if (loopRow is null)
            {
                return null;
            }

            var interviews = WithPrefix(HiringKeys.Interview(string.Empty)).Select(RowMapping.ToInterview).Where(i => i.LoopId == loopId).OrderBy(i => i.Start).ToList();
            var ids = interviews.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            var scorecards = WithPrefix(HiringKeys.Scorecard(string.Empty)).Select(RowMapping.ToScorecard).Where(s => ids.Contains(s.InterviewId)).ToDictionary(s => s.InterviewId, StringComparer.Ordinal);
            var deliveries = WithPrefix(HiringKeys.Delivery(string.Empty)).Select(RowMapping.ToDelivery).Where(d => ids.Contains(d.InterviewId)).ToDictionary(d => d.InterviewId, StringComparer.Ordinal);
            var followUps = WithPrefix(HiringKeys.FollowUp(string.Empty)).Select(RowMapping.ToFollowUp).Where(f => ids.Contains(f.InterviewId)).ToDictionary(f => f.InterviewId, StringComparer.Ordinal);
            var debriefRow = rows.FirstOrDefault(r => r.RowKey == HiringKeys.Debrief(loopId));
            return new LoopSnapshot(candidate, RowMapping.ToLoop(loopRow), interviews, scorecards, deliveries, followUps)
            {
                Debrief = debriefRow is null ? null : new Stored<LoopDebriefState>(RowMapping.ToDebriefState(debriefRow), debriefRow.ETag!),
            };
        }

        public InterviewContext? Context(string interviewId)
        {
            var interviewRow = rows.FirstOrDefault(r => r.RowKey == HiringKeys.Interview(interviewId));
            if (interviewRow is null)
            {
                return null;
            }

            var interview = RowMapping.ToInterview(interviewRow);
            var loopRow = rows.FirstOrDefault(r => r.RowKey == HiringKeys.Loop(interview.LoopId));
            if (loopRow is null)
            {
                return null;
            }

            var scorecardRow = rows.FirstOrDefault(r => r.RowKey == HiringKeys.Scorecard(interviewId));
            var deliveryRow = rows.FirstOrDefault(r => r.RowKey == HiringKeys.Delivery(interviewId));
            var followUpRow = rows.FirstOrDefault(r => r.RowKey == HiringKeys.FollowUp(interviewId));
            return new InterviewContext(
                candidate,
                RowMapping.ToLoop(loopRow),
                interview,
                scorecardRow is null ? null : new Stored<Scorecard>(RowMapping.ToScorecard(scorecardRow), scorecardRow.ETag!),
                deliveryRow is null ? null : new Stored<ScorecardDelivery>(RowMapping.ToDelivery(deliveryRow), deliveryRow.ETag!),
                followUpRow is null ? null : new Stored<InterviewFollowUp>(RowMapping.ToFollowUp(followUpRow), followUpRow.ETag!))
            {
                InterviewETag = interviewRow.ETag,
                Debrief = rows.FirstOrDefault(r => r.RowKey == HiringKeys.Debrief(interview.LoopId)) is { } debriefRow ? RowMapping.ToDebriefState(debriefRow) : null,
            };
        }
    }
}
