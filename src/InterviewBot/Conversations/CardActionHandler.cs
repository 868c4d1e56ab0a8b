using InterviewBot.Cards;
using InterviewBot.Scorecards;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Conversations;

/// <summary>Answers <c>adaptiveCard/action</c> invokes (Action.Execute) with the card that replaces the clicked one, dispatching by verb.</summary>
internal sealed class CardActionHandler(ScorecardActions scorecards)
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

        if (!ScorecardActions.Handles(verb))
        {
            return AdaptiveCardInvokeResponse.Card(ScorecardCard.Notice("This button no longer works", "This card is from an older version of InterviewBot. Type **help** to see what I can do."));
        }

        var card = await scorecards.HandleAsync(verb, turn.Activity.From?.AadObjectId, invoke.Action.Data, cancellationToken).ConfigureAwait(false);
        return AdaptiveCardInvokeResponse.Card(card);
    }
}
