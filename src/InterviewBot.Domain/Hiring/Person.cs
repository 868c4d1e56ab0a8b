namespace InterviewBot.Domain.Hiring;

/// <summary>Someone in a hiring loop, known by their Entra object id (an opaque string) and display name.</summary>
public sealed record Person(string AadObjectId, string Name)
{
    /// <summary>Entra object ids are compared without regard to case: Teams and Graph disagree on casing.</summary>
    public bool Is(string? aadObjectId) =>
        aadObjectId is not null && string.Equals(AadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase);
}
