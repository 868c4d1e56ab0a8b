using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Teams.Cards;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Cards;

public sealed class ScorecardCardTests
{
    [Fact]
    public void Form_Always_IsAdaptiveCard15AtFullWidth()
    {
        var card = CardJson.Of(ScorecardCard.Form(CardSamples.Subject(), CardSamples.EmptyDraft(), 0, [], null));

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)card["$schema"]);
        Assert.Equal("Full", (string?)card["msteams"]?["width"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)card["fallbackText"]));
    }

    [Fact]
    public void Form_EachFocusDimension_HasRatingChoiceWithFiveRubricLinesAndNotAssessed()
    {
        var template = TestData.Template;

        var card = CardJson.Of(ScorecardCard.Form(CardSamples.Subject(), CardSamples.EmptyDraft(), 0, [], null));

        var ratings = CardJson.OfType(card, "Input.ChoiceSet").Where(c => ((string?)c["id"])!.StartsWith("rating.", StringComparison.Ordinal)).ToList();
        Assert.Equal(TestData.Focus.Select(d => "rating." + d), ratings.Select(r => (string?)r["id"]));
        foreach (var rating in ratings)
        {
            var dimension = template.FindDimension(((string)rating["id"]!)["rating.".Length..])!;
            var choices = rating["choices"]!.AsArray().Select(c => (Title: (string)c!["title"]!, Value: (string)c["value"]!)).ToList();
            Assert.Equal(["5", "4", "3", "2", "1", "na"], choices.Select(c => c.Value));
            for (var score = 1; score <= 5; score++)
            {
                Assert.Contains(dimension.Describe(score), choices.Single(c => c.Value == score.ToString(System.Globalization.CultureInfo.InvariantCulture)).Title, StringComparison.Ordinal);
            }

            Assert.StartsWith("Not assessed", choices[^1].Title, StringComparison.Ordinal);
            Assert.Equal("expanded", (string?)rating["style"]);
            Assert.NotEqual(true, (bool?)rating["isMultiSelect"]);
            Assert.Contains(dimension.Name, (string?)rating["label"], StringComparison.Ordinal);
            Assert.Null(rating["value"]);
        }
    }

    [Fact]
    public void Form_OnlyFocusDimensions_AreOffered()
    {
        var card = CardJson.Of(ScorecardCard.Form(CardSamples.Subject(), CardSamples.EmptyDraft(), 0, [], null));

        var inputIds = CardJson.Objects(card).Where(o => CardJson.Type(o)?.StartsWith("Input.", StringComparison.Ordinal) == true).Select(o => (string?)o["id"]);
        Assert.Equal(
            ["rating.ml-systems-design", "evidence.ml-systems-design", "rating.mlops-operations", "evidence.mlops-operations", "signals", "recommendation", "privateNote"],
            inputIds);
    }

    [Fact]
    public void Form_EachFocusDimension_HasMultilineEvidenceInputOf4000Characters()
    {
        var card = CardJson.Of(ScorecardCard.Form(CardSamples.Subject(), CardSamples.EmptyDraft(), 0, [], null));

        foreach (var dimension in TestData.Focus)
        {
            var evidence = CardJson.ById(card, "evidence." + dimension);
            Assert.Equal("Input.Text", CardJson.Type(evidence));
            Assert.Equal(4000, (int?)evidence["maxLength"]);
            Assert.True((bool?)evidence["isMultiline"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)evidence["label"]));
        }
    }

    [Fact]
    public void Form_Signals_IsMultiSelectOfEveryTemplateSignal()
    {
        var template = TestData.Template;

        var card = CardJson.Of(ScorecardCard.Form(CardSamples.Subject(), CardSamples.EmptyDraft(), 0, [], null));

        var signals = CardJson.ById(card, "signals");
        Assert.Equal("Input.ChoiceSet", CardJson.Type(signals));
        Assert.True((bool?)signals["isMultiSelect"]);
        var choices = signals["choices"]!.AsArray();
        Assert.Equal(template.Signals.Select(s => s.Id), choices.Select(c => (string?)c!["value"]));
        Assert.All(template.Signals.Zip(choices), pair => Assert.EndsWith(pair.First.Text, (string?)pair.Second!["title"], StringComparison.Ordinal));
        Assert.Contains(choices, c => ((string?)c!["title"])!.StartsWith("Red flag: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Form_Recommendation_OffersExactlyTheFourOptions()
    {
        var card = CardJson.Of(ScorecardCard.Form(CardSamples.Subject(), CardSamples.EmptyDraft(), 0, [], null));

        var recommendation = CardJson.ById(card, "recommendation");
        Assert.Equal("Input.ChoiceSet", CardJson.Type(recommendation));
        Assert.NotEqual(true, (bool?)recommendation["isMultiSelect"]);
        Assert.Equal(
            [("Strong Hire", "StrongHire"), ("Hire", "Hire"), ("No Hire", "NoHire"), ("Strong No Hire", "StrongNoHire")],
            recommendation["choices"]!.AsArray().Select(c => ((string)c!["title"]!, (string)c["value"]!)));
    }

    [Fact]
    public void Form_PrivateNote_IsAnOptionalMultilineInput()
    {
        var card = CardJson.Of(ScorecardCard.Form(CardSamples.Subject(), CardSamples.EmptyDraft(), 0, [], null));

        var note = CardJson.ById(card, "privateNote");
        Assert.Equal("Input.Text", CardJson.Type(note));
        Assert.True((bool?)note["isMultiline"]);
        Assert.Equal(ScorecardLimits.PrivateNoteMaxLength, (int?)note["maxLength"]);
        Assert.NotEqual(true, (bool?)note["isRequired"]);
    }

    [Fact]
    public void Form_Buttons_AreSaveDraftAndSubmitExecutesCarryingInterviewAndBaseVersion()
    {
        var card = CardJson.Of(ScorecardCard.Form(CardSamples.Subject(), CardSamples.EmptyDraft(), 3, [], null));

        var actions = card["actions"]!.AsArray().Select(a => a!.AsObject()).ToList();
        Assert.Equal(["Save draft", "Submit"], actions.Select(a => (string?)a["title"]));
        Assert.All(actions, a => Assert.Equal("Action.Execute", CardJson.Type(a)));
        Assert.Equal(ScorecardVerbs.Save, (string?)actions[0]["verb"]);
        Assert.Equal(ScorecardVerbs.Submit, (string?)actions[1]["verb"]);
        foreach (var action in actions)
        {
            var data = action["data"]!.AsObject();
            Assert.Equal(["interviewId", "baseVersion"], data.Select(p => p.Key));
            Assert.Equal("interview-1", (string?)data["interviewId"]);
            Assert.Equal(JsonValueKind.Number, data["baseVersion"]!.GetValueKind());
            Assert.Equal(3, (int?)data["baseVersion"]);
        }
    }

    [Fact]
    public void Form_WithErrors_ShowsEachErrorInAttentionRightAfterItsInput()
    {
        var (draft, errors) = CardSamples.InvalidSubmission();
        Assert.Equal(["evidence.ml-systems-design", "privateNote", "rating.mlops-operations", "recommendation", "signals"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));

        var card = CardJson.Of(ScorecardCard.Form(CardSamples.Subject(), draft, 1, errors, null));

        foreach (var error in errors)
        {
            var next = CardJson.NextSibling(card, error.Field);
            Assert.NotNull(next);
            Assert.Equal("RichTextBlock", CardJson.Type(next));
            Assert.Equal("attention", CardJson.ErrorColor(next));
            Assert.Equal(error.Message, CardJson.ErrorText(next));
        }

        Assert.Contains($"{errors.Count} things need fixing", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    [Fact]
    public void Form_WithoutErrors_HasNoAttentionText()
    {
        var card = CardJson.Of(ScorecardCard.Form(CardSamples.Subject(), CardSamples.TypedDraft(), 1, [], null));

        Assert.DoesNotContain(CardJson.OfType(card, "TextBlock").Concat(CardJson.OfType(card, "TextRun")), t => (string?)t["color"] == "attention");
    }

    [Fact]
    public void Form_WithTypedValues_KeepsThemAsInputValues()
    {
        var (draft, errors) = CardSamples.InvalidSubmission();
        var typed = draft with
        {
            Ratings = [new DimensionRating("ml-systems-design", 4, false, "typed evidence"), new DimensionRating("mlops-operations", null, true, "no time left")],
            Signals = ["pragmatic-tradeoffs", "monitoring-by-default"],
            Recommendation = Recommendation.StrongNoHire,
        };

        var card = CardJson.Of(ScorecardCard.Form(CardSamples.Subject(), typed, 1, errors, null));

        Assert.Equal("4", (string?)CardJson.ById(card, "rating.ml-systems-design")["value"]);
        Assert.Equal("typed evidence", (string?)CardJson.ById(card, "evidence.ml-systems-design")["value"]);
        Assert.Equal("na", (string?)CardJson.ById(card, "rating.mlops-operations")["value"]);
        Assert.Equal("no time left", (string?)CardJson.ById(card, "evidence.mlops-operations")["value"]);
        Assert.Equal("pragmatic-tradeoffs,monitoring-by-default", (string?)CardJson.ById(card, "signals")["value"]);
        Assert.Equal("StrongNoHire", (string?)CardJson.ById(card, "recommendation")["value"]);
        Assert.Equal(draft.PrivateNote, (string?)CardJson.ById(card, "privateNote")["value"]);
    }

    [Fact]
    public void Form_EditingSubmitted_OffersSubmitChangesAndNoDraft()
    {
        var card = CardJson.Of(ScorecardCard.Form(CardSamples.Subject(), ScorecardDraft.From(CardSamples.SubmittedScorecard()), 2, [], null, editingSubmitted: true));

        var action = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal("Submit changes", (string?)action["title"]);
        Assert.Equal(ScorecardVerbs.Submit, (string?)action["verb"]);
        Assert.Equal(2, (int?)action["data"]!["baseVersion"]);
        Assert.Contains("Edit your scorecard", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    [Fact]
    public void Submitted_Always_HasOnlyAnEditButtonCarryingTheStoredVersion()
    {
        var card = CardJson.Of(ScorecardCard.Submitted(CardSamples.Subject(), CardSamples.SubmittedScorecard(version: 7), null));

        var action = Assert.Single(CardJson.Actions(card));
        Assert.Equal("Action.Execute", CardJson.Type(action));
        Assert.Equal("Edit", (string?)action["title"]);
        Assert.Equal(ScorecardVerbs.Edit, (string?)action["verb"]);
        Assert.Equal("interview-1", (string?)action["data"]!["interviewId"]);
        Assert.Equal(7, (int?)action["data"]!["baseVersion"]);
        Assert.DoesNotContain(CardJson.Objects(card), o => CardJson.Type(o)?.StartsWith("Input.", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Submitted_Always_ShowsScoresWithRubricEvidenceSignalsAndRecommendation()
    {
        var template = TestData.Template;

        var text = CardJson.VisibleText(CardJson.Of(ScorecardCard.Submitted(CardSamples.Subject(), CardSamples.SubmittedScorecard(), null)));

        Assert.Contains("Scorecard submitted", text, StringComparison.Ordinal);
        Assert.Contains("ML systems design", text, StringComparison.Ordinal);
        Assert.Contains("4/5 · " + template.FindDimension("ml-systems-design")!.Describe(4), text, StringComparison.Ordinal);
        Assert.Contains(CardSamples.Evidence, text, StringComparison.Ordinal);
        Assert.Contains("MLOps & operations", text, StringComparison.Ordinal);
        Assert.Contains("Not assessed", text, StringComparison.Ordinal);
        Assert.Contains("Strong: " + template.FindSignal("pragmatic-tradeoffs")!.Text, text, StringComparison.Ordinal);
        Assert.Contains("Weak: " + template.FindSignal("no-drift-detection")!.Text, text, StringComparison.Ordinal);
        Assert.Contains("Red flag: " + template.FindSignal("claims-perfect-results")!.Text, text, StringComparison.Ordinal);
        Assert.Contains("Recommendation: Hire", text, StringComparison.Ordinal);
        Assert.Contains(CardSamples.PrivateNote, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Notice_Always_ShowsTitleAndTextWithoutButtons()
    {
        var card = CardJson.Of(ScorecardCard.Notice("Interview not found", "Type **scorecards** to see your interviews.", new Banner("Refused.", BannerTone.Warning)));

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Empty(CardJson.Actions(card));
        Assert.Equal("Interview not found\nRefused.\nType **scorecards** to see your interviews.", CardJson.VisibleText(card));
        var banner = Assert.Single(CardJson.OfType(card, "Container"));
        Assert.Equal("attention", (string?)banner["style"]);
        Assert.Equal("Refused.", CardJson.VisibleText(banner));
    }

    [Theory]
    [InlineData("form-hostile")]
    [InlineData("submitted-hostile")]
    public void UserText_WithMarkup_StaysVerbatimInTextRuns(string variant)
    {
        var json = AdaptiveCardSerializer.Serialize(CardSamples.All[variant]());

        var card = JsonNode.Parse(json)!;

        var places = PlacesOf("HOSTILE", card);
        Assert.Contains(("TextRun", "text"), places);
        Assert.All(places, p => Assert.Contains(p, AllowedPlacesForUserText));
        var runs = CardJson.OfType(card, "TextRun").Select(r => (string?)r["text"]).Where(t => t!.Contains("HOSTILE", StringComparison.Ordinal)).ToList();
        Assert.All(runs, r => Assert.Equal(CardSamples.Hostile, r));
    }

    [Theory]
    [InlineData("form-long-text")]
    [InlineData("submitted-long-text")]
    public void UserText_Of5000Characters_IsCappedInsideTextRunsAndTheJsonStaysValid(string variant)
    {
        var json = AdaptiveCardSerializer.Serialize(CardSamples.All[variant]());

        using var document = JsonDocument.Parse(json);
        var card = JsonNode.Parse(json)!;

        var candidate = CardJson.OfType(card, "RichTextBlock")[0]["inlines"]!.AsArray();
        Assert.Equal("Candidate: ", (string?)candidate[0]!["text"]);
        var name = (string)candidate[1]!["text"]!;
        Assert.True(name.Length <= 200, $"The candidate's name takes {name.Length} characters.");
        Assert.StartsWith("NNNN", name, StringComparison.Ordinal);
        Assert.DoesNotContain(CardJson.OfType(card, "TextBlock"), t => ((string?)t["text"])!.Contains("NNNN", StringComparison.Ordinal) || ((string?)t["text"])!.Contains("eeee", StringComparison.Ordinal));
        Assert.All(CardJson.OfType(card, "TextRun"), r => Assert.True(((string)r["text"]!).Length <= 4000));
    }

    private static readonly (string Type, string Property)[] AllowedPlacesForUserText =
    [
        ("TextRun", "text"),
        // An input shows its value as typed text, never as markdown.
        ("Input.Text", "value"),
        ("AdaptiveCard", "fallbackText"),
    ];

    /// <summary>Each (element type, property) whose string value contains <paramref name="marker"/>.</summary>
    private static List<(string Type, string Property)> PlacesOf(string marker, JsonNode card) =>
        [.. CardJson.Objects(card).SelectMany(o => o
            .Where(p => p.Value?.GetValueKind() == JsonValueKind.String && ((string?)p.Value)!.Contains(marker, StringComparison.Ordinal))
            .Select(p => (CardJson.Type(o) ?? "(untyped)", p.Key)))];
}
