using InterviewBot.Cards;
using InterviewBot.Conversations;
using InterviewBot.Domain.Hiring;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Commands;

/// <summary><c>scorecards</c> / <c>my interviews</c>: the caller's interviews with an Open button that brings the scorecard back.</summary>
internal sealed class ScorecardsCommand(HiringStore store, UserDirectory users, PersonalChats chats, TimeProvider time) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["scorecards", "my interviews", "my scorecards"];

    public string Description => "List your interviews and open any scorecard again";

    public bool IsAvailable => true;

    public async Task RunAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var caller = turn.Activity.From?.AadObjectId;
        if (string.IsNullOrWhiteSpace(caller))
        {
            await turn.SendAsync("I can't tell who you are in this conversation. Message me in a personal chat to see your scorecards.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var interviews = await store.GetInterviewsOfAsync(caller, cancellationToken).ConfigureAwait(false);
        if (interviews.Count == 0)
        {
            await turn.SendAsync("You have no interviews assigned to you. When a recruiter adds you to a loop, your scorecard arrives here as soon as the interview ends.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var timeZone = (await users.FindAsync(caller, cancellationToken).ConfigureAwait(false))?.TimeZone;
        var card = ScorecardListCard.Build(interviews, timeZone, time.GetUtcNow());
        if (!turn.Activity.IsGroupConversation)
        {
            await turn.SendAsync(Activity.CreateMessage(card), cancellationToken).ConfigureAwait(false);
            return;
        }

        // The list names candidates and whose feedback is outstanding: it belongs in the caller's own chat, not in a
        // channel or group others read.
        var person = new Person(caller, turn.Activity.From?.Name ?? string.Empty);
        var sent = await chats.SendAsync(person, Activity.CreateMessage(card), cancellationToken).ConfigureAwait(false);
        await turn.SendAsync(
            sent is null
                ? "Your interviews are private, so I only list them in our personal chat. Open a chat with me and type **scorecards** there."
                : "I've sent your interviews to our personal chat, where only you can see them.",
            cancellationToken).ConfigureAwait(false);
    }
}
