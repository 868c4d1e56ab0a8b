using InterviewBot.Teams.Routing;

namespace InterviewBot.Commands;

/// <summary>One chat command: its names, a line of help, and what it does.</summary>
internal interface IChatCommand
{
    /// <summary>The words that invoke it, lower case; the first is the name shown in help.</summary>
    IReadOnlyList<string> Names { get; }

    string Description { get; }

    /// <summary>Hidden commands work but are left out of help (the demo outside development).</summary>
    bool IsAvailable { get; }

    Task RunAsync(TurnContext turn, string arguments, CancellationToken cancellationToken);
}
