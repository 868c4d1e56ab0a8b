using System.Text.Json;
using InterviewBot.Cards;
using InterviewBot.Debriefs;
using InterviewBot.Delivery;
using InterviewBot.Domain.Delivery;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Reminders;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;
using InterviewBot.Storage.Tables;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace InterviewBot.Api;

/// <summary>A change to one interview: a new interviewer, new times, or whether it took place. Every field is optional.</summary>
internal sealed record InterviewChangeRequest(PersonRequest? Interviewer, DateTimeOffset? Start, DateTimeOffset? End, DateTimeOffset? FeedbackDue, string? Status);

/// <summary>The interview endpoints of the REST API: reassign, reschedule, or record that an interview did not happen.</summary>
internal static partial class InterviewsApi
{
    public const string Scheduled = "scheduled";

    public static RouteGroupBuilder MapInterviewsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/interviews").AddEndpointFilter<ApiKeyFilter>().WithTags("Interviews");
        group.MapPatch("/{interviewId}", ChangeAsync);
        return group;
    }

    internal static async Task<Results<Ok<InterviewChanged>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        string interviewId,
        HttpRequest request,
        HiringStore store,
        UserDirectory users,
        IConnectorClient connector,
        IDeliveryScheduler scheduler,
        IOptions<ReminderOptions> reminders,
        DebriefService debriefs,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the change as application/json.");
        }

        InterviewChangeRequest? change;
        try
        {
            change = await request.ReadFromJsonAsync<InterviewChangeRequest>(ApiJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return TypedResults.ValidationProblem(ApiJson.Describe(ex), title: "The request body could not be read.");
        }

        if (change is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["The request body is missing."] });
        }

        for (var attempt = 0; ; attempt++)
        {
            var context = await store.GetInterviewAsync(interviewId, cancellationToken).ConfigureAwait(false);
            if (context is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No interview has this id.");
            }

            var now = time.GetUtcNow();
            var (updated, notHeld, errors) = Apply(context, change, now);
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), title: "The interview was not changed.");
            }

            var old = context.Interview;
            var reassigned = !updated.Interviewer.Is(old.Interviewer.AadObjectId);
            if (reassigned && context.Scorecard is not null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The interviewer already has a scorecard for this interview.", detail: "Only an interview without a saved or submitted scorecard can be reassigned; create a new interview instead.");
            }

            var retimed = updated.End != old.End || updated.FeedbackDue != old.FeedbackDue;
            var delivery = context.Delivery?.Value ?? ScorecardDelivery.For(updated.Id, updated.CandidateId, updated.End, now);
            if (reassigned || (retimed && delivery.Status != DeliveryStatus.Delivered))
            {
                delivery = ScorecardDelivery.For(updated.Id, updated.CandidateId, updated.End, now);
            }

            var followUp = context.FollowUp?.Value ?? InterviewFollowUp.Plan(updated.Id, updated.CandidateId, []);
            if (reassigned || retimed || notHeld != followUp.NotHeld)
            {
                var zone = ZoneResolver.Find((await users.FindAsync(updated.Interviewer.AadObjectId, cancellationToken).ConfigureAwait(false))?.TimeZone);
                var managerZone = context.Loop.HiringManagers.Count == 0
                    ? null
                    : ZoneResolver.Find((await users.FindAsync(context.Loop.HiringManagers[0].AadObjectId, cancellationToken).ConfigureAwait(false))?.TimeZone);
                var plan = ReminderPolicy.Plan(updated, reminders.Value.For(context.Loop), zone, managerZone);

                // A new interviewer starts afresh; the same interviewer keeps what was already sent to them.
                var replanned = reassigned
                    ? InterviewFollowUp.Plan(updated.Id, updated.CandidateId, plan)
                    : (followUp with { NotHeld = null, NotHeldAt = null }).Replan(plan);
                followUp = notHeld is { } reason ? replanned.MarkNotHeld(reason, now) : replanned;
            }

            try
            {
                await store.ChangeInterviewAsync(context, updated, delivery, followUp, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageConflictException) when (attempt < 2)
            {
                continue;
            }

            if (delivery.Status == DeliveryStatus.Pending)
            {
                await store.AddDueAsync(HiringStore.DeliveryKind, updated.CandidateId, updated.Id, delivery.DueAt, cancellationToken).ConfigureAwait(false);
                scheduler.Schedule(updated.CandidateId, updated.Id, delivery.DueAt);
            }

            if (followUp.NextDue() is { } next)
            {
                await store.AddDueAsync(HiringStore.ReminderKind, updated.CandidateId, updated.Id, next, cancellationToken).ConfigureAwait(false);
            }

            if (reassigned && context.Delivery?.Value is { Status: DeliveryStatus.Delivered, ConversationId: { } conversationId, ActivityId: { } activityId })
            {
                await TellOldInterviewerAsync(users, connector, old.Interviewer, conversationId, activityId, loggers.CreateLogger(typeof(InterviewsApi)), cancellationToken).ConfigureAwait(false);
            }

            if (notHeld is not null && context.FollowUp?.Value.NotHeld is null)
            {
                await debriefs.PostIfCompleteAsync(updated.LoopId, LoopPlanner.LinkedByApi, cancellationToken).ConfigureAwait(false);
            }

            return TypedResults.Ok(new InterviewChanged(updated.Id, new PersonView(updated.Interviewer.AadObjectId, updated.Interviewer.Name), updated.Start, updated.End, updated.FeedbackDue, Status(notHeld)));
        }
    }

    private static (Interview Updated, NotHeldReason? NotHeld, List<FieldError> Errors) Apply(InterviewContext context, InterviewChangeRequest change, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var old = context.Interview;
        var interviewer = old.Interviewer;
        if (change.Interviewer is not null)
        {
            // Reuse the loop rules for a person and for times by planning a one-interview loop.
            var probe = LoopPlanner.Plan(
                new LoopRequest(new CandidateRequest("probe", null), context.Loop.TemplateId, [change.Interviewer], [], [new InterviewRequest(change.Interviewer, old.ExerciseId, old.Focus, old.Start, old.End, null)]),
                new Domain.Templates.TemplateCatalog([]),
                () => "probe",
                now);
            errors.AddRange(probe.Errors.Where(e => e.Field.StartsWith("recruiters[0].", StringComparison.Ordinal)).Select(e => e with { Field = "interviewer." + e.Field["recruiters[0].".Length..] }));
            if (!string.IsNullOrWhiteSpace(change.Interviewer.AadObjectId) && !string.IsNullOrWhiteSpace(change.Interviewer.Name) && errors.Count == 0)
            {
                interviewer = new Person(change.Interviewer.AadObjectId.Trim(), change.Interviewer.Name.Trim());
            }
        }

        var start = change.Start?.ToUniversalTime() ?? old.Start;
        var end = change.End?.ToUniversalTime() ?? old.End;
        var due = change.FeedbackDue?.ToUniversalTime() ?? (change.End is null ? old.FeedbackDue : end + (old.FeedbackDue - old.End));
        foreach (var (value, field) in new[] { (start, "start"), (end, "end"), (due, "feedbackDue") })
        {
            if (value < LoopPlanner.EarliestTime || value >= LoopPlanner.LatestTime)
            {
                errors.Add(new FieldError(field, $"Must be between {LoopPlanner.EarliestTime.Year} and {LoopPlanner.LatestTime.Year - 1}."));
            }
        }

        if (end <= start)
        {
            errors.Add(new FieldError("end", "The end must be after the start."));
        }
        else if (end - start > LoopPlanner.MaxInterviewLength)
        {
            errors.Add(new FieldError("end", $"An interview lasts at most {LoopPlanner.MaxInterviewLength.TotalHours:0} hours."));
        }

        if (due < end)
        {
            errors.Add(new FieldError("feedbackDue", "Feedback cannot be due before the interview ends."));
        }

        var notHeld = context.FollowUp?.Value.NotHeld;
        if (change.Status is { } status)
        {
            switch (status.Trim().ToUpperInvariant())
            {
                case "SCHEDULED":
                    notHeld = null;
                    break;
                case "NOSHOW" or "NO-SHOW":
                    notHeld = NotHeldReason.NoShow;
                    break;
                case "CANCELLED" or "CANCELED":
                    notHeld = NotHeldReason.Cancelled;
                    break;
                case "RESCHEDULED":
                    notHeld = NotHeldReason.Rescheduled;
                    break;
                default:
                    errors.Add(new FieldError("status", "Use scheduled, noShow, cancelled or rescheduled."));
                    break;
            }
        }

        if (notHeld is not null && context.Scorecard?.Value.Status == ScorecardStatus.Submitted)
        {
            errors.Add(new FieldError("status", "A scorecard was submitted for this interview, so it took place."));
        }

        return (old with { Interviewer = interviewer, Start = start, End = end, FeedbackDue = due }, notHeld, errors);
    }

    internal static string Status(NotHeldReason? reason) => reason switch
    {
        null => Scheduled,
        NotHeldReason.NoShow => "noShow",
        NotHeldReason.Cancelled => "cancelled",
        _ => "rescheduled",
    };

    /// <summary>Replaces the card in the previous interviewer's chat, so nobody fills in a scorecard that is no longer theirs.</summary>
    private static async Task TellOldInterviewerAsync(UserDirectory users, IConnectorClient connector, Person previous, string conversationId, string activityId, ILogger logger, CancellationToken cancellationToken)
    {
        var known = await users.FindAsync(previous.AadObjectId, cancellationToken).ConfigureAwait(false);
        if (known is null)
        {
            return;
        }

        try
        {
            var card = ScorecardCard.Notice("This interview was reassigned", "The recruiter gave this interview to another interviewer, so this scorecard is no longer yours to fill in. Nothing you saved is shared.");
            await connector.UpdateActivityAsync(known.ServiceUrl, conversationId, activityId, Activity.CreateMessage(card), cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            Log.OldCardNotUpdated(logger, ex, conversationId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Could not update the previous interviewer's card in conversation {ConversationId}")]
        public static partial void OldCardNotUpdated(ILogger logger, Exception exception, string conversationId);
    }
}

internal sealed record InterviewChanged(string InterviewId, PersonView Interviewer, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset FeedbackDue, string Status);
