using InterviewBot.Loops;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Commands;

/// <summary><c>status &lt;candidate&gt;</c>: who has submitted, who is pending and who is late, for recruiters and hiring managers.</summary>
internal sealed class StatusCommand(LoopActions loops) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["status"];

    public string Description => "status <candidate>: who has submitted feedback, who is pending and who is late";

    public bool IsAvailable => true;

    public async Task RunAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var card = await loops.FindAndRunAsync(LoopActions.StatusVerb, turn.Activity.From?.AadObjectId, arguments, cancellationToken).ConfigureAwait(false);
        await turn.SendAsync(Activity.CreateMessage(card), cancellationToken).ConfigureAwait(false);
    }
}

/// <summary><c>remind &lt;candidate&gt;</c>: nudges every interviewer of that loop whose feedback is late.</summary>
internal sealed class RemindCommand(LoopActions loops) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["remind", "nudge"];

    public string Description => "remind <candidate>: nudge every interviewer whose feedback is still missing";

    public bool IsAvailable => true;

    public async Task RunAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var card = await loops.FindAndRunAsync(LoopActions.RemindVerb, turn.Activity.From?.AadObjectId, arguments, cancellationToken).ConfigureAwait(false);
        await turn.SendAsync(Activity.CreateMessage(card), cancellationToken).ConfigureAwait(false);
    }
}
