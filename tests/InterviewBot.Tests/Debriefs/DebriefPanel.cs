using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Conversations;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Reminders;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Debriefs;

/// <summary>A debrief thread the bot started in a channel: where, and the card it opened with.</summary>
internal sealed record PostedThread(string ServiceUrl, ConversationParameters Parameters, JsonObject Card)
{
    public string? ChannelId => (Parameters.ChannelData as TeamsChannelData)?.Channel?.Id;

    public IReadOnlyList<string> Lines => DebriefPanel.Lines(Card);
}

/// <summary>
/// The hiring team of <see cref="ReminderScene"/> around debriefs: loops with the requisition and debrief settings
/// an ATS would send, scorecards with evidence and private notes that say whose they are, and what reached the
/// hiring channel. Everyone has talked to the bot before, so the tenant's Teams service is known.
/// </summary>
internal sealed class DebriefPanel : IDisposable
{
    /// <summary>The day of the interviews; each interviewer's slot is an hour, from 09:00 Berlin time.</summary>
    public const string Day = "2026-12-03";

    public DebriefPanel() => Scene = new ReminderScene();

    public ReminderScene Scene { get; }

    public HiringFixture Fixture => Scene.Fixture;

    /// <summary>Every thread the bot started in a team channel so far.</summary>
    public IReadOnlyList<PostedThread> Threads =>
        [.. Fixture.Connector.Created
            .Where(c => c.Parameters?.IsGroup == true)
            .Select(c => new PostedThread(c.ServiceUrl, c.Parameters!, CardOf(c.Parameters!.Activity!)))];

    /// <summary>Evidence that names its writer, so that it can be looked for wherever it must not be.</summary>
    public static string EvidenceOf(Person interviewer, string dimensionId) => $"{First(interviewer).ToUpperInvariant()}-EVIDENCE on {dimensionId}: walked through a concrete incident.";

    public static string NoteOf(Person interviewer) => $"{First(interviewer).ToUpperInvariant()}-PRIVATE-NOTE: asked about relocation.";

    /// <summary>The lines a person reads: each TextBlock, and each RichTextBlock with its runs joined.</summary>
    public static IReadOnlyList<string> Lines(JsonNode card) =>
        [.. CardJson.Objects(card).SelectMany(o => CardJson.Type(o) switch
        {
            "TextBlock" => [(string?)o["text"] ?? string.Empty],
            "RichTextBlock" => [string.Concat(o["inlines"]!.AsArray().Select(r => (string?)r!["text"]))],
            _ => Array.Empty<string>(),
        })];

    public static string Title(JsonNode card) => Lines(card)[0];

    public static JsonObject CardOf(Activity activity)
    {
        var attachment = Assert.Single(activity.Attachments!);
        return JsonNode.Parse(JsonSerializer.Serialize(attachment.Content))!.AsObject();
    }

    public async Task StartAsync()
    {
        await Scene.EveryoneKnownAsync();
        Scene.JumpTo(Day + " 08:00");
    }

    /// <summary>
    /// Creates a loop with one interview per interviewer, one after another from 09:00, recruited by Riley and
    /// hired for by Morgan, as the REST API would.
    /// </summary>
    public async Task<LoopPlan> CreateLoopAsync(
        string candidateName,
        IReadOnlyList<Person> interviewers,
        string? requisition = null,
        DebriefSettingsRequest? debrief = null,
        HiringChannelRequest? hiringChannel = null)
    {
        var request = new LoopRequest(
            new CandidateRequest(candidateName, null),
            TestData.TemplateId,
            [new PersonRequest(ReminderScene.Recruiter.AadObjectId, ReminderScene.Recruiter.Name)],
            [new PersonRequest(ReminderScene.Manager.AadObjectId, ReminderScene.Manager.Name)],
            [.. interviewers.Select((person, i) => new InterviewRequest(
                new PersonRequest(person.AadObjectId, person.Name),
                TestData.Exercise,
                [.. TestData.Focus],
                ReminderScene.At($"{Day} {9 + i:00}:00"),
                ReminderScene.At($"{Day} {10 + i:00}:00"),
                null))],
            requisition,
            Debrief: debrief,
            HiringChannel: hiringChannel);
        var (plan, errors) = await Fixture.Loops.CreateAsync(request);
        Assert.True(plan is not null, "The loop was refused: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        return plan;
    }

    /// <summary>Every interview of the loop has ended, within working hours; feedback is not due yet.</summary>
    public void AfterTheInterviews() => Scene.JumpTo(Day + " 15:00");

    /// <summary>The recruiter links the hiring channel to the candidate's loop from the channel.</summary>
    public async Task LinkAsync(string candidateName)
    {
        var card = await Scene.SayInChannelAsync(ReminderScene.Recruiter, "link " + candidateName);
        Assert.Equal("Hiring channel linked", Title(card));
    }

    /// <summary>Presses <paramref name="action"/>, a button on a card the bot posted in the hiring channel, and returns the card that replaces it.</summary>
    public async Task<JsonObject> ClickInChannelAsync(Person caller, JsonObject action)
    {
        var activity = Activities.ChannelCardAction((string)action["verb"]!, JsonSerializer.SerializeToElement(action["data"]), caller.AadObjectId);
        InvokeResponse? response = null;
        await Scene.Bot.TurnAsync<CardActionHandler>(activity, async (handler, turn) => response = await handler.HandleAsync(turn, CancellationToken.None));
        var body = Assert.IsType<AdaptiveCardInvokeResponseBody>(response?.Body);
        return JsonNode.Parse(JsonSerializer.Serialize(body.Value))!.AsObject();
    }

    /// <summary>The scorecard's inputs as the card sends them: both focus dimensions scored, evidence naming its writer.</summary>
    public static Dictionary<string, object?> Inputs(Person interviewer, string interviewId, int baseVersion, int score, Recommendation recommendation, string? evidenceSuffix = null)
    {
        var inputs = new Dictionary<string, object?>
        {
            ["interviewId"] = interviewId,
            ["baseVersion"] = baseVersion,
            ["signals"] = "pragmatic-tradeoffs",
            ["recommendation"] = recommendation.ToString(),
            ["privateNote"] = NoteOf(interviewer),
        };
        foreach (var dimension in TestData.Focus)
        {
            inputs["rating." + dimension] = score.ToString(System.Globalization.CultureInfo.InvariantCulture);
            inputs["evidence." + dimension] = EvidenceOf(interviewer, dimension) + evidenceSuffix;
        }

        return inputs;
    }

    /// <summary>Submits the interviewer's scorecard from their card, through the host's own card action handler.</summary>
    public async Task<JsonObject> SubmitAsync(Person interviewer, LoopPlan plan, int score = 4, Recommendation recommendation = Recommendation.Hire, int baseVersion = 0)
    {
        var card = await Scene.ClickAsync(interviewer, ScorecardVerbs.Submit, Inputs(interviewer, ReminderScene.InterviewOf(plan, interviewer).Id, baseVersion, score, recommendation));
        Assert.True(Title(card) == "Scorecard submitted", "The scorecard was not submitted: " + string.Join(" | ", Lines(card)));
        return card;
    }

    public async Task<Scorecard?> StoredScorecardAsync(LoopPlan plan, Person interviewer) =>
        (await Fixture.Store.GetInterviewAsync(ReminderScene.InterviewOf(plan, interviewer).Id))?.Scorecard?.Value;

    public async Task<LoopDebriefState?> DebriefStateAsync(LoopPlan plan) =>
        (await Fixture.Store.GetLoopAsync(plan.Loop.Id))?.Debrief?.Value;

    public void Dispose() => Scene.Dispose();

    private static string First(Person person) => person.Name.Split(' ')[0];
}
