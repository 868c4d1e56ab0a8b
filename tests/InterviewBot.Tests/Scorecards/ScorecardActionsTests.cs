using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Teams.Cards;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Scorecards;

public sealed class ScorecardActionsTests : IDisposable
{
    private readonly HiringFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Open_NoScorecardYet_ShowsAnEmptyFormAtVersionZero()
    {
        var interview = await _fixture.CreateInterviewAsync();

        var card = await HandleAsync(ScorecardVerbs.Open, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0));

        Assert.Equal(["Save draft", "Submit"], CardJson.Actions(card).Select(a => (string?)a["title"]));
        Assert.Equal(0, (int?)CardJson.Action(card, "Submit")["data"]!["baseVersion"]);
        Assert.Null(CardJson.ById(card, "rating.ml-systems-design")["value"]);
        Assert.Null(await StoredScorecardAsync(interview.Id));
    }

    [Fact]
    public async Task Save_ByTheInterviewer_StoresADraftAndSaysSo()
    {
        var interview = await _fixture.CreateInterviewAsync();

        var card = await HandleAsync(ScorecardVerbs.Save, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete()));

        var stored = await StoredScorecardAsync(interview.Id);
        Assert.NotNull(stored);
        Assert.Equal(ScorecardStatus.Draft, stored.Status);
        Assert.Equal(1, stored.Version);
        Assert.Equal(4, stored.RatingFor("ml-systems-design").Score);
        Assert.Contains("Draft saved", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Equal(1, (int?)CardJson.Action(card, "Submit")["data"]!["baseVersion"]);
        Assert.Equal(ScorecardInputs.Evidence, (string?)CardJson.ById(card, "evidence.ml-systems-design")["value"]);
    }

    [Fact]
    public async Task Submit_Complete_StoresTheSubmissionAndShowsIt()
    {
        var interview = await _fixture.CreateInterviewAsync();

        var card = await HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete()));

        var stored = await StoredScorecardAsync(interview.Id);
        Assert.NotNull(stored);
        Assert.Equal(ScorecardStatus.Submitted, stored.Status);
        Assert.Equal(_fixture.Time.GetUtcNow(), stored.SubmittedAt);
        Assert.Equal(Recommendation.Hire, stored.Recommendation);
        Assert.True(stored.RatingFor("mlops-operations").NotAssessed);
        Assert.Equal(["monitoring-by-default", "pragmatic-tradeoffs"], stored.Signals); // kept in template order, whatever order they were ticked in
        Assert.Equal(TestData.InterviewerId, stored.InterviewerId);
        var text = CardJson.VisibleText(card);
        Assert.Contains("Scorecard submitted", text, StringComparison.Ordinal);
        Assert.Contains(ScorecardInputs.Evidence, text, StringComparison.Ordinal);
        Assert.Equal(ScorecardVerbs.Edit, (string?)CardJson.Action(card, "Edit")["verb"]);
    }

    [Fact]
    public async Task Submit_Incomplete_StoresNothingAndKeepsWhatWasTypedNextToTheErrors()
    {
        var interview = await _fixture.CreateInterviewAsync();
        var inputs = ScorecardInputs.Complete();
        inputs["evidence.ml-systems-design"] = "  ";
        inputs["recommendation"] = string.Empty;

        var card = await HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0, inputs));

        Assert.Null(await StoredScorecardAsync(interview.Id));
        Assert.Equal("4", (string?)CardJson.ById(card, "rating.ml-systems-design")["value"]);
        Assert.Equal("pragmatic-tradeoffs,monitoring-by-default", (string?)CardJson.ById(card, "signals")["value"]);
        Assert.Equal("attention", CardJson.ErrorColor(CardJson.NextSibling(card, "evidence.ml-systems-design")));
        Assert.Equal("attention", CardJson.ErrorColor(CardJson.NextSibling(card, "recommendation")));
        Assert.Contains("2 things need fixing", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_Submitted_ShowsTheSubmittedView()
    {
        var interview = await _fixture.CreateInterviewAsync();
        await HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete()));

        var card = await HandleAsync(ScorecardVerbs.Open, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0));

        Assert.Contains("Scorecard submitted", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Equal(1, (int?)CardJson.Action(card, "Edit")["data"]!["baseVersion"]);
    }

    [Fact]
    public async Task Edit_Submitted_ShowsTheStoredValuesReadyToChange()
    {
        var interview = await _fixture.CreateInterviewAsync();
        await HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete()));

        var card = await HandleAsync(ScorecardVerbs.Edit, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 1));

        var submit = Assert.Single(CardJson.Actions(card));
        Assert.Equal("Submit changes", (string?)submit["title"]);
        Assert.Equal(1, (int?)submit["data"]!["baseVersion"]);
        Assert.Equal("4", (string?)CardJson.ById(card, "rating.ml-systems-design")["value"]);
        Assert.Equal(ScorecardInputs.Evidence, (string?)CardJson.ById(card, "evidence.ml-systems-design")["value"]);
        Assert.Equal("Hire", (string?)CardJson.ById(card, "recommendation")["value"]);
    }

    [Fact]
    public async Task Submit_ChangesAfterEdit_StoresANewVersionKeepingTheFirstSubmissionTime()
    {
        var interview = await _fixture.CreateInterviewAsync();
        await HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete()));
        var firstSubmission = _fixture.Time.GetUtcNow();
        _fixture.Time.Advance(TimeSpan.FromHours(2));

        await HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 1, ScorecardInputs.Complete(recommendation: "StrongHire")));

        var stored = await StoredScorecardAsync(interview.Id);
        Assert.NotNull(stored);
        Assert.Equal(2, stored.Version);
        Assert.Equal(Recommendation.StrongHire, stored.Recommendation);
        Assert.Equal(firstSubmission, stored.SubmittedAt);
        Assert.Equal(_fixture.Time.GetUtcNow(), stored.UpdatedAt);
    }

    [Fact]
    public async Task Save_AfterSubmit_ChangesNothingAndPointsToEdit()
    {
        var interview = await _fixture.CreateInterviewAsync();
        await HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete()));

        var card = await HandleAsync(ScorecardVerbs.Save, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 1, ScorecardInputs.Complete(recommendation: "NoHire")));

        var stored = await StoredScorecardAsync(interview.Id);
        Assert.Equal(1, stored!.Version);
        Assert.Equal(Recommendation.Hire, stored.Recommendation);
        Assert.Contains("already submitted", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ScorecardVerbs.Open)]
    [InlineData(ScorecardVerbs.Save)]
    [InlineData(ScorecardVerbs.Submit)]
    [InlineData(ScorecardVerbs.Edit)]
    public async Task AnyVerb_ByAnotherUserClaimingToBeTheInterviewer_IsRefusedAndChangesNothing(string verb)
    {
        var interview = await _fixture.CreateInterviewAsync();
        await HandleAsync(ScorecardVerbs.Save, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete()));
        var writesBefore = _fixture.Tables.Writes.Count;
        var forged = ScorecardInputs.Complete(evidence: "Overwritten by someone else", recommendation: "StrongNoHire");
        forged["aadObjectId"] = TestData.InterviewerId;
        forged["interviewerId"] = TestData.InterviewerId;
        forged["from"] = TestData.InterviewerId;

        var card = await HandleAsync(verb, TestData.StrangerId, ScorecardInputs.Data(interview.Id, 1, forged));

        var text = CardJson.VisibleText(card);
        Assert.Contains("This scorecard is not yours", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ScorecardInputs.Evidence, card.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(CardJson.Actions(card));
        Assert.Equal(writesBefore, _fixture.Tables.Writes.Count);
        var stored = await StoredScorecardAsync(interview.Id);
        Assert.Equal(1, stored!.Version);
        Assert.Equal(ScorecardInputs.Evidence, stored.RatingFor("ml-systems-design").Evidence);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Submit_WithoutAnAuthenticatedCaller_IsRefused(string? caller)
    {
        var interview = await _fixture.CreateInterviewAsync();

        var card = await HandleAsync(ScorecardVerbs.Submit, caller, ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete()));

        Assert.Contains("This scorecard is not yours", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Null(await StoredScorecardAsync(interview.Id));
    }

    [Fact]
    public async Task Submit_CallerIdInOtherCase_IsTheInterviewer()
    {
        var interview = await _fixture.CreateInterviewAsync();

        await HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId.ToUpperInvariant(), ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete()));

        Assert.Equal(ScorecardStatus.Submitted, (await StoredScorecardAsync(interview.Id))!.Status);
    }

    [Fact]
    public async Task Save_FromAStaleCard_KeepsWhatWasTypedAndWarnsInsteadOfOverwriting()
    {
        var interview = await _fixture.CreateInterviewAsync();
        await HandleAsync(ScorecardVerbs.Save, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete(evidence: "first draft")));
        await HandleAsync(ScorecardVerbs.Save, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 1, ScorecardInputs.Complete(evidence: "edited on the phone")));

        var card = await HandleAsync(ScorecardVerbs.Save, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 1, ScorecardInputs.Complete(evidence: "typed on the old card")));

        var stored = await StoredScorecardAsync(interview.Id);
        Assert.Equal(2, stored!.Version);
        Assert.Equal("edited on the phone", stored.RatingFor("ml-systems-design").Evidence);
        Assert.Equal("typed on the old card", (string?)CardJson.ById(card, "evidence.ml-systems-design")["value"]);
        Assert.Contains("changed elsewhere", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Equal("attention", (string?)CardJson.OfType(card, "Container").First(c => CardJson.VisibleText(c).Contains("changed elsewhere", StringComparison.Ordinal))["style"]);
        Assert.Equal(2, (int?)CardJson.Action(card, "Save draft")["data"]!["baseVersion"]);
    }

    [Fact]
    public async Task Save_AgainAfterTheStaleWarning_ReplacesTheNewerVersion()
    {
        var interview = await _fixture.CreateInterviewAsync();
        await HandleAsync(ScorecardVerbs.Save, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete(evidence: "first draft")));
        await HandleAsync(ScorecardVerbs.Save, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 1, ScorecardInputs.Complete(evidence: "edited on the phone")));
        var warning = await HandleAsync(ScorecardVerbs.Save, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 1, ScorecardInputs.Complete(evidence: "typed on the old card")));
        var baseVersion = (int)CardJson.Action(warning, "Save draft")["data"]!["baseVersion"]!;

        await HandleAsync(ScorecardVerbs.Save, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, baseVersion, ScorecardInputs.Complete(evidence: "typed on the old card")));

        var stored = await StoredScorecardAsync(interview.Id);
        Assert.Equal(3, stored!.Version);
        Assert.Equal("typed on the old card", stored.RatingFor("ml-systems-design").Evidence);
    }

    [Fact]
    public async Task Submit_Repeated_IsUnchangedAndStoredOnce()
    {
        var interview = await _fixture.CreateInterviewAsync();
        var data = ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete());
        await HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, data);
        _fixture.Time.Advance(TimeSpan.FromMinutes(1));

        var card = await HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, data);

        Assert.Contains("Scorecard submitted", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Single(ScorecardWrites(interview.Id));
        var stored = await StoredScorecardAsync(interview.Id);
        Assert.Equal(1, stored!.Version);
        Assert.Equal(TestData.Now, stored.SubmittedAt);
    }

    [Fact]
    public async Task Submit_TenAtOnce_StoresExactlyOneVersion()
    {
        var interview = await _fixture.CreateInterviewAsync();
        var data = ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete());
        var actions = _fixture.Actions;
        // Every click reads the empty scorecard before any of them writes, as when Teams redelivers a click.
        _fixture.Tables.HoldQueriesUntil("Candidates", 10);

        var cards = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => actions.HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, data))));

        Assert.All(cards, c => Assert.Contains("Scorecard submitted", CardJson.VisibleText(CardJson.Of(c)), StringComparison.Ordinal));
        Assert.Single(ScorecardWrites(interview.Id));
        Assert.Equal(1, (await StoredScorecardAsync(interview.Id))!.Version);
    }

    [Fact]
    public async Task Submit_ForgedRatingOfANonFocusDimension_IsRejectedAndNothingStored()
    {
        var interview = await _fixture.CreateInterviewAsync();
        var inputs = ScorecardInputs.Complete();
        inputs["rating.leadership"] = "5";
        inputs["evidence.leadership"] = "Never asked about it";

        var card = await HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0, inputs));

        Assert.Null(await StoredScorecardAsync(interview.Id));
        Assert.Empty(ScorecardWrites(interview.Id));
        Assert.Contains("One thing needs fixing", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.DoesNotContain(CardJson.Objects(card), o => (string?)o["id"] == "rating.leadership");
    }

    [Fact]
    public async Task Submit_ForgedRatingOfANonFocusDimension_SaysWhatIsWrong()
    {
        var interview = await _fixture.CreateInterviewAsync();
        var inputs = ScorecardInputs.Complete();
        inputs["rating.leadership"] = "5";

        var card = await HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0, inputs));

        // The banner says "see below"; the reason must then be somewhere on the card.
        Assert.Contains("not a focus dimension", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_UnknownSignalWithMarkup_IsRefusedWithoutRenderingTheMarkup()
    {
        var interview = await _fixture.CreateInterviewAsync();
        var inputs = ScorecardInputs.Complete();
        inputs["signals"] = "pragmatic-tradeoffs,[win a prize](https://evil.example/phish) <at>Sam</at>";

        var card = await HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0, inputs));

        Assert.Null(await StoredScorecardAsync(interview.Id));
        Assert.Equal("attention", CardJson.ErrorColor(CardJson.NextSibling(card, "signals")));
        // Whatever the card says about the bad value, a TextBlock would turn it into a live link and a mention.
        Assert.DoesNotContain(CardJson.OfType(card, "TextBlock"), t => ((string?)t["text"])!.Contains("](https://evil.example", StringComparison.Ordinal) || ((string?)t["text"])!.Contains("<at>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ScorecardVerbs.Open)]
    [InlineData(ScorecardVerbs.Submit)]
    public async Task AnyVerb_UnknownInterview_SaysItWasNotFound(string verb)
    {
        var card = await HandleAsync(verb, TestData.InterviewerId, ScorecardInputs.Data("no-such-interview", 0, ScorecardInputs.Complete()));

        Assert.Contains("Interview not found", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Empty(_fixture.Tables.Writes);
    }

    [Fact]
    public async Task AnyVerb_DataWithoutInterviewId_AsksForAFreshCard()
    {
        var card = await HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, ScorecardInputs.Data(null, 0, ScorecardInputs.Complete()));

        Assert.Contains("This card is out of date", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    private async Task<JsonObject> HandleAsync(string verb, string? caller, System.Text.Json.JsonElement data) =>
        CardJson.Of(await _fixture.Actions.HandleAsync(verb, caller, data));

    private async Task<Scorecard?> StoredScorecardAsync(string interviewId) =>
        (await _fixture.Store.GetInterviewAsync(interviewId))!.Scorecard?.Value;

    private List<RecordedWrite> ScorecardWrites(string interviewId) =>
        [.. _fixture.Tables.Writes.Where(w => w.RowKey == "scorecard|" + interviewId)];
}
