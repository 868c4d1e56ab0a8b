using InterviewBot.Domain.Debriefs;

namespace InterviewBot.Domain.Hiring;

/// <summary>A debrief thread that was started in the hiring channel, and a link that opens it in Teams.</summary>
public sealed record DebriefThread(string ConversationId, string ActivityId, string Link);

/// <summary>A debrief someone asked for (or the last scorecard triggered) that is being posted now.</summary>
public sealed record PendingDebrief(bool Partial, string RequestedBy, bool Automatic, DateTimeOffset RequestedAt);

/// <summary>
/// Where a loop stands with its debrief: the hiring channel it was linked to, the last posting (which scorecard
/// versions it showed) and whether its scorecards are locked. One stored row per loop, changed only with its ETag.
/// </summary>
public sealed record LoopDebriefState(
    string LoopId,
    string CandidateId,
    HiringChannel? Channel,
    PendingDebrief? Pending,
    DebriefPosting? LastPosting,
    DebriefThread? Thread,
    bool Locked,
    DateTimeOffset? UnlockedAt,
    string? UnlockedBy)
{
    /// <summary>A posting that has not finished after this long was interrupted and may be taken over.</summary>
    public static readonly TimeSpan PostingTimeout = TimeSpan.FromMinutes(5);

    public static LoopDebriefState New(string loopId, string candidateId) =>
        new(loopId, candidateId, null, null, null, null, false, null, null);

    public LoopDebriefState LinkTo(HiringChannel channel) => this with { Channel = channel };

    /// <summary>Claims the post; refused (false) while another one started less than <see cref="PostingTimeout"/> ago.</summary>
    public bool CanStartPosting(DateTimeOffset now) => Pending is null || now - Pending.RequestedAt >= PostingTimeout;

    public LoopDebriefState StartPosting(PendingDebrief pending) => this with { Pending = pending };

    /// <summary>Records a posted debrief; a complete one locks the scorecards when the requisition says so.</summary>
    public LoopDebriefState Posted(DebriefPosting posting, DebriefThread thread, bool lockScorecards)
    {
        ArgumentNullException.ThrowIfNull(posting);
        return this with
        {
            Pending = null,
            LastPosting = posting,
            Thread = thread,
            Locked = Locked || (!posting.Partial && lockScorecards),
        };
    }

    public LoopDebriefState PostingFailed() => this with { Pending = null };

    public LoopDebriefState Unlock(string by, DateTimeOffset now) => this with { Locked = false, UnlockedBy = by, UnlockedAt = now };
}
