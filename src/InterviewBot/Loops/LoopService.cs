using InterviewBot.Delivery;
using InterviewBot.Domain.Delivery;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;
using InterviewBot.Reminders;
using InterviewBot.Domain.Reminders;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;
using Microsoft.Extensions.Options;

namespace InterviewBot.Loops;

/// <summary>Creates loops, from the REST API or the demo command: plan, store with pending deliveries, then schedule.</summary>
internal sealed partial class LoopService(
    HiringStore store,
    TemplateCatalog templates,
    UserDirectory users,
    IOptions<ReminderOptions> reminders,
    IDeliveryScheduler scheduler,
    TimeProvider time,
    ILogger<LoopService> logger)
{
    public async Task<(LoopPlan? Plan, IReadOnlyList<FieldError> Errors)> CreateAsync(LoopRequest? request, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var (plan, errors) = LoopPlanner.Plan(request, templates, NewId, now, reminders.Value.ToSettings());
        if (plan is null)
        {
            return (null, errors);
        }

        // The deliveries are stored with the loop, before any job exists: if scheduling is lost, the sweep finds them.
        var deliveries = plan.Interviews.Select(i => ScorecardDelivery.For(i.Id, i.CandidateId, i.End, now)).ToList();
        var settings = reminders.Value.For(plan.Loop);
        var followUps = new List<InterviewFollowUp>();
        var managerZone = plan.Loop.HiringManagers.Count == 0
            ? null
            : ZoneResolver.Find((await users.FindAsync(plan.Loop.HiringManagers[0].AadObjectId, cancellationToken).ConfigureAwait(false))?.TimeZone);
        foreach (var interview in plan.Interviews)
        {
            // Planned in the interviewer's zone when Teams has told it; each reminder is checked again when it is sent.
            var zone = ZoneResolver.Find((await users.FindAsync(interview.Interviewer.AadObjectId, cancellationToken).ConfigureAwait(false))?.TimeZone);
            followUps.Add(InterviewFollowUp.Plan(interview.Id, interview.CandidateId, ReminderPolicy.Plan(interview, settings, zone, managerZone)));
        }

        var debrief = plan.HiringChannel is null ? null : LoopDebriefState.New(plan.Loop.Id, plan.Candidate.Id).LinkTo(plan.HiringChannel);
        await store.CreateLoopAsync(plan, deliveries, followUps, debrief, cancellationToken).ConfigureAwait(false);
        foreach (var delivery in deliveries)
        {
            scheduler.Schedule(delivery.CandidateId, delivery.InterviewId, delivery.DueAt);
        }

        Log.Created(logger, plan.Loop.Id, plan.Interviews.Count);
        return (plan, errors);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Loop {LoopId} created with {Interviews} interviews")]
        public static partial void Created(ILogger logger, string loopId, int interviews);
    }
}
