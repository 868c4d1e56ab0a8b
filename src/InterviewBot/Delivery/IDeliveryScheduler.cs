namespace InterviewBot.Delivery;

/// <summary>Asks the job system to attempt a stored delivery at a given time. Losing the request is harmless: the sweep re-drives it.</summary>
internal interface IDeliveryScheduler
{
    void Schedule(string candidateId, string interviewId, DateTimeOffset dueAt);
}
