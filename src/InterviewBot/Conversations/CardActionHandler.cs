using InterviewBot.Cards;
using InterviewBot.Debriefs;
using InterviewBot.Loops;
using InterviewBot.Reminders;
using InterviewBot.Scorecards;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Conversations;

/// <summary>Answers <c>adaptiveCard/action</c> invokes (Action.Execute) with the card that replaces the clicked one, dispatching by verb.</summary>
internal sealed class CardActionHandler(ScorecardActions scorecards, ReminderActions reminders, LoopActions loops, DebriefActions debriefs)
{
    public async Task<InvokeResponse> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var invoke = turn.Activity.GetAdaptiveCardInvokeValue();
        var verb = invoke?.Action?.Verb;
        if (invoke?.Action is null || string.IsNullOrWhiteSpace(verb))
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The card action has no verb.");
        }

        var caller = turn.Activity.From?.AadObjectId;
        var data = invoke.Action.Data;
        var card = verb switch
        {
            _ when ScorecardActions.Handles(verb) => await scorecards.HandleAsync(verb, caller, data, cancellationToken).ConfigureAwait(false),
            _ when ReminderActions.Handles(verb) => await reminders.HandleAsync(verb, caller, data, cancellationToken).ConfigureAwait(false),
            _ when DebriefActions.Handles(verb) => await debriefs.HandleAsync(verb, turn.Activity, data, cancellationToken).ConfigureAwait(false),
            _ when LoopActions.Handles(verb) => await loops.HandleAsync(verb, caller, data, cancellationToken).ConfigureAwait(false),
            _ => ScorecardCard.Notice("This button no longer works", "This card is from an older version of InterviewBot. Type **help** to see what I can do."),
        };
        return AdaptiveCardInvokeResponse.Card(card);
    }
}
