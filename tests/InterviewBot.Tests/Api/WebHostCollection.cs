namespace InterviewBot.Tests.Api;

/// <summary>
/// Runs the in-memory hosts one after another: each starts a Hangfire server, and Hangfire keeps its storage in a
/// process-wide static.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebHostCollection
{
    public const string Name = "Web host";
}
