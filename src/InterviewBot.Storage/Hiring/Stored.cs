namespace InterviewBot.Storage.Hiring;

/// <summary>A value read from storage together with the ETag a conditional write must present.</summary>
public sealed record Stored<T>(T Value, string ETag);
