using System.Text.Json;
using InterviewBot.Domain.Debriefs;
using InterviewBot.Domain.Delivery;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Storage.Tables;

namespace InterviewBot.Storage.Hiring;

/// <summary>Maps domain records to table rows and back; the only place that knows their stored shape.</summary>
internal static class RowMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Key(params string[] parts) => string.Join('|', parts);

    public static StoredRow ToRow(Candidate candidate) => new(candidate.Id, HiringKeys.Candidate, new Dictionary<string, object?>
    {
        ["Name"] = candidate.Name,
        ["ExternalId"] = candidate.ExternalId,
        ["CreatedAt"] = candidate.CreatedAt,
    });

    public static Candidate ToCandidate(StoredRow row) => new(
        row.PartitionKey,
        row.GetString("Name") ?? string.Empty,
        row.GetString("ExternalId"),
        row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);

    public static StoredRow ToRow(HiringLoop loop) => new(loop.CandidateId, HiringKeys.Loop(loop.Id), new Dictionary<string, object?>
    {
        ["LoopId"] = loop.Id,
        ["TemplateId"] = loop.TemplateId,
        ["Recruiters"] = JsonSerializer.Serialize(loop.Recruiters, Json),
        ["HiringManagers"] = JsonSerializer.Serialize(loop.HiringManagers, Json),
        ["CreatedAt"] = loop.CreatedAt,
        ["RequisitionId"] = loop.RequisitionId,
        ["Reminders"] = loop.Reminders.IsEmpty ? null : JsonSerializer.Serialize(loop.Reminders, Json),
        ["Debrief"] = JsonSerializer.Serialize(loop.Debrief, Json),
    });

    public static HiringLoop ToLoop(StoredRow row) => new(
        row.GetString("LoopId")!,
        row.PartitionKey,
        row.GetString("TemplateId")!,
        JsonSerializer.Deserialize<List<Person>>(row.GetString("Recruiters") ?? "[]", Json) ?? [],
        JsonSerializer.Deserialize<List<Person>>(row.GetString("HiringManagers") ?? "[]", Json) ?? [],
        row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue)
    {
        RequisitionId = row.GetString("RequisitionId"),
        Reminders = row.GetString("Reminders") is { } reminders
            ? JsonSerializer.Deserialize<ReminderOverrides>(reminders, Json) ?? ReminderOverrides.None
            : ReminderOverrides.None,
        Debrief = row.GetString("Debrief") is { } debrief
            ? JsonSerializer.Deserialize<DebriefSettings>(debrief, Json) ?? DebriefSettings.Default
            : DebriefSettings.Default,
    };

    public static StoredRow ToRow(LoopDebriefState state) => new(state.CandidateId, HiringKeys.Debrief(state.LoopId), new Dictionary<string, object?>
    {
        ["LoopId"] = state.LoopId,
        ["Channel"] = state.Channel is null ? null : JsonSerializer.Serialize(state.Channel, Json),
        ["Pending"] = state.Pending is null ? null : JsonSerializer.Serialize(state.Pending, Json),
        ["LastPosting"] = state.LastPosting is null ? null : JsonSerializer.Serialize(state.LastPosting, Json),
        ["Thread"] = state.Thread is null ? null : JsonSerializer.Serialize(state.Thread, Json),
        ["Locked"] = state.Locked,
        ["UnlockedAt"] = state.UnlockedAt,
        ["UnlockedBy"] = state.UnlockedBy,
    });

    public static LoopDebriefState ToDebriefState(StoredRow row) => new(
        row.GetString("LoopId")!,
        row.PartitionKey,
        FromJson<HiringChannel>(row.GetString("Channel")),
        FromJson<PendingDebrief>(row.GetString("Pending")),
        FromJson<DebriefPosting>(row.GetString("LastPosting")),
        FromJson<DebriefThread>(row.GetString("Thread")),
        row.GetBoolean("Locked") ?? false,
        row.GetDateTimeOffset("UnlockedAt"),
        row.GetString("UnlockedBy"));

    public static StoredRow ToRequisitionRow(string requisitionId, HiringChannel channel) =>
        new(HiringKeys.Requisition(requisitionId), HiringKeys.LookupRow, new Dictionary<string, object?>
        {
            ["RequisitionId"] = requisitionId,
            ["Channel"] = JsonSerializer.Serialize(channel, Json),
        });

    public static HiringChannel? ToRequisitionChannel(StoredRow row) => FromJson<HiringChannel>(row.GetString("Channel"));

    public static StoredRow ToCalibrationRow(string rowKey, InterviewerCalibration? interviewer, IReadOnlyDictionary<string, ScoreTally>? everyone) =>
        new(HiringKeys.CalibrationPartition, rowKey, new Dictionary<string, object?>
        {
            ["SubmittedCount"] = interviewer?.SubmittedCount,
            ["Dimensions"] = JsonSerializer.Serialize(interviewer?.Dimensions ?? everyone ?? new Dictionary<string, ScoreTally>(), Json),
        });

    public static InterviewerCalibration ToInterviewerCalibration(StoredRow row) => new(
        row.GetInt32("SubmittedCount") ?? 0,
        ToTallies(row));

    public static Dictionary<string, ScoreTally> ToTallies(StoredRow row) =>
        new(FromJson<Dictionary<string, ScoreTally>>(row.GetString("Dimensions")) ?? [], StringComparer.Ordinal);

    private static T? FromJson<T>(string? json)
        where T : class =>
        json is null ? null : JsonSerializer.Deserialize<T>(json, Json);

    public static StoredRow ToRow(Interview interview) => new(interview.CandidateId, HiringKeys.Interview(interview.Id), new Dictionary<string, object?>
    {
        ["InterviewId"] = interview.Id,
        ["LoopId"] = interview.LoopId,
        ["InterviewerId"] = interview.Interviewer.AadObjectId,
        ["InterviewerName"] = interview.Interviewer.Name,
        ["ExerciseId"] = interview.ExerciseId,
        ["Focus"] = JsonSerializer.Serialize(interview.Focus, Json),
        ["Start"] = interview.Start,
        ["End"] = interview.End,
        ["FeedbackDue"] = interview.FeedbackDue,
    });

    public static Interview ToInterview(StoredRow row) => new(
        row.GetString("InterviewId")!,
        row.GetString("LoopId")!,
        row.PartitionKey,
        new Person(row.GetString("InterviewerId")!, row.GetString("InterviewerName") ?? string.Empty),
        row.GetString("ExerciseId")!,
        JsonSerializer.Deserialize<List<string>>(row.GetString("Focus") ?? "[]", Json) ?? [],
        row.GetDateTimeOffset("Start")!.Value,
        row.GetDateTimeOffset("End")!.Value,
        row.GetDateTimeOffset("FeedbackDue")!.Value);

    // Each rating gets a property of its own: evidence can be long, and one string property holds at most 64 KiB.
    public static StoredRow ToRow(Scorecard scorecard)
    {
        var properties = new Dictionary<string, object?>
        {
            ["InterviewId"] = scorecard.InterviewId,
            ["InterviewerId"] = scorecard.InterviewerId,
            ["Signals"] = JsonSerializer.Serialize(scorecard.Signals, Json),
            ["Recommendation"] = scorecard.Recommendation?.ToString(),
            ["PrivateNote"] = scorecard.PrivateNote,
            ["Status"] = scorecard.Status.ToString(),
            ["CreatedAt"] = scorecard.CreatedAt,
            ["UpdatedAt"] = scorecard.UpdatedAt,
            ["SubmittedAt"] = scorecard.SubmittedAt,
            ["Version"] = scorecard.Version,
            ["RatingCount"] = scorecard.Ratings.Count,
        };
        for (var i = 0; i < scorecard.Ratings.Count; i++)
        {
            properties[$"Rating{i}"] = JsonSerializer.Serialize(scorecard.Ratings[i], Json);
        }

        return new StoredRow(scorecard.CandidateId, HiringKeys.Scorecard(scorecard.InterviewId), properties);
    }

    public static Scorecard ToScorecard(StoredRow row)
    {
        var count = row.GetInt32("RatingCount") ?? 0;
        var ratings = Enumerable.Range(0, count)
            .Select(i => JsonSerializer.Deserialize<DimensionRating>(row.GetString($"Rating{i}")!, Json)!)
            .ToList();
        return new Scorecard(
            row.GetString("InterviewId")!,
            row.PartitionKey,
            row.GetString("InterviewerId")!,
            ratings,
            JsonSerializer.Deserialize<List<string>>(row.GetString("Signals") ?? "[]", Json) ?? [],
            Enum.TryParse<Recommendation>(row.GetString("Recommendation"), out var r) ? r : null,
            row.GetString("PrivateNote") ?? string.Empty,
            Enum.Parse<ScorecardStatus>(row.GetString("Status")!),
            row.GetDateTimeOffset("CreatedAt")!.Value,
            row.GetDateTimeOffset("UpdatedAt")!.Value,
            row.GetDateTimeOffset("SubmittedAt"),
            row.GetInt32("Version") ?? 0);
    }

    public static StoredRow ToRow(ScorecardDelivery delivery) => new(delivery.CandidateId, HiringKeys.Delivery(delivery.InterviewId), new Dictionary<string, object?>
    {
        ["InterviewId"] = delivery.InterviewId,
        ["DueAt"] = delivery.DueAt,
        ["Status"] = delivery.Status.ToString(),
        ["Attempts"] = delivery.Attempts,
        ["ClaimedAt"] = delivery.ClaimedAt,
        ["ConversationId"] = delivery.ConversationId,
        ["ActivityId"] = delivery.ActivityId,
        ["LastError"] = delivery.LastError,
        ["UpdatedAt"] = delivery.UpdatedAt,
    });

    public static ScorecardDelivery ToDelivery(StoredRow row) => new(
        row.GetString("InterviewId")!,
        row.PartitionKey,
        row.GetDateTimeOffset("DueAt")!.Value,
        Enum.Parse<DeliveryStatus>(row.GetString("Status")!),
        row.GetInt32("Attempts") ?? 0,
        row.GetDateTimeOffset("ClaimedAt"),
        row.GetString("ConversationId"),
        row.GetString("ActivityId"),
        row.GetString("LastError"),
        row.GetDateTimeOffset("UpdatedAt")!.Value);

    public static StoredRow ToRow(InterviewFollowUp followUp) => new(followUp.CandidateId, HiringKeys.FollowUp(followUp.InterviewId), new Dictionary<string, object?>
    {
        ["InterviewId"] = followUp.InterviewId,
        ["NotHeld"] = followUp.NotHeld?.ToString(),
        ["NotHeldAt"] = followUp.NotHeldAt,
        ["SnoozedUntil"] = followUp.SnoozedUntil,
        ["LastRemindedAt"] = followUp.LastRemindedAt,
        ["Reminders"] = JsonSerializer.Serialize(followUp.Reminders, Json),
    });

    public static InterviewFollowUp ToFollowUp(StoredRow row) => new(
        row.GetString("InterviewId")!,
        row.PartitionKey,
        Enum.TryParse<NotHeldReason>(row.GetString("NotHeld"), out var reason) ? reason : null,
        row.GetDateTimeOffset("NotHeldAt"),
        row.GetDateTimeOffset("SnoozedUntil"),
        row.GetDateTimeOffset("LastRemindedAt"),
        JsonSerializer.Deserialize<List<ReminderEntry>>(row.GetString("Reminders") ?? "[]", Json) ?? []);
}
