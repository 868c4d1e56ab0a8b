using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.EndToEnd.Tests.Infrastructure;
using InterviewBot.Testing;

namespace InterviewBot.EndToEnd.Tests.Playground;

/// <summary>
/// A line of the Playground's log panel: an activity the Playground sent the bot, or a call the bot made on the
/// Playground's connector, with the answer it got.
/// </summary>
public sealed record PlaygroundLogEntry(string? From, string? ActivityName, string? ConversationId, JsonElement Request, int Status, JsonElement Response)
{
    private const string Bot = "User Application";

    /// <summary>A call the bot made on the Playground's connector, as opposed to an activity sent to the bot.</summary>
    public bool IsFromBot => From == Bot;

    /// <summary>The id the Playground answered with: the message's id, or the conversation's for a new conversation.</summary>
    public string? AnsweredId =>
        Response.ValueKind == JsonValueKind.Object && Response.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    public IReadOnlyList<AdaptiveCardView> Cards =>
        Request.ValueKind == JsonValueKind.Object && Request.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array
            ? [.. attachments.EnumerateArray().Select(AdaptiveCardView.FromAttachment).OfType<AdaptiveCardView>()]
            : [];

    public override string ToString()
    {
        var request = Request.ValueKind == JsonValueKind.Undefined ? string.Empty : Request.GetRawText();
        return $"{(IsFromBot ? "bot →" : "→ bot")} {ActivityName} in {ConversationId ?? "?"} → {Status} {(AnsweredId is null ? string.Empty : "id " + AnsweredId)}: {request[..Math.Min(240, request.Length)]}";
    }
}

/// <summary>
/// The Playground's log panel, read from the WebSocket that feeds it. Its chat pane shows only the signed-in user's
/// conversations; the log shows every call the bot makes, including messages to the other users' own chats.
/// </summary>
public sealed class PlaygroundLog : IAsyncDisposable
{
    private PlaygroundSocket? _socket;

    private PlaygroundLog()
    {
    }

    public EventLog<PlaygroundLogEntry> Entries { get; } = new("The Playground's log");

    /// <summary>Connects to the log; the Playground replays what it logged before anyone was listening.</summary>
    public static async Task<PlaygroundLog> ConnectAsync(Uri address)
    {
        var log = new PlaygroundLog();
        log._socket = await PlaygroundSocket.ConnectAsync(address, "/_ws/log/stream", log.Record);
        return log;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket is not null)
        {
            await _socket.DisposeAsync();
        }
    }

    private void Record(JsonElement root)
    {
        if (!root.TryGetProperty("log", out var log) || String(log, "type") != "bot")
        {
            // Text lines such as "Connected." carry no request.
            return;
        }

        var request = log.TryGetProperty("request", out var r) && r.TryGetProperty("body", out var body) ? body.Clone() : default;
        var response = log.TryGetProperty("response", out var a) ? a : default;
        Entries.Add(new PlaygroundLogEntry(
            String(log, "from"),
            String(log, "activityName"),
            String(log, "conversationId"),
            request,
            response.ValueKind == JsonValueKind.Object && response.TryGetProperty("statusCode", out var status) ? status.GetInt32() : 0,
            response.ValueKind == JsonValueKind.Object && response.TryGetProperty("body", out var answer) ? answer.Clone() : default));
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// The real host on the embedded store, with the Agents Playground started from the repository's
/// <c>.m365agentsplayground.yml</c> as its Teams client: its people, its team and its hiring channel.
/// </summary>
public sealed class PlaygroundTeamFixture : PlaygroundFixture
{
    public PlaygroundLog Log { get; private set; } = null!;

    protected override string ConfigFile => Path.Combine(RepositoryRoot.Find(), PlaygroundWithRepositoryRoles.ConfigFile);

    protected override async Task OnConnectedAsync()
    {
        Log = await PlaygroundLog.ConnectAsync(Server.Address);
        Client.Messages.Context = () => Host.Problems() + Environment.NewLine + Log.Entries.Describe() + Environment.NewLine + PlaygroundOutput();
        Log.Entries.Context = () => Host.Problems() + Environment.NewLine + PlaygroundOutput();
    }

    protected override async Task OnDisconnectingAsync()
    {
        if (Log is not null)
        {
            await Log.DisposeAsync();
        }
    }
}

/// <summary>
/// The debrief through Microsoft's own local Teams client, with the people, team and hiring channel of the
/// repository's Playground configuration: five interviewers of whom two disagree, one raises a red flag and one
/// interview did not happen; the recruiter links the hiring channel and asks for the debrief there. Everything is
/// checked in what the Playground shows: its chat pane for the signed-in interviewer and the channel, its log for the
/// other interviewers' own chats, which the Playground does not show to the signed-in user.
/// </summary>
public sealed class PlaygroundDebriefTests(PlaygroundTeamFixture fixture) : IClassFixture<PlaygroundTeamFixture>
{
    private const string Candidate = "Jordan Lee";
    private const string Tenant = "00000000-0000-0000-0000-000000000001";
    private const string HiringTeam = "19:hiring-team@thread.tacv2";
    private const string HiringChannel = "19:ml-engineer-hiring@thread.tacv2";
    private const string Private = "PRIVATE-NOTE";

    // The people of .m365agentsplayground.yml, in the order of their interviews.
    private static readonly Person Ivy = new("user-ivy", "Ivy Interviewer", "33333333-3333-3333-3333-333333333333", "ml-system-design-case", ["ml-systems-design", "communication"]);
    private static readonly Person Sam = new("user-sam", "Sam Second", "44444444-4444-4444-4444-444444444444", "hands-on-coding", ["mlops-operations", "production-engineering"]);
    private static readonly Person Dana = new("user-dana", "Dana Data", "55555555-5555-5555-5555-555555555555", "data-quality-exercise", ["mlops-operations", "data-engineering-collaboration"]);
    private static readonly Person Morgan = new("user-morgan", "Morgan Manager", "22222222-2222-2222-2222-222222222222", "debugging-scenario", ["leadership", "applied-ml-judgment"]);
    private static readonly Person Casey = new("user-casey", "Casey Coordinator", "66666666-6666-6666-6666-666666666666", "hands-on-coding", ["production-engineering"]);
    private static readonly Person Riley = new("user-riley", "Riley Recruiter", "11111111-1111-1111-1111-111111111111", string.Empty, []);

    private static readonly Person[] Panel = [Ivy, Sam, Dana, Morgan, Casey];

    private PlaygroundClient Playground => fixture.Client;

    private EventLog<PlaygroundLogEntry> Log => fixture.Log.Entries;

    [Fact]
    public async Task Debrief_FiveInterviewersTwoDisagreeingARedFlagAndANoShow_StartsAThreadInTheHiringChannelThatShowsItAll()
    {
        // Arrange: Ivy has the app in her personal chat, the team has it, and everyone else has talked to it in the
        // hiring channel, which is how it learns their Teams ids and can open a chat with them.
        var me = Playground.Me;
        Assert.Equal(Ivy.Id, me.Id);
        await Playground.InstallAsync(me.PersonalChatId);
        await fixture.Host.Inbound.WaitForAsync(a => a.Type == "installationUpdate" && a.ConversationId == me.PersonalChatId, "the personal installation to be handled");
        await Playground.InstallAsync(HiringTeam);
        await fixture.Host.Inbound.WaitForAsync(a => a.Type == "installationUpdate" && a.ConversationId == HiringTeam, "the team installation to be handled");
        foreach (var person in new[] { Riley, Sam, Dana, Morgan, Casey })
        {
            await SayInChannelAsync(person, "help", m => m.Text?.Contains("I'm **InterviewBot**", StringComparison.Ordinal) == true);
        }

        // The loop, as an applicant tracking system creates it: five interviews that ended in the last half hour.
        var interviews = await CreateLoopAsync();

        // Ivy's scorecard arrives in her chat; she submits it from there.
        var ivysCard = await Playground.Messages.WaitForAsync(
            m => m.Action == "createMessage" && m.ConversationId == me.PersonalChatId && m.FromId == me.BotId
                && m.Cards.Any(c => c.ButtonList.Any(b => b.Title == "Submit" && b.DataString("interviewId") == interviews[Ivy])),
            "Ivy's scorecard in her personal chat");
        Assert.True(ivysCard.Card.Shows("Candidate: " + Candidate), ivysCard.Card.ToString());
        AssertSubmitted(await Playground.PressAsync(ivysCard, ivysCard.Card.Press("Submit", Scorecard(Ivy, ("ml-systems-design", "4"), ("communication", "5"), "Hire"))));

        // Sam and Dana disagree on MLOps by three points, Hire against No Hire; Dana raises a red flag.
        await SubmitInOwnChatAsync(Sam, interviews[Sam], Scorecard(Sam, ("mlops-operations", "5"), ("production-engineering", "4"), "Hire"));
        await SubmitInOwnChatAsync(Dana, interviews[Dana], Scorecard(Dana, ("mlops-operations", "2"), ("data-engineering-collaboration", "3"), "NoHire", "ships-without-guardrails"));
        await SubmitInOwnChatAsync(Morgan, interviews[Morgan], Scorecard(Morgan, ("leadership", "4"), ("applied-ml-judgment", "3"), "Hire"));

        // Riley nudges whoever is missing; Casey answers the reminder: the candidate did not show up.
        var logBeforeReminder = Log.Count;
        var nudged = await SayInChannelAsync(Riley, "remind " + Candidate, m => m.Cards.Any(c => c.Shows("Reminded 1 interviewer")));
        Assert.True(nudged.Card.Shows(Casey.Name + ": "), nudged.Card.ToString());
        var reminder = await CardInOwnChatAsync(Casey, "Open scorecard", interviews[Casey], logBeforeReminder, ReminderWait);
        Assert.True(reminder.Card.Shows("The hiring team is waiting for your feedback"), reminder.Card.ToString());
        Assert.True(reminder.Card.Shows("Candidate: " + Candidate), reminder.Card.ToString());
        var didNotHappen = reminder.Card.Json.GetProperty("actions").EnumerateArray()
            .Single(a => a.GetProperty("type").GetString() == "Action.ShowCard" && a.GetProperty("title").GetString() == "The interview didn't happen");
        var why = new AdaptiveCardView(didNotHappen.GetProperty("card"));
        Assert.Contains("NoShow", why.Input("notHeldReason").GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()));
        var recorded = Card(await Playground.PressAsAsync(Casey.Id, reminder.ConversationId, reminder.MessageId, why.Press("Confirm", new Dictionary<string, string> { ["notHeldReason"] = "NoShow" })));
        Assert.True(recorded.Shows("Interview marked as not held"), recorded.ToString());

        // Riley makes this the hiring channel.
        var linked = await SayInChannelAsync(Riley, "link " + Candidate, m => m.Cards.Any(c => c.Shows("Hiring channel linked")));
        Assert.True(linked.Card.Shows("Candidate: " + Candidate), linked.Card.ToString());
        var channelBefore = Playground.Messages.Count;

        // Act
        var reply = await SayInChannelAsync(Riley, "debrief " + Candidate, m => m.Cards.Any(c => c.Shows("Debrief posted")));

        // Assert: one new thread, started by the bot, holding the debrief.
        var threads = Playground.Messages.Snapshot().Skip(channelBefore)
            .Where(m => m.Action == "createMessage" && m.ConversationId == HiringChannel && m.FromId == me.BotId && m.Cards.Any(c => c.Texts.Count > 0 && c.Texts[0] is "Debrief" or "Partial debrief"))
            .ToList();
        var thread = Assert.Single(threads);
        Assert.Equal($"{HiringChannel};messageid={thread.MessageId}", thread.Raw.GetProperty("postConversationId").GetString());
        var debrief = thread.Card;
        Assert.Equal("Debrief", debrief.Texts[0]);
        Assert.True(debrief.Shows("Candidate: " + Candidate), debrief.ToString());
        Assert.True(debrief.Shows("Senior Machine Learning Engineer"), debrief.ToString());

        // Four of four expected: Casey's interview is listed with its reason, not as a missing scorecard.
        Assert.Equal(["4 of 4 submitted"], Part(debrief, "completion").Texts);
        Assert.DoesNotContain(debrief.Texts, t => t.Contains("overdue by", StringComparison.Ordinal) || t.Contains("not due yet", StringComparison.Ordinal) || t.Contains("Still missing", StringComparison.Ordinal));
        Assert.True(debrief.Shows("Interviews that did not happen"), debrief.ToString());
        Assert.Equal(["Casey Coordinator · Hands-on coding exercise · the candidate did not show up"], debrief.Texts.Where(t => t.Contains(Casey.Name, StringComparison.Ordinal)));

        // Who recommended what.
        Assert.Equal(["Hire: 3 · Ivy Interviewer, Sam Second, Morgan Manager"], Part(debrief, "tally.Hire").Texts);
        Assert.Equal(["No Hire: 1 · Dana Data"], Part(debrief, "tally.NoHire").Texts);

        // The disagreement is flagged on MLOps, and only there.
        var mlops = Part(debrief, "dimension.mlops-operations");
        Assert.True(mlops.Shows("MLOps & operations · mean 3.5 · range 2–5"), mlops.ToString());
        Assert.True(mlops.Shows("⚠ Disagreement: scores range from 2 to 5; interviewers recommending Hire and No Hire both scored it"), mlops.ToString());
        Assert.True(mlops.Shows("Sam Second 5/5 — " + Evidence(Sam, "mlops-operations")), mlops.ToString());
        Assert.True(mlops.Shows("Dana Data 2/5 — " + Evidence(Dana, "mlops-operations")), mlops.ToString());
        Assert.Single(debrief.Texts, t => t.StartsWith("⚠ Disagreement", StringComparison.Ordinal));

        // The red flag, with who raised it.
        Assert.True(debrief.Shows("Red flags (1)"), debrief.ToString());
        var flag = Part(debrief, "redflag.ships-without-guardrails");
        Assert.True(flag.Shows("Would ship models without guardrails, validation or rollback"), flag.ToString());
        Assert.True(flag.Shows("Raised by Dana Data · Data quality / feature exercise"), flag.ToString());
        Assert.DoesNotContain(flag.Texts, t => t.Contains(Sam.Name, StringComparison.Ordinal) || t.Contains(Morgan.Name, StringComparison.Ordinal) || t.Contains(Ivy.Name, StringComparison.Ordinal));

        // The chart of the means, and the plain list a client without charts shows instead.
        var chart = Descendants(debrief.Json).Single(e => Type(e) == "Chart.VerticalBar");
        Assert.Equal("means-chart", chart.GetProperty("id").GetString());
        var bars = chart.GetProperty("data").EnumerateArray().ToDictionary(p => p.GetProperty("x").GetString()!, p => p.GetProperty("y").GetDouble());
        Assert.Equal(7, bars.Count);
        Assert.Equal(3.5, bars["MLOps & operations"]);
        Assert.Equal(5.0, bars["Communication"]);
        var fallback = chart.GetProperty("fallback");
        Assert.Equal("means-list", fallback.GetProperty("id").GetString());
        var list = Part(debrief, "means-list");
        Assert.True(list.Shows("MLOps & operations: 3.5"), list.ToString());
        Assert.True(list.Shows("Leadership (Senior IC): 4.0"), list.ToString());

        // Evidence is there; private notes are not, anywhere in the channel.
        foreach (var person in new[] { Ivy, Sam, Dana, Morgan })
        {
            Assert.True(debrief.Shows(Evidence(person, person.Focus[1])), debrief.ToString());
        }

        foreach (var shown in Playground.Messages.Snapshot().Where(m => m.ConversationId == HiringChannel))
        {
            Assert.DoesNotContain(Private, shown.Raw.GetRawText(), StringComparison.Ordinal);
        }

        // Riley's answer links to the thread, as Teams' own "Copy link" does.
        var open = Assert.Single(reply.Card.Json.GetProperty("actions").EnumerateArray(), a => a.GetProperty("type").GetString() == "Action.OpenUrl");
        Assert.Equal("Open the debrief", open.GetProperty("title").GetString());
        var url = open.GetProperty("url").GetString()!;
        Assert.StartsWith($"https://teams.microsoft.com/l/message/{Uri.EscapeDataString(HiringChannel)}/{thread.MessageId}?", url, StringComparison.Ordinal);
        Assert.Contains("tenantId=" + Tenant, url, StringComparison.Ordinal);
        Assert.Contains("parentMessageId=" + thread.MessageId, url, StringComparison.Ordinal);

        // The Playground took every call the bot made.
        Assert.All(Log.Snapshot().Where(e => e.IsFromBot), e => Assert.True(e.Status is >= 200 and < 300, e.ToString()));
    }

    /// <summary>
    /// How long Casey's reminder may take: with working hours of 00:00–23:59 every day it goes out at once, except in
    /// the last minute of a day, when it waits for the next sweep (every minute) after midnight.
    /// </summary>
    private static TimeSpan ReminderWait => TimeSpan.FromMinutes(3);

    private static string Evidence(Person person, string dimension) => $"{person.Name.Split(' ')[0]} on {dimension}: walked through the rollback plan of a model release.";

    /// <summary>What <paramref name="person"/> fills in: a score and evidence for each focus dimension, a recommendation, a private note.</summary>
    private static Dictionary<string, string> Scorecard(Person person, (string Dimension, string Score) first, (string Dimension, string Score) second, string recommendation, string? signal = null)
    {
        var inputs = new Dictionary<string, string>
        {
            ["recommendation"] = recommendation,
            ["privateNote"] = $"{Private} of {person.Name}: ask about relocation.",
        };
        foreach (var (dimension, score) in new[] { first, second })
        {
            inputs["rating." + dimension] = score;
            inputs["evidence." + dimension] = Evidence(person, dimension);
        }

        if (signal is not null)
        {
            inputs["signals"] = signal;
        }

        return inputs;
    }

    private static void AssertSubmitted(JsonElement answer)
    {
        var card = Card(answer);
        Assert.True(card.Shows("Scorecard submitted"), card.ToString());
    }

    private static AdaptiveCardView Card(JsonElement answer)
    {
        Assert.Equal(AdaptiveCardView.ContentType, answer.GetProperty("type").GetString());
        return new AdaptiveCardView(answer.GetProperty("value"));
    }

    /// <summary>The element of <paramref name="card"/> with id <paramref name="id"/>, read as a card of its own.</summary>
    private static AdaptiveCardView Part(AdaptiveCardView card, string id)
    {
        var element = Descendants(card.Json).Single(e => e.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() == id);
        var alone = new JsonObject { ["type"] = "AdaptiveCard", ["body"] = new JsonArray(JsonNode.Parse(element.GetRawText())) };
        return new AdaptiveCardView(JsonSerializer.SerializeToElement(alone));
    }

    private static IEnumerable<JsonElement> Descendants(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            yield return element;
            foreach (var property in element.EnumerateObject())
            {
                foreach (var inner in Descendants(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in Descendants(item))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string? Type(JsonElement element) =>
        element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    /// <summary>Creates the loop through the REST API; returns each panelist's interview id.</summary>
    private async Task<IReadOnlyDictionary<Person, string>> CreateLoopAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var request = new JsonObject
        {
            ["candidate"] = new JsonObject { ["name"] = Candidate, ["externalId"] = "ats-" + Guid.NewGuid().ToString("N")[..8] },
            ["template"] = "senior-ml-engineer",
            ["recruiters"] = new JsonArray(new JsonObject { ["aadObjectId"] = Riley.AadObjectId, ["name"] = Riley.Name }),
            ["hiringManagers"] = new JsonArray(new JsonObject { ["aadObjectId"] = Morgan.AadObjectId, ["name"] = Morgan.Name }),
            // Reminders may go out at any hour, so that Casey's comes straight away whenever the test runs.
            ["reminders"] = new JsonObject
            {
                ["workingHours"] = new JsonObject
                {
                    ["start"] = "00:00",
                    ["end"] = "23:59",
                    ["days"] = new JsonArray([.. Enum.GetNames<DayOfWeek>().Select(d => (JsonNode)d)]),
                },
            },
            ["interviews"] = new JsonArray([.. Panel.Select((person, i) => (JsonNode)new JsonObject
            {
                ["interviewer"] = new JsonObject { ["aadObjectId"] = person.AadObjectId, ["name"] = person.Name },
                ["exercise"] = person.Exercise,
                ["focus"] = new JsonArray([.. person.Focus.Select(f => (JsonNode)f)]),
                ["start"] = now.AddMinutes(-75 + (5 * i)).ToString("O", CultureInfo.InvariantCulture),
                ["end"] = now.AddMinutes(-30 + (5 * i)).ToString("O", CultureInfo.InvariantCulture),
            })]),
        };
        using var response = await fixture.Host.Http.PostAsJsonAsync("api/v1/loops", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/v1/loops answered {(int)response.StatusCode}: {body}");
        var created = JsonDocument.Parse(body).RootElement.GetProperty("interviews").EnumerateArray()
            .ToDictionary(i => i.GetProperty("interviewerAadObjectId").GetString()!, i => i.GetProperty("interviewId").GetString()!);
        return Panel.ToDictionary(p => p, p => created[p.AadObjectId]);
    }

    /// <summary>
    /// Mentions the bot in the hiring channel as <paramref name="person"/> and returns the bot's answer there. The
    /// Playground shows a post the bot makes in answer to an activity it did not create as a new post in the channel.
    /// </summary>
    private async Task<PlaygroundMessage> SayInChannelAsync(Person person, string text, Func<PlaygroundMessage, bool> answer)
    {
        var before = Playground.Messages.Count;
        await Playground.SayInChannelAsAsync(person.Id, HiringChannel, text);
        return await Playground.Messages.WaitForAsync(
            m => m.Action == "createMessage" && m.ConversationId == HiringChannel && m.FromId == Playground.Me.BotId && answer(m),
            $"the answer to {person.Name}'s '{text}' in the hiring channel",
            before);
    }

    /// <summary>
    /// Waits for the scorecard to reach <paramref name="person"/>'s own chat, then submits it there as them. The
    /// delivery is a line of text with the card, which the Playground splits into two posts and answers without an
    /// id (Teams posts one message and answers with its id), so the card cannot be pressed where it arrived; the
    /// list that <c>scorecards</c> sends to the same chat is a card alone, which the Playground does name. Opening
    /// the scorecard from that list turns the list into the form, and the form is submitted.
    /// </summary>
    private async Task SubmitInOwnChatAsync(Person person, string interviewId, IReadOnlyDictionary<string, string> inputs)
    {
        var delivered = await Log.WaitForAsync(
            e => e.IsFromBot && e.ActivityName == "message" && e.Status is >= 200 and < 300
                && e.Cards.Any(c => c.ButtonList.Any(b => b.Title == "Submit" && b.DataString("interviewId") == interviewId)),
            $"{person.Name}'s scorecard to be delivered");
        Assert.True(delivered.Cards.Single().Shows("Candidate: " + Candidate), delivered.ToString());

        var before = Log.Count;
        await SayInChannelAsync(person, "scorecards", m => m.Text?.Contains("I've sent your interviews to our personal chat", StringComparison.Ordinal) == true);
        var list = await CardInOwnChatAsync(person, "Open scorecard", interviewId, before);
        Assert.True(list.Card.Shows("Your scorecards"), list.Card.ToString());
        var form = Card(await Playground.PressAsAsync(person.Id, list.ConversationId, list.MessageId, list.Card.Press("Open scorecard")));
        Assert.True(form.Shows("Candidate: " + Candidate), form.ToString());
        AssertSubmitted(await Playground.PressAsAsync(person.Id, list.ConversationId, list.MessageId, form.Press("Submit", inputs)));
    }

    /// <summary>
    /// The card with a <paramref name="button"/> for <paramref name="interviewId"/> that the bot posted in
    /// <paramref name="person"/>'s own chat, found in the Playground's log: the chat the bot opened with them, and the
    /// message it posted there.
    /// </summary>
    private async Task<PostedCard> CardInOwnChatAsync(Person person, string button, string interviewId, int from = 0, TimeSpan? timeout = null)
    {
        var chat = await Log.WaitForAsync(
            e => e.IsFromBot && e.ActivityName == "createConversation" && e.AnsweredId is not null
                && e.Request.GetProperty("members").EnumerateArray().Single().GetProperty("id").GetString() == person.Id,
            $"the bot to open a chat with {person.Name}");
        var post = await Log.WaitForAsync(
            e => e.IsFromBot && e.ActivityName == "message" && e.AnsweredId is not null
                && e.Cards.Any(c => c.ButtonList.Any(b => b.Title == button && b.DataString("interviewId") == interviewId)),
            $"the card with '{button}' in {person.Name}'s chat",
            from,
            timeout);
        return new PostedCard(chat.AnsweredId!, post.AnsweredId!, post.Cards.Single(c => c.ButtonList.Any(b => b.Title == button)));
    }

    /// <summary>One of the Playground's people, with the interview they hold in the loop.</summary>
    private sealed record Person(string Id, string Name, string AadObjectId, string Exercise, string[] Focus);

    /// <summary>A card the bot posted: the conversation, the message id the Playground gave it, and the card.</summary>
    private sealed record PostedCard(string ConversationId, string MessageId, AdaptiveCardView Card);
}
