using System.Globalization;
using System.Text.Json;
using InterviewBot.Domain.Reminders;
using InterviewBot.Reminders;
using Microsoft.Extensions.Options;
using InterviewBot.Debriefs;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;
using InterviewBot.Loops;
using InterviewBot.Storage.Hiring;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace InterviewBot.Api;

/// <summary>The loop endpoints of the REST API, for an ATS or a script: create a loop, read its progress (never its ratings).</summary>
internal static class LoopsApi
{
    public static RouteGroupBuilder MapLoopsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/loops").AddEndpointFilter<ApiKeyFilter>().WithTags("Loops");
        group.MapPost("/", CreateAsync);
        group.MapGet("/{loopId}", GetAsync);
        group.MapGet("/{loopId}/debrief", GetDebriefAsync);
        return group;
    }

    internal static async Task<Results<Created<LoopCreated>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpRequest request, LoopService loops, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the loop as application/json.");
        }

        LoopRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<LoopRequest>(ApiJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return TypedResults.ValidationProblem(ApiJson.Describe(ex), title: "The request body could not be read.");
        }

        var (plan, errors) = await loops.CreateAsync(body, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return TypedResults.ValidationProblem(
                errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "The loop was not created: some fields are invalid.");
        }

        var created = new LoopCreated(
            plan.Loop.Id,
            plan.Candidate.Id,
            [.. plan.Interviews.Select(i => new InterviewCreated(i.Id, i.Interviewer.AadObjectId, i.ExerciseId, i.FeedbackDue))]);
        return TypedResults.Created($"/api/v1/loops/{plan.Loop.Id}", created);
    }

    /// <summary>The debrief's aggregate, the same one the channel card shows. Never private notes.</summary>
    internal static async Task<Results<Ok<DebriefView>, ProblemHttpResult>> GetDebriefAsync(
        string loopId, HiringStore store, DebriefService debriefs, CancellationToken cancellationToken)
    {
        var snapshot = await store.GetLoopAsync(loopId, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No loop has this id.");
        }

        var debrief = await debriefs.BuildAsync(snapshot, cancellationToken).ConfigureAwait(false);
        return debrief is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The loop's scorecard template '{snapshot.Loop.TemplateId}' is not installed.")
            : TypedResults.Ok(DebriefJson.From(debrief));
    }

    internal static async Task<Results<Ok<LoopStatus>, ProblemHttpResult>> GetAsync(
        string loopId, HiringStore store, TemplateCatalog templates, IOptions<ReminderOptions> reminders, TimeProvider time, CancellationToken cancellationToken)
    {
        var snapshot = await store.GetLoopAsync(loopId, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No loop has this id.");
        }

        var now = time.GetUtcNow();
        var template = templates.Find(snapshot.Loop.TemplateId);
        var interviews = snapshot.Interviews.Select(i =>
        {
            var scorecard = snapshot.Scorecards.GetValueOrDefault(i.Id);
            var delivery = snapshot.Deliveries.GetValueOrDefault(i.Id);
            return new InterviewStatus(
                i.Id,
                new PersonView(i.Interviewer.AadObjectId, i.Interviewer.Name),
                i.ExerciseId,
                template?.FindExercise(i.ExerciseId)?.Name,
                i.Focus,
                i.Start,
                i.End,
                i.FeedbackDue,
                new ScorecardState(
                    scorecard?.Status.ToString() ?? "NotStarted",
                    scorecard?.SubmittedAt,
                    scorecard?.Status != ScorecardStatus.Submitted && now > i.FeedbackDue),
                InterviewsApi.Status(snapshot.FollowUps.GetValueOrDefault(i.Id)?.NotHeld),
                delivery is null ? null : new DeliveryState(delivery.Status.ToString(), delivery.Attempts, delivery.LastError, delivery.Status == Domain.Delivery.DeliveryStatus.Delivered ? delivery.UpdatedAt : null));
        }).ToList();
        return TypedResults.Ok(new LoopStatus(
            snapshot.Loop.Id,
            new CandidateView(snapshot.Candidate.Id, snapshot.Candidate.Name, snapshot.Candidate.ExternalId),
            snapshot.Loop.TemplateId,
            template?.Role,
            [.. snapshot.Loop.Recruiters.Select(p => new PersonView(p.AadObjectId, p.Name))],
            [.. snapshot.Loop.HiringManagers.Select(p => new PersonView(p.AadObjectId, p.Name))],
            snapshot.Loop.CreatedAt,
            snapshot.Loop.RequisitionId,
            ReminderSettingsView.From(reminders.Value.For(snapshot.Loop)),
            new DebriefSettingsView(snapshot.Loop.Debrief.LockOnPost, snapshot.Loop.Debrief.AutoPost),
            DebriefStateView.From(snapshot.Debrief?.Value),
            interviews));
    }
}

/// <summary>JSON settings of the REST API: web defaults, and unknown fields refused so a typo is an error, not a silent default.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 16,
        Converters = { new OffsetRequiredConverter() },
    };

    /// <summary>Names the field a JSON error is about and says, in words, what is wrong with it.</summary>
    public static Dictionary<string, string[]> Describe(JsonException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.');
        var message = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "This field is not part of the format."
            : ex.InnerException is OffsetRequiredException
                ? "Times need an offset, e.g. 2026-11-27T10:00:00Z or 2026-11-27T11:00:00+01:00."
                : "This value does not have the expected type" + (ex.LineNumber is { } line ? $" (line {line + 1})." : ".");
        return new Dictionary<string, string[]> { [field] = [message] };
    }

    /// <summary>Thrown for a time without a UTC offset, which would otherwise be read in the server's time zone.</summary>
    internal sealed class OffsetRequiredException : Exception
    {
        public OffsetRequiredException()
            : base("A time needs an offset.")
        {
        }

        public OffsetRequiredException(string message)
            : base(message)
        {
        }

        public OffsetRequiredException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }

    private sealed class OffsetRequiredConverter : System.Text.Json.Serialization.JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (text is null || !System.Text.RegularExpressions.Regex.IsMatch(text, @"(Z|[+-]\d{2}:?\d{2})$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                throw new JsonException("A time needs an offset.", new OffsetRequiredException());
            }

            return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var value)
                ? value
                : throw new JsonException("Not a time.");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);
    }
}

internal sealed record LoopCreated(string LoopId, string CandidateId, IReadOnlyList<InterviewCreated> Interviews);

internal sealed record InterviewCreated(string InterviewId, string InterviewerAadObjectId, string Exercise, DateTimeOffset FeedbackDue);

internal sealed record LoopStatus(
    string LoopId,
    CandidateView Candidate,
    string Template,
    string? Role,
    IReadOnlyList<PersonView> Recruiters,
    IReadOnlyList<PersonView> HiringManagers,
    DateTimeOffset CreatedAt,
    string? Requisition,
    ReminderSettingsView Reminders,
    DebriefSettingsView Debrief,
    DebriefStateView DebriefState,
    IReadOnlyList<InterviewStatus> Interviews);

/// <summary>Where the loop stands with its debrief: the hiring channel it was linked to, the last post, the lock.</summary>
internal sealed record DebriefStateView(HiringChannelView? HiringChannel, DateTimeOffset? LastPostedAt, bool? LastPostPartial, string? ThreadLink, bool Locked)
{
    public static DebriefStateView From(Domain.Hiring.LoopDebriefState? state) => state is null
        ? new(null, null, null, null, false)
        : new(
            state.Channel is { } c ? new HiringChannelView(c.ChannelId, c.ChannelName, c.TeamName) : null,
            state.LastPosting?.PostedAt,
            state.LastPosting?.Partial,
            state.Thread?.Link,
            state.Locked);
}

internal sealed record HiringChannelView(string ChannelId, string? Name, string? Team);

/// <summary>The reminder settings in force for a loop, in the units a loop request uses.</summary>
internal sealed record ReminderSettingsView(
    double FirstNudgeAfterHours,
    double OverdueIntervalHours,
    int MaxOverdueReminders,
    double EscalationAfterDueHours,
    double CooldownHours,
    double SnoozeHours,
    WorkingHoursView WorkingHours)
{
    public static ReminderSettingsView From(ReminderSettings settings) => new(
        settings.FirstNudgeAfterEnd.TotalHours,
        settings.OverdueInterval.TotalHours,
        settings.MaxOverdueReminders,
        settings.EscalationAfterDue.TotalHours,
        settings.Cooldown.TotalHours,
        settings.ShortSnooze.TotalHours,
        new WorkingHoursView(
            settings.WorkingHours.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
            settings.WorkingHours.End.ToString("HH:mm", CultureInfo.InvariantCulture),
            [.. settings.WorkingHours.Days.OrderBy(d => ((int)d + 6) % 7).Select(d => d.ToString())]));
}

internal sealed record WorkingHoursView(string Start, string End, IReadOnlyList<string> Days);

internal sealed record DebriefSettingsView(bool LockOnPost, bool AutoPost);

internal sealed record CandidateView(string Id, string Name, string? ExternalId);

internal sealed record PersonView(string AadObjectId, string Name);

internal sealed record InterviewStatus(
    string InterviewId,
    PersonView Interviewer,
    string Exercise,
    string? ExerciseName,
    IReadOnlyList<string> Focus,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset FeedbackDue,
    ScorecardState Scorecard,
    string Status,
    DeliveryState? Delivery);

internal sealed record ScorecardState(string Status, DateTimeOffset? SubmittedAt, bool Overdue);

internal sealed record DeliveryState(string Status, int Attempts, string? LastError, DateTimeOffset? DeliveredAt);
