using System.Text;
using InterviewBot.Teams.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewBot.Commands;

/// <summary><c>help</c>: what InterviewBot does and the commands available here.</summary>
internal sealed class HelpCommand : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["help", "?", "hi", "hello"];

    public string Description => "Show what I can do";

    public bool IsAvailable => true;

    public Task RunAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var commands = turn.Services.GetRequiredService<ChatCommands>();
        return turn.SendAsync(Text(commands.Available), cancellationToken);
    }

    public static string Text(IEnumerable<IChatCommand> commands)
    {
        var text = new StringBuilder();
        text.Append("I'm **InterviewBot**. When your interview ends I send you a structured scorecard here: rate each focus area against its rubric, back each score with evidence, and submit. Nobody sees your feedback before you submit, and you see nobody else's.\n\n");
        foreach (var command in commands)
        {
            text.Append("- **").Append(command.Names[0]).Append("**: ").Append(command.Description).Append('\n');
        }

        return text.ToString();
    }
}
