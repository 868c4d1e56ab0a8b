namespace InterviewBot.Domain.Hiring;

/// <summary>One candidate's set of interviews for a role, and who runs the hiring decision.</summary>
public sealed record HiringLoop(
    string Id,
    string CandidateId,
    string TemplateId,
    IReadOnlyList<Person> Recruiters,
    IReadOnlyList<Person> HiringManagers,
    DateTimeOffset CreatedAt);
