using Hangfire;

namespace InterviewBot.Delivery;

/// <summary>Schedules deliveries as Hangfire jobs that carry ids only.</summary>
internal sealed class HangfireDeliveryScheduler(IBackgroundJobClient jobs, TimeProvider time) : IDeliveryScheduler
{
    public void Schedule(string candidateId, string interviewId, DateTimeOffset dueAt)
    {
        if (dueAt <= time.GetUtcNow())
        {
            jobs.Enqueue<DeliveryJobs>(j => j.DeliverAsync(candidateId, interviewId, CancellationToken.None));
        }
        else
        {
            jobs.Schedule<DeliveryJobs>(j => j.DeliverAsync(candidateId, interviewId, CancellationToken.None), dueAt);
        }
    }
}
