using InterviewBot.Domain.Hiring;

namespace InterviewBot.Domain.Loops;

/// <summary>A checked loop ready to store: the candidate, the loop and its interviews.</summary>
public sealed record LoopPlan(Candidate Candidate, HiringLoop Loop, IReadOnlyList<Interview> Interviews)
{
    /// <summary>The hiring channel the request named, if any.</summary>
    public HiringChannel? HiringChannel { get; init; }
}
