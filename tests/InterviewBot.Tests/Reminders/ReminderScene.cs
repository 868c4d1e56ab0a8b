using InterviewBot.Domain.Reminders;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Commands;
using InterviewBot.Conversations;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.People;
using InterviewBot.Reminders;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Reminders;

/// <summary>What kind of message reached someone's personal chat.</summary>
internal enum MessageKind
{
    Nudge,
    Overdue,
    Requested,
    Escalation,

    /// <summary>Anything that is not a reminder: scorecard deliveries, replies to commands.</summary>
    Other,
}

/// <summary>One message the bot posted, when the clock said it was posted, and to whom.</summary>
internal sealed record Message(DateTimeOffset At, string To, MessageKind Kind, string Title, string? InterviewId, JsonObject Card)
{
    /// <summary>"Mon 12-07 09:00 Ivy Overdue": the moment on the Berlin wall clock, the recipient's first name and the kind.</summary>
    public override string ToString() => $"{ReminderScene.Local(At)} {To} {Kind}";
}

/// <summary>
/// A hiring team in Europe/Berlin with the real reminder defaults, over a <see cref="HiringFixture"/>: creates loops,
/// moves the clock with the sweep running as the recurring job runs it, lets people type commands and click card
/// buttons, and tells what reached whom and when.
/// </summary>
internal sealed class ReminderScene : IDisposable
{
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static readonly Person Ivy = new(TestData.InterviewerId, "Ivy Interviewer");
    public static readonly Person Otto = new("aad-otto", "Otto Interviewer");
    public static readonly Person Nia = new("aad-nia", "Nia Interviewer");
    public static readonly Person Uma = new("aad-uma", "Uma Interviewer");
    public static readonly Person Eli = new("aad-eli", "Eli Interviewer");
    public static readonly Person Manager = new(TestData.HiringManagerId, "Morgan Manager");
    public static readonly Person Recruiter = new(TestData.RecruiterId, "Riley Recruiter");
    public static readonly Person Stranger = new(TestData.StrangerId, "Sam Stranger");

    private static readonly Person[] Everyone = [Ivy, Otto, Nia, Uma, Eli, Manager, Recruiter, Stranger];

    private readonly List<Message> _messages = [];
    private int _collected;

    public ReminderScene()
    {
        Fixture = new HiringFixture { ReminderOptions = new ReminderOptions() };
        Bot = new BotServices(Fixture);
    }

    public HiringFixture Fixture { get; }

    public BotServices Bot { get; }

    public DateTimeOffset Now => Fixture.Time.GetUtcNow();

    /// <summary>
    /// Every message posted so far, in the order it was posted. The scene's own methods note the time as they go;
    /// anything sent another way is stamped with the clock as it reads at the next look.
    /// </summary>
    public IReadOnlyList<Message> Messages
    {
        get
        {
            Collect();
            return [.. _messages];
        }
    }

    /// <summary>
    /// Reminders and escalations only, each as "Thu 12-03 16:00 Ivy Nudge", by time; messages of the same moment by
    /// their text, since the sweep handles what is due at once in no promised order.
    /// </summary>
    public IReadOnlyList<string> Timeline =>
        [.. Messages.Where(m => m.Kind != MessageKind.Other).OrderBy(m => m.At).ThenBy(m => m.ToString(), StringComparer.Ordinal).Select(m => m.ToString())];

    public IReadOnlyList<Message> RemindersTo(Person person) =>
        [.. Messages.Where(m => m.Kind != MessageKind.Other && m.To == FirstName(person))];

    /// <summary>A Berlin wall-clock time written "2026-12-03 16:00".</summary>
    public static DateTimeOffset At(string local)
    {
        var time = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None);
        return new DateTimeOffset(time, Berlin.GetUtcOffset(time));
    }

    /// <summary>The Berlin wall-clock time of <paramref name="at"/>, as "Thu 12-03 16:00".</summary>
    public static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Berlin).ToString("ddd MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string ConversationOf(Person person) => "a:personal-" + FirstName(person).ToLowerInvariant();

    /// <summary>
    /// Everyone has used the bot before, so Teams told it where their chat is and their time zone: Berlin, except
    /// for the hiring manager, who is in <paramref name="managerTimeZone"/> (null: Teams never said).
    /// </summary>
    public async Task EveryoneKnownAsync(string? managerTimeZone = "Europe/Berlin")
    {
        foreach (var person in Everyone)
        {
            await KnowAsync(person, person == Manager ? managerTimeZone : "Europe/Berlin");
        }
    }

    public Task KnowAsync(Person person, string? timeZone) =>
        Fixture.Users.RememberAsync(
            new KnownUser(person.AadObjectId, "29:" + FirstName(person).ToLowerInvariant(), person.Name, TestData.TenantId, TestData.ServiceUrl, TestData.BotId, ConversationOf(person), timeZone, Now),
            TimeSpan.Zero);

    /// <summary>Moves the clock to <paramref name="local"/> without running anything, as when every instance is down.</summary>
    public void JumpTo(string local) => Fixture.Time.SetUtcNow(At(local));

    /// <summary>Creates a loop as the ATS would: <paramref name="interviews"/> as (interviewer, "2026-12-03 13:00", "2026-12-03 14:00") in Berlin time.</summary>
    public Task<LoopPlan> CreateLoopAsync(string candidateName, params (Person Interviewer, string Start, string End)[] interviews) =>
        CreateLoopAsync(candidateName, null, interviews);

    public Task<LoopPlan> CreateLoopAsync(string candidateName, string? externalId, params (Person Interviewer, string Start, string End)[] interviews) =>
        CreateLoopAsync(candidateName, externalId, null, interviews);

    /// <summary>Creates a loop whose requisition chases feedback its own way, as <paramref name="reminders"/> says.</summary>
    public async Task<LoopPlan> CreateLoopAsync(string candidateName, string? externalId, ReminderSettingsRequest? reminders, params (Person Interviewer, string Start, string End)[] interviews)
    {
        var request = new LoopRequest(
            new CandidateRequest(candidateName, externalId),
            TestData.TemplateId,
            [new PersonRequest(Recruiter.AadObjectId, Recruiter.Name)],
            [new PersonRequest(Manager.AadObjectId, Manager.Name)],
            [.. interviews.Select(i => new InterviewRequest(
                new PersonRequest(i.Interviewer.AadObjectId, i.Interviewer.Name),
                TestData.Exercise,
                [.. TestData.Focus],
                At(i.Start),
                At(i.End),
                null))],
            Reminders: reminders);
        var (plan, errors) = await Fixture.Loops.CreateAsync(request);
        Assert.True(plan is not null, "The loop was refused: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        return plan;
    }

    /// <summary>
    /// Runs the sweep every <paramref name="step"/> (15 minutes unless given) until the clock shows
    /// <paramref name="local"/>; <paramref name="sweep"/> replaces the usual single sweep, for races and crashes.
    /// </summary>
    public async Task RunUntilAsync(string local, TimeSpan? step = null, Func<Task>? sweep = null)
    {
        var until = At(local);
        Assert.True(until >= Now, $"The clock is already past {local}.");
        while (Now < until)
        {
            var next = Now + (step ?? TimeSpan.FromMinutes(15));
            Fixture.Time.SetUtcNow(next < until ? next : until);
            await (sweep ?? (() => Fixture.Jobs.SweepAsync(CancellationToken.None)))();
            Collect();
        }
    }

    /// <summary>Clicks a card button as <paramref name="caller"/> and returns the card that replaces the clicked one.</summary>
    /// <summary>The interviewer confirms on the reminder card that the interview did not happen.</summary>
    public Task<JsonObject> MarkNotHeldAsync(Person interviewer, string interviewId, NotHeldReason reason) =>
        ClickAsync(interviewer, ReminderVerbs.NotHeld, new Dictionary<string, object?>
        {
            ["interviewId"] = interviewId,
            [ReminderVerbs.ReasonField] = reason.ToString(),
        });

    public async Task<JsonObject> ClickAsync(Person caller, string verb, object data)
    {
        InvokeResponse? response = null;
        var activity = Activities.CardAction(verb, JsonSerializer.SerializeToElement(data), caller.AadObjectId);
        await Bot.TurnAsync<CardActionHandler>(activity, async (handler, turn) => response = await handler.HandleAsync(turn, CancellationToken.None));
        Collect();
        Assert.NotNull(response);
        var body = Assert.IsType<AdaptiveCardInvokeResponseBody>(response.Body);
        Assert.Equal(AdaptiveCardInvokeResponse.CardType, body.Type);
        return JsonNode.Parse(JsonSerializer.Serialize(body.Value))!.AsObject();
    }

    /// <summary>Clicks the button titled <paramref name="title"/> on <paramref name="card"/>, sending the inputs a person would fill in.</summary>
    public Task<JsonObject> ClickAsync(Person caller, JsonObject card, string title, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var action = CardJson.Action(card, title);
        var data = action["data"]?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in inputs ?? new Dictionary<string, string>())
        {
            data[key] = value;
        }

        return ClickAsync(caller, (string)action["verb"]!, data);
    }

    /// <summary>Types <paramref name="text"/> in <paramref name="caller"/>'s personal chat and returns the card the bot answered with.</summary>
    public async Task<JsonObject> SayAsync(Person caller, string text)
    {
        var activity = Activities.PersonalMessage(text, caller.AadObjectId, "29:" + FirstName(caller).ToLowerInvariant(), ConversationOf(caller));
        var calls = await Bot.TurnAsync<ChatCommands>(activity, (commands, turn) => commands.HandleAsync(turn, text, CancellationToken.None));
        Collect();
        var reply = Assert.Single(calls, c => c.ConversationId == ConversationOf(caller));
        var attachment = Assert.Single(reply.Activity!.Attachments!);
        return JsonNode.Parse(JsonSerializer.Serialize(attachment.Content))!.AsObject();
    }

    /// <summary>
    /// Mentions the bot in a team channel with <paramref name="text"/> as <paramref name="caller"/> and returns the
    /// card the bot answered with in that channel's thread.
    /// </summary>
    public async Task<JsonObject> SayInChannelAsync(Person caller, string text, string channelId = TestData.HiringChannelId)
    {
        var activity = Activities.ChannelMessage(text, caller.AadObjectId, "29:" + FirstName(caller).ToLowerInvariant(), channelId);
        var calls = await Bot.TurnAsync<ChatCommands>(activity, (commands, turn) => commands.HandleAsync(turn, text, CancellationToken.None));
        Collect();
        var reply = Assert.Single(calls, c => c.ConversationId == activity.Conversation!.Id);
        var attachment = Assert.Single(reply.Activity!.Attachments!);
        return JsonNode.Parse(JsonSerializer.Serialize(attachment.Content))!.AsObject();
    }

    /// <summary>Submits a complete scorecard from the interviewer's own card.</summary>
    public async Task SubmitAsync(Person interviewer, string interviewId)
    {
        var card = await ClickAsync(interviewer, ScorecardVerbs.Submit, new Dictionary<string, object?>
        {
            ["interviewId"] = interviewId,
            ["baseVersion"] = 0,
            ["rating.ml-systems-design"] = "4",
            ["evidence.ml-systems-design"] = "Designed feature freshness tiers and a shadow rollout.",
            ["rating.mlops-operations"] = "na",
            ["evidence.mlops-operations"] = string.Empty,
            ["signals"] = "pragmatic-tradeoffs",
            ["recommendation"] = "StrongHire",
            ["privateNote"] = "Private: ask about on-call.",
        });
        Assert.Contains("Scorecard submitted", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    public static Interview InterviewOf(LoopPlan plan, Person interviewer) =>
        plan.Interviews.Single(i => i.Interviewer.Is(interviewer.AadObjectId));

    public void Dispose()
    {
        Bot.Dispose();
        Fixture.Dispose();
    }

    private static string FirstName(Person person) => person.Name.Split(' ')[0];

    private void Collect()
    {
        var calls = Fixture.Connector.Calls;
        for (; _collected < calls.Count; _collected++)
        {
            var call = calls[_collected];
            if (call.Kind is not (ConnectorCallKind.Send or ConnectorCallKind.Reply) || call.Activity?.Attachments is not [var attachment, ..])
            {
                continue;
            }

            var card = JsonNode.Parse(JsonSerializer.Serialize(attachment.Content))!.AsObject();
            var title = CardJson.OfType(card, "TextBlock").Select(t => (string?)t["text"]).FirstOrDefault() ?? string.Empty;
            var isReminder = CardJson.Actions(card).Any(a => (string?)a["verb"] == ReminderVerbs.Snooze);
            var kind = title switch
            {
                "Interview feedback is overdue" => MessageKind.Escalation,
                "How did your interview go?" when isReminder => MessageKind.Nudge,
                "The hiring team is waiting for your feedback" when isReminder => MessageKind.Requested,
                _ when isReminder => MessageKind.Overdue,
                _ => MessageKind.Other,
            };
            var interviewId = isReminder ? (string?)CardJson.Action(card, "Open scorecard")["data"]!["interviewId"] : null;
            var to = Everyone.FirstOrDefault(p => ConversationOf(p) == call.ConversationId) is { } person ? FirstName(person) : call.ConversationId ?? "?";
            _messages.Add(new Message(Now, to, kind, title, interviewId, card));
        }
    }
}
