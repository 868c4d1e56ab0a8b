using InterviewBot.Commands;
using InterviewBot.Storage.Tables;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Conversations;

/// <summary>
/// Says hello once per conversation when the app is installed. Teams announces an install with both a
/// conversationUpdate and an installationUpdate; an insert-once marker makes sure only the first one greets.
/// </summary>
internal sealed class Welcome(ITableStore tables, ChatCommands commands, TimeProvider time)
{
    private const string TableName = "Welcomes";

    public async Task OnConversationUpdateAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var botId = activity.Recipient?.Id;
        if (activity.MembersAdded?.Any(m => m.Id == botId) == true)
        {
            await GreetOnceAsync(turn, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task OnInstallationUpdateAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.Activity.Action is null || turn.Activity.Action.StartsWith("add", StringComparison.OrdinalIgnoreCase))
        {
            await GreetOnceAsync(turn, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task GreetOnceAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var conversationId = turn.Activity.Conversation?.Id;
        if (string.IsNullOrWhiteSpace(conversationId))
        {
            return;
        }

        try
        {
            await tables.GetTable(TableName).InsertAsync(
                new StoredRow(Key(conversationId), "welcome", new Dictionary<string, object?> { ["At"] = time.GetUtcNow() }),
                cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException ex) when (ex.Reason == StorageConflictReason.AlreadyExists)
        {
            return;
        }

        var text = turn.Activity.IsGroupConversation
            ? "Hi, I'm **InterviewBot**. To post a candidate's debrief in a channel of this team, mention me there and type **link** with the candidate's name or the requisition id; then **debrief** with the candidate's name posts it once the panel has submitted. Interviewers get their scorecards in a personal chat with me."
            : HelpCommand.Text(commands.Available);
        await turn.SendAsync(Activity.CreateMessage(text), cancellationToken).ConfigureAwait(false);
    }

    // Teams conversation ids may contain characters that keys do not allow; a hash is stable and always valid.
    private static string Key(string conversationId) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(conversationId)));
}
