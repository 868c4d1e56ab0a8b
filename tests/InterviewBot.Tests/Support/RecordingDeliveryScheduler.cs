using System.Collections.Concurrent;
using InterviewBot.Delivery;

namespace InterviewBot.Tests.Support;

/// <summary>An <see cref="IDeliveryScheduler"/> that only remembers what it was asked to schedule.</summary>
internal sealed class RecordingDeliveryScheduler : IDeliveryScheduler
{
    private readonly ConcurrentQueue<ScheduledDelivery> _scheduled = new();

    public IReadOnlyList<ScheduledDelivery> Scheduled => [.. _scheduled];

    public void Schedule(string candidateId, string interviewId, DateTimeOffset dueAt) =>
        _scheduled.Enqueue(new ScheduledDelivery(candidateId, interviewId, dueAt));
}

internal sealed record ScheduledDelivery(string CandidateId, string InterviewId, DateTimeOffset DueAt);
