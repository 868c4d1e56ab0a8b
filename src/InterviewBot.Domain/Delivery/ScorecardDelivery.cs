namespace InterviewBot.Domain.Delivery;

/// <summary>Where a scorecard card is on its way to the interviewer.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for the interview to end, or for a retry.</summary>
    Pending,

    /// <summary>Claimed by a worker that is sending it now.</summary>
    Sending,

    /// <summary>In the interviewer's personal chat.</summary>
    Delivered,

    /// <summary>Teams says the bot cannot write to the interviewer (for example, they removed the app); retrying would not help.</summary>
    Unreachable,
}

/// <summary>
/// The pending side effect "send this interview's scorecard card to its interviewer". It is stored before it is
/// attempted, so a crash or restart loses nothing.
/// </summary>
public sealed record ScorecardDelivery(
    string InterviewId,
    string CandidateId,
    DateTimeOffset DueAt,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset? ClaimedAt,
    string? ConversationId,
    string? ActivityId,
    string? LastError,
    DateTimeOffset UpdatedAt)
{
    /// <summary>A worker that claimed a delivery and vanished is presumed dead after this long.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(5);

    public static ScorecardDelivery For(string interviewId, string candidateId, DateTimeOffset dueAt, DateTimeOffset now) =>
        new(interviewId, candidateId, dueAt, DeliveryStatus.Pending, 0, null, null, null, null, now);

    /// <summary>Whether a worker may take this delivery now: it is due and nobody live holds it.</summary>
    public bool CanClaim(DateTimeOffset now) => Status switch
    {
        DeliveryStatus.Pending => now >= DueAt,
        DeliveryStatus.Sending => ClaimedAt is null || now - ClaimedAt.Value >= ClaimTimeout,
        _ => false,
    };

    public ScorecardDelivery Claim(DateTimeOffset now) =>
        this with { Status = DeliveryStatus.Sending, ClaimedAt = now, Attempts = Attempts + 1, UpdatedAt = now };

    public ScorecardDelivery Delivered(string conversationId, string? activityId, DateTimeOffset now) =>
        this with { Status = DeliveryStatus.Delivered, ConversationId = conversationId, ActivityId = activityId, LastError = null, ClaimedAt = null, UpdatedAt = now };

    /// <summary>Releases the claim after a failure; the sweep tries again once <paramref name="retryAt"/> has passed.</summary>
    public ScorecardDelivery Failed(string reason, DateTimeOffset retryAt, DateTimeOffset now) =>
        this with { Status = DeliveryStatus.Pending, LastError = reason, ClaimedAt = null, DueAt = retryAt, UpdatedAt = now };

    /// <summary>Gives up until a person intervenes; the reason is shown to the recruiter.</summary>
    public ScorecardDelivery GiveUp(string reason, DateTimeOffset now) =>
        this with { Status = DeliveryStatus.Unreachable, LastError = reason, ClaimedAt = null, UpdatedAt = now };

    /// <summary>Backoff between attempts: 1, 2, 4 … minutes, at most an hour.</summary>
    public TimeSpan RetryDelay() => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, Attempts - 1))));
}
