namespace InterviewBot.Domain.Hiring;

/// <summary>One interviewer running one exercise with the candidate, and when their feedback is due.</summary>
public sealed record Interview(
    string Id,
    string LoopId,
    string CandidateId,
    Person Interviewer,
    string ExerciseId,
    IReadOnlyList<string> Focus,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset FeedbackDue)
{
    /// <summary>Feedback is due a day after the interview ends unless the loop says otherwise.</summary>
    public static readonly TimeSpan DefaultFeedbackWindow = TimeSpan.FromHours(24);

    public bool HasEnded(DateTimeOffset now) => now >= End;
}
