using System.Text;
using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Domain.Debriefs;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Teams.Cards;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Cards;

public sealed class DebriefCardTests
{
    [Theory]
    [MemberData(nameof(DebriefSamples.Names), MemberType = typeof(DebriefSamples))]
    public async Task Card_EveryVariant_PassesTheOfficialParser(string variant)
    {
        var card = DebriefSamples.Cards[variant]();

        var problems = await AdaptiveCardsParser.ProblemsAsync(variant, card);

        Assert.True(problems.Count == 0, $"{variant}:{Environment.NewLine}{AdaptiveCardsParser.Describe(problems)}");
    }

    [Fact]
    public async Task Validator_ChartWithoutFallback_IsReported()
    {
        var json = CardJson.Of(DebriefCard.ForChannel(DebriefSamples.Full()));
        var chart = CardJson.OfType(json, "Chart.VerticalBar").Single();
        chart.Remove("fallback");

        var problems = await AdaptiveCardsParser.ProblemsAsync("chart-without-fallback", json);

        Assert.Contains(problems, p => p.Kind == "MissingFallback");
    }

    [Fact]
    public async Task Validator_ChartWithBrokenFallbackOrData_IsReported()
    {
        var json = CardJson.Of(DebriefCard.ForChannel(DebriefSamples.Full()));
        var chart = CardJson.OfType(json, "Chart.VerticalBar").Single();
        chart["fallback"] = JsonNode.Parse("""{ "type": "TextBlok", "text": "typo" }""");
        chart["data"]![0]!["y"] = "high";

        var problems = await AdaptiveCardsParser.ProblemsAsync("chart-broken", json);

        Assert.Contains(problems, p => p.Kind == "UnknownElementType" && p.Path.EndsWith(".fallback", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Kind == "InvalidPropertyValue" && p.Path.EndsWith(".data[0].y", StringComparison.Ordinal));
    }

    [Fact]
    public void ForChannel_Always_IsAdaptiveCard15AtFullWidthWithFallbackText()
    {
        var card = CardJson.Of(DebriefCard.ForChannel(DebriefSamples.Full()));

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("Full", (string?)card["msteams"]?["width"]);
        Assert.Equal("Partial debrief: Jordan Lee", (string?)card["fallbackText"]);
    }

    [Fact]
    public void ForChannel_PrivateNotes_NeverAppearInTheCard()
    {
        foreach (var (name, build) in DebriefSamples.Cards)
        {
            var json = AdaptiveCardSerializer.Serialize(build());

            Assert.False(json.Contains("PRIVATE-NOTE", StringComparison.Ordinal), $"{name} shows a private note.");
        }
    }

    [Fact]
    public void ForChannel_ScorecardsMissing_IsLabelledPartialWithTheCount()
    {
        var card = CardJson.Of(DebriefCard.ForChannel(DebriefSamples.Full()));

        Assert.Equal("Partial debrief", (string?)CardJson.OfType(card, "TextBlock")[0]["text"]);
        var label = CardJson.VisibleText(CardJson.ById(card, "partial"));
        Assert.Contains("Partial debrief — 3 of 4 scorecards", label, StringComparison.Ordinal);
        Assert.Contains("Still missing: \nEve Pending", label, StringComparison.Ordinal);
    }

    [Fact]
    public void ForChannel_EveryScorecardIn_IsNotLabelledPartial()
    {
        var card = CardJson.Of(DebriefCard.ForChannel(DebriefSamples.Complete()));

        Assert.Equal("Debrief", (string?)CardJson.OfType(card, "TextBlock")[0]["text"]);
        Assert.DoesNotContain("Partial", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.DoesNotContain(CardJson.Objects(card), o => (string?)o["id"] == "partial");
    }

    [Fact]
    public void ForChannel_MarkupInNamesAndEvidence_ArrivesOnlyAsTextRunText()
    {
        var card = CardJson.Of(DebriefCard.ForChannel(DebriefSamples.Hostile()));

        var runs = CardJson.OfType(card, "TextRun").Select(r => (string)r["text"]!).ToList();
        Assert.Contains(runs, r => r.Contains("<at>Sam</at>", StringComparison.Ordinal) && r.Contains("[click me](https://evil.example/phish)", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.StartsWith("HOSTILE", StringComparison.Ordinal) && r.Contains("\"quoted\"", StringComparison.Ordinal));
        foreach (var other in CardJson.Objects(card).Where(o => CardJson.Type(o) != "TextRun"))
        {
            foreach (var (property, value) in other)
            {
                if (value is JsonValue text && text.TryGetValue<string>(out var s) && property != "fallbackText")
                {
                    Assert.DoesNotContain("HOSTILE", s, StringComparison.Ordinal);
                    Assert.DoesNotContain("<at>", s, StringComparison.Ordinal);
                }
            }
        }

        Assert.Null(card["msteams"]?["entities"]);
        Assert.Empty(CardJson.OfType(card, "FactSet"));
    }

    [Fact]
    public void ForChannel_EightInterviewersSevenDimensionsLongEvidence_FitsInOneTeamsMessageWithShortenedEvidence()
    {
        var card = DebriefCard.ForChannel(DebriefSamples.Large());

        var bytes = Encoding.UTF8.GetByteCount(AdaptiveCardSerializer.Serialize(card));

        // Teams refuses messages over about 28 KB, and the activity around the card needs some of that.
        Assert.InRange(bytes, 1, 26 * 1024);
        var json = CardJson.Of(card);
        var dimensions = Dimensions(json);
        Assert.Equal(7, dimensions.Count);
        Assert.All(dimensions, d => Assert.Equal(8, CardJson.OfType(d, "TextRun").Count(r => ((string)r["text"]!).StartsWith("Interviewer ", StringComparison.Ordinal))));
        foreach (var dimension in dimensions)
        {
            // At least the evidence behind the lowest and the highest score stays, shortened.
            var excerpts = CardJson.OfType(dimension, "TextRun").Select(r => (string)r["text"]!).Where(t => t.StartsWith(" — <at>Evidence</at>", StringComparison.Ordinal)).ToList();
            Assert.InRange(excerpts.Count, 2, 8);
            Assert.All(excerpts, e => Assert.True(e.Length < Excerpt.DefaultLength && e.EndsWith('…'), e));
        }

        Assert.Contains("Evidence is shortened", CardJson.VisibleText(json), StringComparison.Ordinal);
    }

    [Fact]
    public void ForChannel_HugePanelWithLongMarkupNamesAndEverySignal_StillFitsAndListsEveryScore()
    {
        var card = DebriefCard.ForChannel(DebriefSamples.Large(stress: true));

        var bytes = Encoding.UTF8.GetByteCount(AdaptiveCardSerializer.Serialize(card));

        Assert.InRange(bytes, 1, 26 * 1024);
        var json = CardJson.Of(card);
        Assert.All(Dimensions(json), d => Assert.Equal(8, CardJson.VisibleText(d).Split("<at>Interviewer</at>").Length - 1));
        Assert.Contains("Evidence is left out so that the debrief fits in one Teams message.", CardJson.VisibleText(json), StringComparison.Ordinal);
    }

    [Fact]
    public void ForChannel_OrdinaryDebrief_ShowsEvidenceExcerptsUnshortened()
    {
        var debrief = DebriefSamples.Full();

        var text = CardJson.VisibleText(CardJson.Of(DebriefCard.ForChannel(debrief)));

        var excerpt = debrief.Dimensions.Single(d => d.DimensionId == "ml-systems-design").Entries[0].Excerpt;
        Assert.InRange(excerpt.Length, 200, Excerpt.DefaultLength);
        Assert.EndsWith("…", excerpt, StringComparison.Ordinal);
        Assert.Contains(excerpt, text, StringComparison.Ordinal);
        Assert.DoesNotContain("shortened", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ForChannel_Chart_ShowsTheMeansWithAPlainTextFallback()
    {
        var debrief = DebriefSamples.Full();

        var card = CardJson.Of(DebriefCard.ForChannel(debrief));

        var chart = CardJson.OfType(card, "Chart.VerticalBar").Single();
        var scored = debrief.Dimensions.Where(d => d.Mean is not null).ToList();
        Assert.Equal(scored.Select(d => d.Name), chart["data"]!.AsArray().Select(p => (string)p!["x"]!));
        Assert.Equal(scored.Select(d => d.DisplayMean!.Value), chart["data"]!.AsArray().Select(p => (double)p!["y"]!));
        var fallback = chart["fallback"]!.AsObject();
        Assert.Equal("Container", CardJson.Type(fallback));
        var lines = CardJson.VisibleText(fallback);
        foreach (var dimension in scored)
        {
            Assert.Contains($"{dimension.Name}: \n{DebriefCard.FormatMean(dimension.Mean!.Value)}", lines, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ForChannel_NoScoresAtAll_HasNoChart()
    {
        var card = CardJson.Of(DebriefCard.ForChannel(DebriefSamples.NothingAssessed()));

        Assert.Empty(CardJson.OfType(card, "Chart.VerticalBar"));
        Assert.Contains("no scores", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    [Fact]
    public void ForChannel_EachDimension_ShowsMeanRangeScoresNotAssessedAndDisagreement()
    {
        var card = CardJson.Of(DebriefCard.ForChannel(DebriefSamples.Full()));

        var mlops = CardJson.VisibleText(CardJson.ById(card, "dimension.mlops-operations"));
        Assert.Contains("MLOps & operations\n · mean 3.0 · range 2–4", mlops, StringComparison.Ordinal);
        Assert.Contains("⚠ Disagreement: scores range from 2 to 4\n", mlops, StringComparison.Ordinal);
        Assert.Contains("Ana Ng\n 4/5", mlops, StringComparison.Ordinal);
        Assert.Contains("Cem Oz\n 2/5", mlops, StringComparison.Ordinal);
        var production = CardJson.VisibleText(CardJson.ById(card, "dimension.production-engineering"));
        Assert.Contains("⚠ Disagreement: scores range from 2 to 4; interviewers recommending Hire and No Hire both scored it", production, StringComparison.Ordinal);
        var judgment = CardJson.VisibleText(CardJson.ById(card, "dimension.applied-ml-judgment"));
        Assert.Contains("⚠ Disagreement: interviewers recommending Hire and No Hire both scored it", judgment, StringComparison.Ordinal);
        var communication = CardJson.VisibleText(CardJson.ById(card, "dimension.communication"));
        Assert.Contains("1 not assessed", communication, StringComparison.Ordinal);
        Assert.Contains("Ana Ng\n not assessed", communication, StringComparison.Ordinal);
        Assert.DoesNotContain("Disagreement", communication, StringComparison.Ordinal);
    }

    [Fact]
    public void ForChannel_InterviewerWithEnoughHistory_IsMarkedUsuallyHarsher()
    {
        var card = CardJson.Of(DebriefCard.ForChannel(DebriefSamples.Full()));

        var design = CardJson.VisibleText(CardJson.ById(card, "dimension.ml-systems-design"));
        Assert.Contains("Ana Ng\n 3/5\n · usually harsher\n — <at>Evidence</at>", design, StringComparison.Ordinal);
        Assert.DoesNotContain("usually", CardJson.VisibleText(CardJson.ById(card, "dimension.mlops-operations")), StringComparison.Ordinal);
    }

    [Fact]
    public void ForChannel_RecommendationTally_ListsAllFourWithWhoChoseWhat()
    {
        var card = CardJson.Of(DebriefCard.ForChannel(DebriefSamples.Full()));

        Assert.Equal("Strong Hire: 1\n · Cem Oz", CardJson.VisibleText(CardJson.ById(card, "tally.StrongHire")));
        Assert.Equal("Hire: 1\n · Ana Ng", CardJson.VisibleText(CardJson.ById(card, "tally.Hire")));
        Assert.Equal("No Hire: 1\n · Ben Li", CardJson.VisibleText(CardJson.ById(card, "tally.NoHire")));
        Assert.Equal("Strong No Hire: 0", CardJson.VisibleText(CardJson.ById(card, "tally.StrongNoHire")));
    }

    [Fact]
    public void ForChannel_RedFlags_ShowWhoRaisedThemAndTheirEvidence()
    {
        var card = CardJson.Of(DebriefCard.ForChannel(DebriefSamples.Full()));

        var flag = CardJson.VisibleText(CardJson.ById(card, "redflag.ships-without-guardrails"));
        Assert.Contains("Would ship models without guardrails, validation or rollback", flag, StringComparison.Ordinal);
        Assert.Contains("Raised by \nBen Li\n · Hands-on coding exercise", flag, StringComparison.Ordinal);
        Assert.Contains("Production engineering (2/5): \nNo input validation; said the model output needs no checks.", flag, StringComparison.Ordinal);
    }

    [Fact]
    public void ForChannel_CoverageGapsAndSignals_AreListed()
    {
        var text = CardJson.VisibleText(CardJson.Of(DebriefCard.ForChannel(DebriefSamples.Full())));

        Assert.Contains("Not assessed by any interview", text, StringComparison.Ordinal);
        Assert.Contains("Leadership (Senior IC)\n · waiting for 1 scorecard", text, StringComparison.Ordinal);
        Assert.Contains("Data engineering collaboration\n · in no interview's focus", text, StringComparison.Ordinal);
        Assert.Contains("Pragmatic decisions with clear trade-offs\n · Ana Ng, Cem Oz", text, StringComparison.Ordinal);
        Assert.Contains("Cannot explain how to detect drift or data quality failures\n · Ben Li", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ForChannel_InterviewsThatDidNotHappen_ShowTheirReasons()
    {
        var card = CardJson.Of(DebriefCard.ForChannel(DebriefSamples.Full()));

        var text = CardJson.VisibleText(card);
        Assert.Contains("Interviews that did not happen", text, StringComparison.Ordinal);
        Assert.Contains("Dee Ra\n · Data quality / feature exercise\n · the candidate did not show up", text, StringComparison.Ordinal);
        Assert.Contains("3 of 4 submitted", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ForChannel_ScorecardChangedAfterPosting_ShowsTheUpdatedNotice()
    {
        var card = CardJson.Of(DebriefCard.ForChannel(DebriefSamples.ChangedAfterPosting()));

        var notice = CardJson.VisibleText(CardJson.ById(card, "changed"));
        Assert.Contains("Updated: a scorecard changed after the debrief was posted", notice, StringComparison.Ordinal);
        Assert.Contains("Ben Li\n edited after posting", notice, StringComparison.Ordinal);
        Assert.DoesNotContain(CardJson.Objects(CardJson.Of(DebriefCard.ForChannel(DebriefSamples.Complete()))), o => (string?)o["id"] == "changed");
    }

    [Fact]
    public void ForChannel_Layout_StaysNarrowEnoughForMobile()
    {
        foreach (var (_, build) in DebriefSamples.Cards)
        {
            var card = CardJson.Of(build());

            Assert.All(CardJson.OfType(card, "ColumnSet"), c => Assert.True(c["columns"]!.AsArray().Count <= 3));
            Assert.All(CardJson.OfType(card, "TextBlock"), t => Assert.True((bool?)t["wrap"]));
        }
    }

    [Fact]
    public void Missing_ScorecardsMissing_SaysWhoAndHowLateWithBothButtons()
    {
        var debrief = DebriefSamples.Full();

        var card = CardJson.Of(DebriefCard.Missing(debrief));

        var text = CardJson.VisibleText(card);
        Assert.Contains("1 scorecard is missing", text, StringComparison.Ordinal);
        Assert.Contains("3 of 4 scorecards are in", text, StringComparison.Ordinal);
        Assert.Contains("will see the others' first", text, StringComparison.Ordinal);
        Assert.Contains("Eve Pending\n · ML system design case\n · overdue by 19 h", text, StringComparison.Ordinal);
        var partial = CardJson.Action(card, "Post partial debrief");
        Assert.Equal(("Action.Execute", DebriefVerbs.PostPartial, "loop-1"), ((string?)partial["type"], (string?)partial["verb"], (string?)partial["data"]?["loopId"]));
        var remind = CardJson.Action(card, "Remind them");
        Assert.Equal(("Action.Execute", DebriefVerbs.Remind, "loop-1"), ((string?)remind["type"], (string?)remind["verb"], (string?)remind["data"]?["loopId"]));
        Assert.Equal("debrief.partial", DebriefVerbs.PostPartial);
        Assert.Equal("debrief.remind", DebriefVerbs.Remind);
    }

    [Fact]
    public void Missing_NeverShowsRatingsOrEvidence()
    {
        var debrief = DebriefSamples.Full();

        var text = CardJson.VisibleText(CardJson.Of(DebriefCard.Missing(debrief)));

        Assert.DoesNotContain("mean", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hire", text, StringComparison.Ordinal);
        Assert.DoesNotContain(debrief.Dimensions[0].Entries[0].Excerpt[..40], text, StringComparison.Ordinal);
    }

    private static List<JsonObject> Dimensions(JsonObject card) =>
        [.. CardJson.Objects(card).Where(o => ((string?)o["id"])?.StartsWith("dimension.", StringComparison.Ordinal) == true)];

    [Fact]
    public void Missing_InterviewNotOverYet_ShowsWhenFeedbackIsDue()
    {
        var debrief = DebriefSamples.Full(now: DebriefSamples.Day.AddHours(2));

        var text = CardJson.VisibleText(CardJson.Of(DebriefCard.Missing(debrief, "Europe/Berlin")));

        Assert.Contains("Eve Pending\n · ML system design case\n · due Sat 28 Nov 2026, 15:00 Europe/Berlin", text, StringComparison.Ordinal);
    }
}

/// <summary>Debriefs aggregated from realistic loops, for the card and JSON tests.</summary>
internal static class DebriefSamples
{
    public const string Design = "ml-systems-design";
    public const string Production = "production-engineering";
    public const string Judgment = "applied-ml-judgment";
    public const string MlOps = "mlops-operations";
    public const string Data = "data-engineering-collaboration";
    public const string Communication = "communication";
    public const string Leadership = "leadership";

    public static readonly DateTimeOffset Day = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, Func<AdaptiveCard>> Cards = new Dictionary<string, Func<AdaptiveCard>>
    {
        ["debrief-partial"] = () => DebriefCard.ForChannel(Full()),
        ["debrief-complete"] = () => DebriefCard.ForChannel(Complete()),
        ["debrief-hostile"] = () => DebriefCard.ForChannel(Hostile()),
        ["debrief-large"] = () => DebriefCard.ForChannel(Large()),
        ["debrief-large-stress"] = () => DebriefCard.ForChannel(Large(stress: true)),
        ["debrief-nothing-assessed"] = () => DebriefCard.ForChannel(NothingAssessed()),
        ["debrief-changed"] = () => DebriefCard.ForChannel(ChangedAfterPosting()),
        ["debrief-no-interviews"] = () => DebriefCard.ForChannel(new Loop().Aggregate()),
        ["debrief-missing"] = () => DebriefCard.Missing(Full()),
        ["debrief-missing-hostile"] = () => DebriefCard.Missing(Hostile(), "Europe/Berlin"),
    };

    public static TheoryData<string> Names => [.. Cards.Keys];

    /// <summary>
    /// Ana (design case, Hire, usually harsh on design), Ben (coding, No Hire, a red flag), Cem (debugging, Strong
    /// Hire), Dee (data quality, did not happen) and Eve (design case, scorecard missing).
    /// </summary>
    public static Debrief Full(DateTimeOffset? now = null) => FullLoop(now).Aggregate();

    public static Debrief Complete()
    {
        var loop = new Loop();
        var ana = loop.Interview("Ana Ng", "ml-system-design-case", Design, MlOps);
        var ben = loop.Interview("Ben Li", "hands-on-coding", Production, Judgment);
        loop.Submit(ana, [(Design, 4, "Clear design."), (MlOps, 3, "Some monitoring.")], [], Recommendation.Hire);
        loop.Submit(ben, [(Production, 4, "Tested edge cases."), (Judgment, 3, "Used a baseline.")], [], Recommendation.Hire);
        loop.LastPosting = loop.Aggregate().ToPosting(loop.Now);
        return loop.Aggregate();
    }

    public static Debrief ChangedAfterPosting()
    {
        var loop = new Loop();
        var ana = loop.Interview("Ana Ng", "ml-system-design-case", Design);
        var ben = loop.Interview("Ben Li", "ml-system-design-case", Design);
        loop.Submit(ana, [(Design, 4, "Clear design.")], [], Recommendation.Hire);
        loop.Submit(ben, [(Design, 3, "Fine.")], [], Recommendation.Hire);
        loop.LastPosting = loop.Aggregate().ToPosting(loop.Now);
        loop.Submit(ben, [(Design, 2, "On reflection, no rollback story.")], [], Recommendation.NoHire);
        return loop.Aggregate();
    }

    public static Debrief NothingAssessed()
    {
        var loop = new Loop();
        var ana = loop.Interview("Ana Ng", "ml-system-design-case", Design, MlOps);
        loop.Submit(ana, [(Design, null, string.Empty), (MlOps, null, "Ran out of time.")], [], Recommendation.NoHire, "PRIVATE-NOTE nothing");
        return loop.Aggregate();
    }

    /// <summary>Names, evidence and the candidate full of markdown, mentions, quotes and HTML.</summary>
    public static Debrief Hostile()
    {
        var loop = new Loop { Candidate = new Candidate("candidate-1", CardSamples.Hostile, "ats-4411", Day.AddDays(-7)) };
        var ana = loop.Interview(CardSamples.Hostile, "ml-system-design-case", Design, MlOps);
        var ben = loop.Interview(CardSamples.Hostile + " 2", "hands-on-coding", Production);
        var cem = loop.Interview(CardSamples.Hostile + " 3", "debugging-scenario", MlOps);
        var dee = loop.Interview(CardSamples.Hostile + " 4", "ml-system-design-case", Leadership);
        loop.Submit(ana, [(Design, 5, CardSamples.Hostile), (MlOps, 1, CardSamples.Hostile)], ["claims-perfect-results", "pragmatic-tradeoffs", "accuracy-only"], Recommendation.Hire, "PRIVATE-NOTE " + CardSamples.Hostile);
        loop.Submit(ben, [(Production, 2, CardSamples.Hostile)], ["claims-perfect-results"], Recommendation.NoHire);
        loop.MarkNotHeld(cem, NotHeldReason.Cancelled);
        loop.LastPosting = new DebriefPosting(Day, true, new Dictionary<string, int>());
        _ = dee;
        return loop.Aggregate();
    }

    /// <summary>
    /// Eight interviewers rating all seven dimensions with 4,000 characters of evidence each and a ninth still to
    /// submit. Under <paramref name="stress"/> their names are long and full of markup, and everyone ticks every signal.
    /// </summary>
    public static Debrief Large(bool stress = false)
    {
        var loop = new Loop();
        var all = TestData.Template.Dimensions.Select(d => d.Id).ToArray();
        var signals = TestData.Template.Signals.Select(s => s.Id).ToArray();
        for (var i = 0; i < 8; i++)
        {
            var name = stress ? $"<at>Interviewer</at> \"{i}\" **with** a rather long display name, {new string('x', 40)}" : $"Interviewer {i} Lindqvist-Okafor";
            var interview = loop.Interview(name, "ml-system-design-case", all);
            var ratings = all.Select((d, n) => (d, (int?)(1 + ((i + n) % 5)), LongEvidence(4000, (i * 10) + n))).ToArray();
            string[] ticked = stress ? signals : i % 4 == 0 ? [signals[i], "ships-without-guardrails"] : [signals[i]];
            loop.Submit(interview, ratings, ticked, (Recommendation)(i % 4), "PRIVATE-NOTE " + new string('p', 2000));
        }

        loop.Interview("Late Interviewer", "hands-on-coding", Production);

        // Five earlier loops like this one: everyone far from the average gets a calibration hint.
        loop.History = Enumerable.Range(0, 5).Aggregate(CalibrationHistory.Empty, (h, _) => loop.Scorecards.Aggregate(h, (x, s) => x.Add(s)));
        return loop.Aggregate();
    }

    public static Loop FullLoop(DateTimeOffset? now = null)
    {
        var loop = new Loop();
        if (now is { } at)
        {
            loop.Now = at;
        }

        var ana = loop.Interview("Ana Ng", "ml-system-design-case", Design, MlOps, Communication);
        var ben = loop.Interview("Ben Li", "hands-on-coding", Production, Judgment);
        var cem = loop.Interview("Cem Oz", "debugging-scenario", MlOps, Production, Judgment);
        var dee = loop.Interview("Dee Ra", "data-quality-exercise", Data, Communication);
        var eve = loop.Interview("Eve Pending", "ml-system-design-case", Design, Leadership);
        loop.Submit(ana, [(Design, 3, LongEvidence(900, 1)), (MlOps, 4, "Planned drift alerts and a rollback."), (Communication, null, string.Empty)], ["pragmatic-tradeoffs"], Recommendation.Hire, "PRIVATE-NOTE-ANA probe leadership");
        loop.Submit(ben, [(Production, 2, "No input validation; said the model output needs no checks."), (Judgment, 3, "Used a baseline but no leakage check.")], ["ships-without-guardrails", "no-drift-detection"], Recommendation.NoHire, "PRIVATE-NOTE-BEN");
        loop.Submit(cem, [(MlOps, 2, "Found the bad release but only after a hint."), (Production, 4, "Methodical triage."), (Judgment, 4, "Named training-serving skew.")], ["pragmatic-tradeoffs"], Recommendation.StrongHire);
        loop.SaveDraft(eve, [(Design, 1, "DRAFT evidence")], ["blames-stakeholders"], Recommendation.StrongNoHire, "PRIVATE-NOTE-EVE draft");
        loop.MarkNotHeld(dee, NotHeldReason.NoShow);

        // Ana has scored design 2 on average over five earlier loops, where everyone averaged 3.5.
        loop.History = new CalibrationHistory(
            new Dictionary<string, InterviewerCalibration> { [CalibrationHistory.Key(ana.Interviewer.AadObjectId)] = new(5, new Dictionary<string, ScoreTally> { [Design] = new(10, 5) }) },
            new Dictionary<string, ScoreTally> { [Design] = new(35, 10), [MlOps] = new(30, 10) });
        return loop;
    }

    /// <summary>Words of evidence, numbered so that a test can tell where an excerpt was cut.</summary>
    public static string LongEvidence(int length, int seed)
    {
        var text = new StringBuilder("<at>Evidence</at> \"");
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(seed == 0 && i == 0 ? "w0000" : $"w{seed:D2}{i % 100:D2}").Append(i % 7 == 6 ? ". **Said** " : " ");
        }

        return text.ToString(0, length);
    }

    /// <summary>A loop being filled in, one interview and one scorecard at a time.</summary>
    internal sealed class Loop
    {
        private readonly List<Interview> _interviews = [];
        private readonly List<Scorecard> _scorecards = [];
        private readonly Dictionary<string, NotHeldReason> _notHeld = new(StringComparer.Ordinal);

        public Domain.Templates.ScorecardTemplate Template { get; } = TestData.Template;

        public Candidate Candidate { get; init; } = new("candidate-1", "Jordan Lee", "ats-4411", Day.AddDays(-7));

        public CalibrationHistory History { get; set; } = CalibrationHistory.Empty;

        public DebriefPosting? LastPosting { get; set; }

        public DateTimeOffset Now { get; set; } = Day.AddDays(2);

        public IReadOnlyList<Scorecard> Scorecards => _scorecards;

        public Interview Interview(string name, string exerciseId, params string[] focus)
        {
            var n = _interviews.Count + 1;
            var start = Day.AddHours(n - 1);
            var interview = new Interview($"interview-{n}", "loop-1", Candidate.Id, new Person($"aad-{n}", name), exerciseId, focus, start, start.AddHours(1), start.AddHours(1) + Domain.Hiring.Interview.DefaultFeedbackWindow);
            _interviews.Add(interview);
            return interview;
        }

        public void Submit(Interview interview, (string Dimension, int? Score, string Evidence)[] ratings, string[] signals, Recommendation recommendation, string note = "") =>
            Save(interview, ratings, signals, recommendation, note, ScorecardStatus.Submitted);

        public void SaveDraft(Interview interview, (string Dimension, int? Score, string Evidence)[] ratings, string[] signals, Recommendation recommendation, string note = "") =>
            Save(interview, ratings, signals, recommendation, note, ScorecardStatus.Draft);

        public void MarkNotHeld(Interview interview, NotHeldReason reason) => _notHeld[interview.Id] = reason;

        public Debrief Aggregate() => DebriefAggregator.Aggregate(new DebriefInput(
            Template,
            Candidate,
            new HiringLoop("loop-1", Candidate.Id, Template.Id, [], [], Day.AddDays(-7)),
            [.. _interviews],
            [.. _scorecards],
            new Dictionary<string, NotHeldReason>(_notHeld, StringComparer.Ordinal),
            History,
            LastPosting,
            Now));

        private void Save(Interview interview, (string Dimension, int? Score, string Evidence)[] ratings, string[] signals, Recommendation recommendation, string note, ScorecardStatus status)
        {
            var version = _scorecards.Count(s => s.InterviewId == interview.Id) + 1;
            var at = interview.End.AddMinutes(30 * version);
            _scorecards.Add(new Scorecard(
                interview.Id,
                interview.CandidateId,
                interview.Interviewer.AadObjectId,
                [.. ratings.Select(r => new DimensionRating(r.Dimension, r.Score, r.Score is null, r.Evidence))],
                signals,
                recommendation,
                note,
                status,
                at,
                at,
                status == ScorecardStatus.Submitted ? at : null,
                version));
        }
    }
}
