using InterviewBot.Teams.Routing;

namespace InterviewBot.Commands;

/// <summary>Dispatches a chat message to its command by the first words; the single place that maps words to commands.</summary>
internal sealed partial class ChatCommands(IEnumerable<IChatCommand> commands, ILogger<ChatCommands> logger)
{
    private readonly IReadOnlyList<IChatCommand> _commands = [.. commands];

    public IEnumerable<IChatCommand> Available => _commands.Where(c => c.IsAvailable);

    public async Task HandleAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var normalized = string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var (command, arguments) = Find(normalized);
        if (command is null)
        {
            Log.Unknown(logger);
            await turn.SendAsync(
                normalized.Length == 0
                    ? "Hi! Type **help** to see what I can do."
                    : "Sorry, I don't know that command. Type **help** to see what I can do.",
                cancellationToken).ConfigureAwait(false);
            return;
        }

        await command.RunAsync(turn, arguments, cancellationToken).ConfigureAwait(false);
    }

    private (IChatCommand? Command, string Arguments) Find(string text)
    {
        // Longest name first, so "my interviews" wins over a shorter name that happens to prefix it.
        var match = _commands
            .Where(c => c.IsAvailable)
            .SelectMany(c => c.Names.Select(n => (Command: c, Name: n)))
            .OrderByDescending(x => x.Name.Length)
            .FirstOrDefault(x => text.Equals(x.Name, StringComparison.OrdinalIgnoreCase)
                || text.StartsWith(x.Name + " ", StringComparison.OrdinalIgnoreCase));
        return match.Command is null ? (null, string.Empty) : (match.Command, text[match.Name.Length..].Trim());
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "A message matched no command")]
        public static partial void Unknown(ILogger logger);
    }
}
