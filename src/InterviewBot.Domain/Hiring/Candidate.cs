namespace InterviewBot.Domain.Hiring;

/// <summary>A person being interviewed; <see cref="ExternalId"/> is the ATS's id when one created the loop.</summary>
public sealed record Candidate(string Id, string Name, string? ExternalId, DateTimeOffset CreatedAt);
