using InterviewBot.Debriefs;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Commands;

/// <summary><c>debrief &lt;candidate&gt;</c>: posts the debrief to the hiring channel, or says who is still missing.</summary>
internal sealed class DebriefCommand(DebriefActions debriefs) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["debrief"];

    public string Description => "debrief <candidate>: post the panel's debrief to the hiring channel";

    public bool IsAvailable => true;

    public Task RunAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        DebriefCommands.RunAsync(debriefs, DebriefActions.DebriefVerb, turn, arguments, cancellationToken);
}

/// <summary><c>link &lt;candidate or requisition&gt;</c>, in a channel: makes it the hiring channel.</summary>
internal sealed class LinkCommand(DebriefActions debriefs) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["link"];

    public string Description => "link <candidate or requisition>: in a team channel, post debriefs there";

    public bool IsAvailable => true;

    public Task RunAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        DebriefCommands.RunAsync(debriefs, DebriefActions.LinkVerb, turn, arguments, cancellationToken);
}

/// <summary><c>unlock &lt;candidate&gt;</c>: reopens a loop's scorecards after its debrief, for the recruiter.</summary>
internal sealed class UnlockCommand(DebriefActions debriefs) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["unlock"];

    public string Description => "unlock <candidate>: let interviewers correct their scorecards after the debrief";

    public bool IsAvailable => true;

    public Task RunAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        DebriefCommands.RunAsync(debriefs, DebriefActions.UnlockVerb, turn, arguments, cancellationToken);
}

internal static class DebriefCommands
{
    public static async Task RunAsync(DebriefActions debriefs, string verb, TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var card = await debriefs.FindAndRunAsync(verb, turn.Activity, arguments, cancellationToken).ConfigureAwait(false);
        await turn.SendAsync(Activity.CreateMessage(card), cancellationToken).ConfigureAwait(false);
    }
}
