using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Domain.Scorecards;
using InterviewBot.EndToEnd.Tests.Infrastructure;

namespace InterviewBot.EndToEnd.Tests.Story;

/// <summary>
/// An interviewer's story with InterviewBot, told through the real host over HTTP: install, the demo, the scorecard
/// card, saving, submitting, repeats, intruders, and the REST API. Each store runs the same facts.
/// </summary>
public abstract class ScorecardStoryTests(StoryFixture fixture)
{
    protected const string SampleCandidate = "Jordan Lee (sample)";
    protected const string SystemsEvidence = "Sketched a feature store with point-in-time joins, online serving behind a cache, and a shadow rollout with automatic rollback.";
    protected const string LeadershipEvidence = "Described mentoring two engineers through their first on-call rotation and writing the team's model release checklist.";
    protected const string MlopsEvidence = "Could not say how drift would be detected; monitoring stopped at CPU and latency dashboards.";
    protected const string PrivateNote = "Asked twice about relocation support; worth raising with the recruiter.";

    // The host's source-generated log events that mark what no user can see happen: a write, a delivery, a dead end.
    protected const int ScorecardStoredEvent = 2002;
    protected const int DeliveredEvent = 3101;
    protected const int NoRouteEvent = 3103;
    protected const int UnreachableEvent = 3104;

    protected static readonly string[] Focus = ["ml-systems-design", "mlops-operations", "communication", "leadership"];

    // Each test gets its own tenant so that "the most recently seen tenant" is always this test's.
    private readonly string _tenantId = Guid.NewGuid().ToString();

    protected BotEnvironment Bot => fixture.Bot;

    /// <summary>A scorecard with two problems: a rated dimension without evidence, and no recommendation.</summary>
    protected static Dictionary<string, string> Incomplete => new()
    {
        ["rating.ml-systems-design"] = "4",
        ["evidence.ml-systems-design"] = SystemsEvidence,
        ["rating.mlops-operations"] = "2",
        ["rating.communication"] = ScorecardFields.NotAssessedValue,
        ["rating.leadership"] = "3",
        ["evidence.leadership"] = LeadershipEvidence,
        ["signals"] = "monitoring-by-default,pragmatic-tradeoffs",
        ["privateNote"] = PrivateNote,
    };

    /// <summary>What completes <see cref="Incomplete"/>.</summary>
    protected static Dictionary<string, string> Fixes => new()
    {
        ["evidence.mlops-operations"] = MlopsEvidence,
        ["recommendation"] = nameof(Recommendation.Hire),
    };

    protected static Dictionary<string, string> Complete => Incomplete.Concat(Fixes).ToDictionary();

    [Fact]
    public async Task Install_ConversationUpdateThenInstallationUpdate_WelcomesExactlyOnce()
    {
        // Arrange
        var user = NewUser("Megan Bowen");

        // Act
        await Bot.Teams.InstallAsync(user);

        // Assert: both activities have been answered, and the bot posts inside the turn, so everything is in.
        var welcome = Assert.Single(Bot.Connector.MessagesIn(user.PersonalConversationId));
        Assert.Equal(ConnectorRequest.SendToConversation, welcome.Operation);
        Assert.Contains("I'm **InterviewBot**", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("- **demo**", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("- **scorecards**", welcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_RedeliveredByTeams_StillWelcomesOnce()
    {
        // Arrange
        var user = NewUser("Megan Bowen");
        await Bot.Teams.InstallAsync(user);

        // Act
        await Bot.Teams.InstallAsync(user);

        // Assert
        Assert.Single(Bot.Connector.MessagesIn(user.PersonalConversationId));
    }

    [Fact]
    public async Task Demo_InPersonalChat_ConfirmsAndDeliversTheScorecardCard()
    {
        // Arrange
        var user = await InstalledUserAsync("Megan Bowen");
        var before = Bot.Connector.Requests.Count;

        // Act
        await Bot.Teams.SayAsync(user, "demo");

        // Assert
        // The card may overtake the reply: the delivery job is queued before the reply is posted.
        var reply = await Bot.Connector.WaitForMessageAsync(user.PersonalConversationId, r => r.Text?.Contains("I created a sample loop", StringComparison.Ordinal) == true, "the reply to demo", before);
        Assert.Contains(SampleCandidate, reply.Text, StringComparison.Ordinal);

        var delivered = await DeliveredCardAsync(user, SampleCandidate);
        Assert.Equal(ConnectorRequest.SendToConversation, delivered.Operation);
        Assert.Contains("Your interview has ended", delivered.Text, StringComparison.Ordinal);
        var card = delivered.Card;
        Assert.True(card.Shows("Candidate: " + SampleCandidate), card.ToString());
        Assert.True(card.Shows("Role: Senior Machine Learning Engineer"), card.ToString());
        Assert.True(card.Shows("Exercise: ML system design case"), card.ToString());
        foreach (var dimension in Focus)
        {
            var rating = card.Input("rating." + dimension);
            Assert.Equal("Input.ChoiceSet", rating.GetProperty("type").GetString());
            var choices = rating.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()).ToList();
            Assert.Equal(["5", "4", "3", "2", "1", ScorecardFields.NotAssessedValue], choices);
            Assert.Equal("Input.Text", card.Input("evidence." + dimension).GetProperty("type").GetString());
        }

        Assert.DoesNotContain("rating.production-engineering", card.InputIds);
        Assert.True(card.Input("signals").GetProperty("isMultiSelect").GetBoolean());
        Assert.Equal(4, card.Input("recommendation").GetProperty("choices").GetArrayLength());
        Assert.Contains("privateNote", card.InputIds);
        var save = card.Button("Save draft");
        var submit = card.Button("Submit");
        Assert.Equal("scorecard.save", save.Verb);
        Assert.Equal("scorecard.submit", submit.Verb);
        Assert.False(string.IsNullOrEmpty(submit.DataString("interviewId")));
        Assert.Equal("0", submit.DataString("baseVersion"));
        Assert.DoesNotContain(Bot.Connector.Requests.Snapshot(), r => r.Operation == ConnectorRequest.CreateConversation && Mentions(r, user.AadObjectId));
    }

    [Fact]
    public async Task Scorecards_AfterDemo_ListsTheSampleInterviewAndOpensItsScorecard()
    {
        // Arrange
        var (user, delivered) = await DemoAsync("Megan Bowen");
        var before = Bot.Connector.Requests.Count;

        // Act
        await Bot.Teams.SayAsync(user, "scorecards");

        // Assert
        var listed = await Bot.Connector.WaitForMessageAsync(user.PersonalConversationId, r => r.Cards.Any(c => c.Shows("Your scorecards")), "the list of scorecards", before);
        var list = listed.Card;
        Assert.True(list.Shows("1 to do, 0 submitted."), list.ToString());
        Assert.True(list.Shows("Candidate: " + SampleCandidate), list.ToString());
        Assert.True(list.Shows("Status: Not started"), list.ToString());
        var open = list.Button("Open scorecard");
        Assert.Equal(delivered.Card.Button("Submit").DataString("interviewId"), open.DataString("interviewId"));

        var opened = (await Bot.Teams.InvokeAsync(user, list.Press("Open scorecard"), listed.ActivityId!)).Card;
        Assert.True(opened.Shows("Candidate: " + SampleCandidate), opened.ToString());
        Assert.Equal("Submit", opened.Button("Submit").Title);
    }

    [Fact]
    public async Task SaveDraft_SomeInputsTyped_AnswersWithTheCardShowingDraftSavedAndTheTypedValues()
    {
        // Arrange
        var (user, delivered) = await DemoAsync("Megan Bowen");
        var typed = new Dictionary<string, string>
        {
            ["rating.ml-systems-design"] = "4",
            ["evidence.ml-systems-design"] = SystemsEvidence,
            ["rating.communication"] = "3",
            ["signals"] = "monitoring-by-default,pragmatic-tradeoffs",
        };

        // Act
        var answer = await Bot.Teams.InvokeAsync(user, delivered.Card.Press("Save draft", typed), delivered.ActivityId!);

        // Assert
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(["statusCode", "type", "value"], answer.Body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var card = answer.Card;
        Assert.True(card.Shows("Draft saved"), card.ToString());
        Assert.Empty(card.Errors);
        foreach (var (input, value) in typed)
        {
            Assert.Equal(value, card.ValueOf(input));
        }

        Assert.Null(card.ValueOf("rating.leadership"));
        Assert.Equal("1", card.Button("Submit").DataString("baseVersion"));
        var stored = await Bot.StoredScorecardAsync(card.Button("Submit").DataString("interviewId")!);
        Assert.Equal(ScorecardStatus.Draft, stored?.Status);
    }

    [Fact]
    public async Task Submit_MissingEvidenceAndRecommendation_ShowsErrorsNextToTheFieldsAndKeepsEveryTypedValue()
    {
        // Arrange
        var (user, delivered) = await DemoAsync("Megan Bowen");

        // Act
        var card = (await Bot.Teams.InvokeAsync(user, delivered.Card.Press("Submit", Incomplete), delivered.ActivityId!)).Card;

        // Assert
        Assert.True(card.Shows("2 things need fixing before you submit"), card.ToString());
        Assert.Equal(["Write the evidence behind your MLOps & operations score: what the candidate said or did."], card.ErrorsNextTo("evidence.mlops-operations"));
        Assert.Equal(["Choose an overall recommendation."], card.ErrorsNextTo("recommendation"));
        Assert.Equal(2, card.Errors.Count);
        foreach (var (input, value) in Incomplete)
        {
            Assert.Equal(value, card.ValueOf(input));
        }

        Assert.Equal("Submit", card.Button("Submit").Title);
        Assert.Null(await Bot.StoredScorecardAsync(card.Button("Submit").DataString("interviewId")!));
    }

    [Fact]
    public async Task Submit_AfterFixingTheErrors_ShowsTheReadOnlyViewWithEditAndTheLoopReportsItSubmitted()
    {
        // Arrange
        var (user, loop, delivered) = await ApiLoopAsync("Megan Bowen", "Casey Kim");
        var rejected = (await Bot.Teams.InvokeAsync(user, delivered.Card.Press("Submit", Incomplete), delivered.ActivityId!)).Card;

        // Act: the interviewer only adds what was missing; everything else is still on the card.
        var card = (await Bot.Teams.InvokeAsync(user, rejected.Press("Submit", Fixes), delivered.ActivityId!)).Card;

        // Assert
        Assert.True(card.Shows("Scorecard submitted"), card.ToString());
        Assert.True(card.Shows("Thank you."), card.ToString());
        Assert.Empty(card.InputIds);
        Assert.Equal(["Edit"], card.ButtonList.Select(b => b.Title));
        Assert.Equal("scorecard.edit", card.Button("Edit").Verb);
        foreach (var evidence in new[] { SystemsEvidence, MlopsEvidence, LeadershipEvidence, PrivateNote })
        {
            Assert.True(card.Shows(evidence), $"The submitted view does not show '{evidence}': {card}");
        }

        Assert.True(card.Shows("Not assessed"), card.ToString());
        Assert.True(card.Shows("Recommendation: Hire"), card.ToString());

        var report = await Bot.Loops.GetAsync(loop.LoopId);
        Assert.Equal("Submitted", report.ScorecardStatus(loop.InterviewId));
        Assert.NotNull(report.SubmittedAt(loop.InterviewId));
        var stored = await Bot.StoredScorecardAsync(loop.InterviewId);
        Assert.Equal(ScorecardStatus.Submitted, stored?.Status);
        Assert.Equal(Recommendation.Hire, stored?.Recommendation);
    }

    [Fact]
    public async Task Submit_DeliveredAgainSequentiallyAndConcurrently_StoresOnce()
    {
        // Arrange
        var (user, loop, delivered) = await ApiLoopAsync("Megan Bowen", "Casey Kim");
        var submit = delivered.Card.Press("Submit", Complete);
        var first = (await Bot.Teams.InvokeAsync(user, submit, delivered.ActivityId!)).Card;
        var stored = await Bot.StoredScorecardAsync(loop.InterviewId);
        var submittedAt = (await Bot.Loops.GetAsync(loop.LoopId)).SubmittedAt(loop.InterviewId);

        // Act
        var again = (await Bot.Teams.InvokeAsync(user, submit, delivered.ActivityId!)).Card;
        var parallel = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Bot.Teams.InvokeAsync(user, submit, delivered.ActivityId!)));

        // Assert
        foreach (var card in parallel.Select(a => a.Card).Prepend(again))
        {
            Assert.True(card.Shows("Scorecard submitted"), card.ToString());
            Assert.Equal(first.Button("Edit").DataString("baseVersion"), card.Button("Edit").DataString("baseVersion"));
        }

        Assert.Equal(1, Writes(loop.InterviewId));
        var after = await Bot.StoredScorecardAsync(loop.InterviewId);
        Assert.Equal(stored?.Version, after?.Version);
        Assert.Equal(stored?.UpdatedAt, after?.UpdatedAt);
        var report = await Bot.Loops.GetAsync(loop.LoopId);
        var interview = Assert.Single(report.Root.GetProperty("interviews").EnumerateArray());
        Assert.Equal("Submitted", interview.GetProperty("scorecard").GetProperty("status").GetString());
        Assert.Equal(submittedAt, report.SubmittedAt(loop.InterviewId));
    }

    [Fact]
    public async Task Submit_FiveConcurrentFirstDeliveries_StoresOneSubmission()
    {
        // Arrange
        var (user, loop, delivered) = await ApiLoopAsync("Megan Bowen", "Casey Kim");
        var submit = delivered.Card.Press("Submit", Complete);

        // Act
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Bot.Teams.InvokeAsync(user, submit, delivered.ActivityId!)));

        // Assert
        foreach (var answer in answers)
        {
            var card = answer.Card;
            Assert.True(card.Shows("Scorecard submitted"), $"{card}{Environment.NewLine}{Bot.Problems()}");
            Assert.Equal("1", card.Button("Edit").DataString("baseVersion"));
        }

        Assert.Equal(1, Writes(loop.InterviewId));
        var stored = await Bot.StoredScorecardAsync(loop.InterviewId);
        Assert.Equal(ScorecardStatus.Submitted, stored?.Status);
        Assert.Equal(1, stored?.Version);
    }

    [Fact]
    public async Task Edit_OnTheSubmittedView_ShowsTheFormWithWhatWasSubmitted()
    {
        // Arrange
        var (user, loop, delivered) = await ApiLoopAsync("Megan Bowen", "Casey Kim");
        var submitted = (await Bot.Teams.InvokeAsync(user, delivered.Card.Press("Submit", Complete), delivered.ActivityId!)).Card;

        // Act
        var card = (await Bot.Teams.InvokeAsync(user, submitted.Press("Edit"), delivered.ActivityId!)).Card;

        // Assert
        Assert.True(card.Shows("Edit your scorecard"), card.ToString());
        foreach (var (input, value) in Complete)
        {
            Assert.Equal(value, card.ValueOf(input));
        }

        Assert.Equal(["Submit changes"], card.ButtonList.Select(b => b.Title));
        Assert.Equal("Submitted", (await Bot.Loops.GetAsync(loop.LoopId)).ScorecardStatus(loop.InterviewId));
    }

    [Fact]
    public async Task SubmitSaveOrOpen_ByAnotherUser_IsRefusedAndChangesNothing()
    {
        // Arrange
        var (user, loop, delivered) = await ApiLoopAsync("Megan Bowen", "Casey Kim");
        var submitted = (await Bot.Teams.InvokeAsync(user, delivered.Card.Press("Submit", Complete), delivered.ActivityId!)).Card;
        var stored = await Bot.StoredScorecardAsync(loop.InterviewId);
        // The card reaches the chat before its delivery is recorded; the report is compared only once that is done.
        await Bot.Host.Log.WaitForAsync(e => e.Is(DeliveredEvent, "InterviewId", loop.InterviewId), "the delivery to be recorded");
        var reportBefore = await Bot.Loops.GetAsync(loop.LoopId);
        var intruder = await InstalledUserAsync("Adele Vance");
        var forged = new Dictionary<string, string>
        {
            ["rating.ml-systems-design"] = "1",
            ["evidence.ml-systems-design"] = "Forged by someone else.",
            ["recommendation"] = nameof(Recommendation.StrongNoHire),
        };

        // Act: the intruder replays the interviewer's buttons with their own identity.
        var answers = new[]
        {
            await Bot.Teams.InvokeAsync(intruder, delivered.Card.Press("Submit", forged), delivered.ActivityId!),
            await Bot.Teams.InvokeAsync(intruder, delivered.Card.Press("Save draft", forged), delivered.ActivityId!),
            await Bot.Teams.InvokeAsync(intruder, Open(loop.InterviewId), delivered.ActivityId!),
            await Bot.Teams.InvokeAsync(intruder, submitted.Press("Edit"), delivered.ActivityId!),
        };

        // Assert
        foreach (var answer in answers)
        {
            var card = answer.Card;
            Assert.True(card.Shows("This scorecard is not yours"), card.ToString());
            Assert.True(card.Shows("nothing was changed"), card.ToString());
            Assert.Empty(card.InputIds);
            Assert.False(card.Shows(SystemsEvidence), "The refusal shows the interviewer's evidence.");
        }

        var after = await Bot.StoredScorecardAsync(loop.InterviewId);
        Assert.Equal(stored?.Version, after?.Version);
        Assert.Equal(Recommendation.Hire, after?.Recommendation);
        Assert.Equal(SystemsEvidence, after?.RatingFor("ml-systems-design").Evidence);
        Assert.Equal(reportBefore.Json, (await Bot.Loops.GetAsync(loop.LoopId)).Json);
    }

    [Fact]
    public async Task CreateLoop_NeverSeenInterviewerOnceAColleagueIsKnown_DeliversThroughANewPersonalChat()
    {
        // Arrange
        var colleague = await InstalledUserAsync("Patti Fernandez");
        var interviewerId = Guid.NewGuid().ToString();
        var before = Bot.Connector.Requests.Count;

        // Act
        var loop = await Bot.Loops.CreateEndedInterviewAsync("Casey Kim", interviewerId, "Isaiah Langer", colleague.AadObjectId);

        // Assert
        var created = await Bot.Connector.Requests.WaitForAsync(r => r.Operation == ConnectorRequest.CreateConversation && Mentions(r, interviewerId), "a personal chat created for the interviewer", before);
        var parameters = created.Body;
        Assert.False(parameters.GetProperty("isGroup").GetBoolean());
        var member = Assert.Single(parameters.GetProperty("members").EnumerateArray());
        Assert.Equal(interviewerId, member.GetProperty("aadObjectId").GetString());
        Assert.Equal(colleague.TenantId, parameters.GetProperty("tenantId").GetString());
        Assert.Equal(colleague.TenantId, parameters.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal(Bot.Teams.BotId, parameters.GetProperty("bot").GetProperty("id").GetString());

        var delivered = await Bot.Connector.WaitForMessageAsync(created.ConversationId, r => r.Cards.Any(c => c.Shows("Candidate: Casey Kim")), "the scorecard card in the new chat");
        Assert.Equal(loop.InterviewId, delivered.Card.Button("Submit").DataString("interviewId"));
        Assert.DoesNotContain(Bot.Connector.MessagesIn(colleague.PersonalConversationId), r => r.Cards.Count > 0);

        await Bot.Host.Log.WaitForAsync(e => e.Is(DeliveredEvent, "InterviewId", loop.InterviewId), "the delivery to be recorded");
        Assert.Equal("Delivered", (await Bot.Loops.GetAsync(loop.LoopId)).DeliveryStatus(loop.InterviewId));
    }

    [Fact]
    public async Task CreateLoop_ColleagueFirstSeenAfterADeliveryFoundNoRoute_DeliversWithoutWaitingForTheRetry()
    {
        // Arrange: a bot nobody has talked to yet, so the first attempt cannot reach anyone.
        await using var bot = await fixture.StartFreshBotAsync();
        var interviewerId = Guid.NewGuid().ToString();
        var loop = await bot.Loops.CreateEndedInterviewAsync("Casey Kim", interviewerId, "Isaiah Langer", Guid.NewGuid().ToString());
        await bot.Host.Log.WaitForAsync(e => e.Is(NoRouteEvent, "InterviewId", loop.InterviewId), "the first delivery attempt to find no route");
        Assert.Equal("Pending", (await bot.Loops.GetAsync(loop.LoopId)).DeliveryStatus(loop.InterviewId));
        var colleague = TeamsUser.Create("Patti Fernandez", _tenantId);

        // Act
        await bot.Teams.InstallAsync(colleague);

        // Assert: the delivery's own error promises the card "once the interviewer or a colleague in their tenant has
        // talked to InterviewBot"; waiting for the backed-off retry instead leaves the interviewer without it for
        // minutes, or up to an hour after several failed attempts.
        var created = await bot.Connector.Requests.WaitForAsync(r => r.Operation == ConnectorRequest.CreateConversation && Mentions(r, interviewerId), "a personal chat created for the interviewer once a colleague is known");
        await bot.Connector.WaitForMessageAsync(created.ConversationId, r => r.Cards.Any(c => c.Shows("Candidate: Casey Kim")), "the scorecard card in the new chat");
    }

    [Fact]
    public async Task CreateLoop_InterviewerRemovedTheApp_ReportsTheDeliveryUnreachableAndTellsTheRecruiter()
    {
        // Arrange
        var recruiter = await InstalledUserAsync("Riley Recruiter");
        var interviewer = await InstalledUserAsync("Isaiah Langer");
        Bot.Connector.Refuse(interviewer.PersonalConversationId, (int)HttpStatusCode.Forbidden, "BotNotInConversationRoster");

        // Act
        var loop = await Bot.Loops.CreateEndedInterviewAsync("Casey Kim", interviewer.AadObjectId, interviewer.Name, recruiter.AadObjectId);

        // Assert: the notice goes out after the state is stored, so the report already shows it.
        var notice = await Bot.Connector.WaitForMessageAsync(recruiter.PersonalConversationId, r => r.Cards.Any(c => c.Shows("An interviewer cannot be reached")), "the notice in the recruiter's chat");
        Assert.True(notice.Card.Shows("Isaiah Langer"), notice.Card.ToString());
        Assert.True(notice.Card.Shows("Casey Kim"), notice.Card.ToString());
        Assert.Contains(Bot.Host.Log.Snapshot(), e => e.Is(UnreachableEvent, "InterviewId", loop.InterviewId));
        var delivery = (await Bot.Loops.GetAsync(loop.LoopId)).Interview(loop.InterviewId).GetProperty("delivery");
        Assert.Equal("Unreachable", delivery.GetProperty("status").GetString());
        Assert.Contains("cannot write to this interviewer", delivery.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Single(Bot.Connector.Requests.Snapshot(), r => r.ConversationId == interviewer.PersonalConversationId && r.Status == (int)HttpStatusCode.Forbidden);
        Assert.DoesNotContain(Bot.Connector.MessagesIn(interviewer.PersonalConversationId), r => r.Cards.Any(c => c.Shows("Candidate: Casey Kim")));
    }

    [Fact]
    public async Task GetLoop_AfterSubmit_ReportsProgressButNoRatingsEvidenceOrNotes()
    {
        // Arrange
        var (user, loop, delivered) = await ApiLoopAsync("Megan Bowen", "Casey Kim");
        await Bot.Teams.InvokeAsync(user, delivered.Card.Press("Submit", Complete), delivered.ActivityId!);

        // Act
        var report = await Bot.Loops.GetAsync(loop.LoopId);

        // Assert
        Assert.Equal("Submitted", report.ScorecardStatus(loop.InterviewId));
        foreach (var typed in Complete.Values.Where(v => v.Length > 3))
        {
            Assert.DoesNotContain(typed, report.Json, StringComparison.Ordinal);
        }

        var names = PropertyNames(report.Root).ToList();
        foreach (var secret in new[] { "ratings", "rating", "score", "evidence", "privateNote", "note", "recommendation", "signals" })
        {
            Assert.DoesNotContain(names, n => string.Equals(n, secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>How many times the host wrote the interview's scorecard, as its log reports every write.</summary>
    protected int Writes(string interviewId) =>
        Bot.Host.Log.Snapshot().Count(e => e.Is(ScorecardStoredEvent, "InterviewId", interviewId));

    protected TeamsUser NewUser(string name) => TeamsUser.Create(name, _tenantId);

    protected async Task<TeamsUser> InstalledUserAsync(string name)
    {
        var user = NewUser(name);
        await Bot.Teams.InstallAsync(user);
        return user;
    }

    /// <summary>Installs the app for a new user and runs <c>demo</c>; returns the delivered scorecard message.</summary>
    protected async Task<(TeamsUser User, ConnectorRequest Delivered)> DemoAsync(string name)
    {
        var user = await InstalledUserAsync(name);
        await Bot.Teams.SayAsync(user, "demo");
        return (user, await DeliveredCardAsync(user, SampleCandidate));
    }

    /// <summary>A new, installed user with a loop created through the REST API whose interview has just ended.</summary>
    protected async Task<(TeamsUser User, CreatedLoop Loop, ConnectorRequest Delivered)> ApiLoopAsync(string name, string candidate)
    {
        var user = await InstalledUserAsync(name);
        var loop = await Bot.Loops.CreateEndedInterviewAsync(candidate, user.AadObjectId, user.Name, Guid.NewGuid().ToString());
        var delivered = await DeliveredCardAsync(user, candidate);
        Assert.Equal(loop.InterviewId, delivered.Card.Button("Submit").DataString("interviewId"));
        return (user, loop, delivered);
    }

    protected Task<ConnectorRequest> DeliveredCardAsync(TeamsUser user, string candidate) =>
        Bot.Connector.WaitForMessageAsync(
            user.PersonalConversationId,
            r => r.Cards.Any(c => c.Shows("Candidate: " + candidate) && c.ButtonList.Any(b => b.Title == "Submit")),
            $"the scorecard card for {candidate} in {user.Name}'s personal chat");

    private static JsonObject Open(string interviewId) => new()
    {
        ["type"] = "Action.Execute",
        ["title"] = "Open scorecard",
        ["verb"] = "scorecard.open",
        ["data"] = new JsonObject { ["interviewId"] = interviewId, ["baseVersion"] = 0 },
    };

    private static bool Mentions(ConnectorRequest request, string aadObjectId) =>
        request.Body.TryGetProperty("members", out var members)
        && members.EnumerateArray().Any(m => m.TryGetProperty("aadObjectId", out var id) && id.GetString() == aadObjectId);

    private static IEnumerable<string> PropertyNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => PropertyNames(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(PropertyNames),
        _ => [],
    };
}

/// <summary>The story on the embedded store.</summary>
public sealed class EmbeddedStoreScorecardStoryTests(EmbeddedStoreFixture fixture) : ScorecardStoryTests(fixture), IClassFixture<EmbeddedStoreFixture>;

/// <summary>The story on Azure Table Storage, against a real Azurite.</summary>
public sealed class AzuriteScorecardStoryTests(AzuriteStoreFixture fixture) : ScorecardStoryTests(fixture), IClassFixture<AzuriteStoreFixture>;
