using InterviewBot.Delivery;
using InterviewBot.Domain.Delivery;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;
using InterviewBot.Storage.Hiring;

namespace InterviewBot.Loops;

/// <summary>Creates loops, from the REST API or the demo command: plan, store with pending deliveries, then schedule.</summary>
internal sealed partial class LoopService(
    HiringStore store,
    TemplateCatalog templates,
    IDeliveryScheduler scheduler,
    TimeProvider time,
    ILogger<LoopService> logger)
{
    public async Task<(LoopPlan? Plan, IReadOnlyList<FieldError> Errors)> CreateAsync(LoopRequest? request, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var (plan, errors) = LoopPlanner.Plan(request, templates, NewId, now);
        if (plan is null)
        {
            return (null, errors);
        }

        // The deliveries are stored with the loop, before any job exists: if scheduling is lost, the sweep finds them.
        var deliveries = plan.Interviews.Select(i => ScorecardDelivery.For(i.Id, i.CandidateId, i.End, now)).ToList();
        await store.CreateLoopAsync(plan, deliveries, cancellationToken).ConfigureAwait(false);
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
