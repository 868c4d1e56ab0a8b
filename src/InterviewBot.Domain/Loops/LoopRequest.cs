namespace InterviewBot.Domain.Loops;

/// <summary>A request to set up a candidate's interview loop, as an ATS or a script sends it. Every field may be missing or wrong.</summary>
public sealed record LoopRequest(
    CandidateRequest? Candidate,
    string? Template,
    IReadOnlyList<PersonRequest?>? Recruiters,
    IReadOnlyList<PersonRequest?>? HiringManagers,
    IReadOnlyList<InterviewRequest?>? Interviews,
    string? Requisition = null,
    ReminderSettingsRequest? Reminders = null,
    DebriefSettingsRequest? Debrief = null,
    HiringChannelRequest? HiringChannel = null);

/// <summary>The Teams channel a loop's debrief goes to, named by its conversation id (<c>19:…@thread.tacv2</c>).</summary>
public sealed record HiringChannelRequest(string? ChannelId, string? TenantId, string? Name);

/// <summary>The candidate part of a <see cref="LoopRequest"/>.</summary>
public sealed record CandidateRequest(string? Name, string? ExternalId);

/// <summary>A person in a <see cref="LoopRequest"/>.</summary>
public sealed record PersonRequest(string? AadObjectId, string? Name);

/// <summary>One interview in a <see cref="LoopRequest"/>; focus and feedback due default from the template and end time.</summary>
public sealed record InterviewRequest(
    PersonRequest? Interviewer,
    string? Exercise,
    IReadOnlyList<string?>? Focus,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    DateTimeOffset? FeedbackDue);
