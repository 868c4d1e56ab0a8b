using System.Text.Json;
using InterviewBot.Commands;
using InterviewBot.Scorecards;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Conversations;

/// <summary>
/// Handles a message: a chat command, or the value of an Action.Submit from a card rendered by a client without
/// Universal Actions, which is answered by updating that card.
/// </summary>
internal sealed class MessageHandler(ChatCommands commands, ScorecardActions scorecards)
{
    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        if (activity.Value is { ValueKind: JsonValueKind.Object } value
            && value.TryGetProperty("verb", out var verbElement)
            && verbElement.ValueKind == JsonValueKind.String
            && ScorecardActions.Handles(verbElement.GetString()))
        {
            var card = await scorecards.HandleAsync(verbElement.GetString()!, activity.From?.AadObjectId, value, cancellationToken).ConfigureAwait(false);
            var reply = Activity.CreateMessage(card);
            if (!string.IsNullOrEmpty(activity.ReplyToId))
            {
                await turn.UpdateAsync(activity.ReplyToId, reply, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await turn.SendAsync(reply, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await commands.HandleAsync(turn, activity.GetTextWithoutMentionOf(activity.Recipient?.Id), cancellationToken).ConfigureAwait(false);
    }
}
