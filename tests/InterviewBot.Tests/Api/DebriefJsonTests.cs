using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Api;
using InterviewBot.Cards;
using InterviewBot.Domain.Debriefs;
using InterviewBot.Tests.Cards;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Api;

public sealed class DebriefJsonTests
{
    [Theory]
    [InlineData("partial")]
    [InlineData("complete")]
    [InlineData("large")]
    public void From_SameDebrief_ShowsTheCardsMeansAndTallies(string variant)
    {
        var debrief = variant switch
        {
            "partial" => DebriefSamples.Full(),
            "complete" => DebriefSamples.Complete(),
            _ => DebriefSamples.Large(),
        };

        var json = Json(debrief);
        var card = CardJson.Of(DebriefCard.ForChannel(debrief));

        var chart = CardJson.OfType(card, "Chart.VerticalBar").Single()["data"]!.AsArray().ToDictionary(p => (string)p!["x"]!, p => (double)p!["y"]!);
        foreach (var dimension in json["dimensions"]!.AsArray())
        {
            var name = (string)dimension!["name"]!;
            var summary = CardJson.VisibleText(CardJson.ById(card, "dimension." + (string)dimension["id"]!));
            if ((double?)dimension["mean"] is { } mean)
            {
                Assert.Equal(chart[name], mean);
                Assert.Contains("mean " + mean.ToString("0.0", CultureInfo.InvariantCulture), summary, StringComparison.Ordinal);
                Assert.Contains((int)dimension["min"]! == (int)dimension["max"]! ? $"all {dimension["min"]}" : $"range {dimension["min"]}–{dimension["max"]}", summary, StringComparison.Ordinal);
            }
            else
            {
                Assert.False(chart.ContainsKey(name));
                Assert.Contains("no scores", summary, StringComparison.Ordinal);
            }

            Assert.Equal((bool)dimension["disagreement"]!, summary.Contains("⚠ Disagreement", StringComparison.Ordinal));
        }

        foreach (var tally in json["recommendations"]!.AsArray())
        {
            var line = CardJson.VisibleText(CardJson.ById(card, "tally." + char.ToUpperInvariant(((string)tally!["recommendation"]!)[0]) + ((string)tally["recommendation"]!)[1..]));
            Assert.StartsWith($"{(string)tally["label"]!}: {(int)tally["count"]!}", line, StringComparison.Ordinal);
        }

        Assert.Contains($"{(int)json["completion"]!["submitted"]!} of {(int)json["completion"]!["expected"]!} submitted", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    [Fact]
    public void From_Debrief_WritesCamelCaseNamesAndEnumsAsStrings()
    {
        var json = Json(DebriefSamples.Full());

        Assert.Equal("loop-1", (string?)json["loopId"]);
        Assert.Equal("Jordan Lee", (string?)json["candidate"]?["name"]);
        Assert.Equal("ats-4411", (string?)json["candidate"]?["externalId"]);
        Assert.Equal("senior-ml-engineer", (string?)json["template"]);
        Assert.Equal("Senior Machine Learning Engineer", (string?)json["role"]);
        Assert.Equal(["strongHire", "hire", "noHire", "strongNoHire"], json["recommendations"]!.AsArray().Select(r => (string)r!["recommendation"]!));
        Assert.Equal(["Strong Hire", "Hire", "No Hire", "Strong No Hire"], json["recommendations"]!.AsArray().Select(r => (string)r!["label"]!));
        var production = Dimension(json, "production-engineering");
        Assert.Equal(["scoreSpread", "hireAndNoHire"], production["disagreementReasons"]!.AsArray().Select(r => (string)r!));
        var design = Dimension(json, "ml-systems-design");
        var ana = design["scores"]!.AsArray().Single(s => (string?)s!["interview"]!["interviewer"]!["name"] == "Ana Ng")!;
        Assert.Equal("harsher", (string?)ana["calibration"]?["tendency"]);
        Assert.Equal(2.0, (double?)ana["calibration"]?["interviewerMean"]);
        Assert.Equal(3.5, (double?)ana["calibration"]?["overallMean"]);
        Assert.Equal(["awaitingScorecards", "markedNotAssessed", "notInAnyFocus"], json["coverageGaps"]!.AsArray().Select(g => (string)g!["reason"]!).Order(StringComparer.Ordinal));
        Assert.Equal("noShow", (string?)json["notHeld"]![0]!["reason"]);
        Assert.Equal("Dee Ra", (string?)json["notHeld"]![0]!["interview"]!["interviewer"]!["name"]);
        Assert.Equal("ships-without-guardrails", (string?)json["redFlags"]![0]!["signal"]);
        Assert.Equal("aad-2", (string?)json["redFlags"]![0]!["raisedBy"]![0]!["interview"]!["interviewer"]!["aadObjectId"]);
    }

    [Fact]
    public void From_PartialDebrief_SaysWhoIsMissingAndHowLate()
    {
        var json = Json(DebriefSamples.Full());

        Assert.True((bool?)json["partial"]);
        Assert.Equal(4, (int?)json["completion"]?["expected"]);
        Assert.Equal(3, (int?)json["completion"]?["submitted"]);
        var missing = json["completion"]!["missing"]!.AsArray().Single()!;
        Assert.Equal("Eve Pending", (string?)missing["interview"]?["interviewer"]?["name"]);
        Assert.True((bool?)missing["overdue"]);
        Assert.Equal(19 * 60, (long?)missing["minutesLate"]);
    }

    [Fact]
    public void From_EvidenceAndScores_AreThereInFullWithTheCardsExcerpt()
    {
        var debrief = DebriefSamples.Full();

        var design = Dimension(Json(debrief), "ml-systems-design");

        var ana = design["scores"]!.AsArray().Single(s => (string?)s!["interview"]!["interviewer"]!["name"] == "Ana Ng")!;
        Assert.Equal(3, (int?)ana["score"]);
        Assert.False((bool?)ana["notAssessed"]);
        Assert.Equal(900, ((string)ana["evidence"]!).Length);
        Assert.Equal(debrief.Dimensions[0].Entries[0].Excerpt, (string?)ana["excerpt"]);
    }

    [Fact]
    public void From_PrivateNotesAndDrafts_NeverAppear()
    {
        var text = JsonSerializer.Serialize(DebriefJson.From(DebriefSamples.Full()), ApiJson.Options);

        Assert.DoesNotContain("PRIVATE-NOTE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DRAFT evidence", text, StringComparison.Ordinal);
        Assert.DoesNotContain("privateNote", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void From_ScorecardChangedAfterPosting_ListsItWithBothVersions()
    {
        var json = Json(DebriefSamples.ChangedAfterPosting());

        var changed = json["changedAfterPosting"]!.AsArray().Single()!;
        Assert.Equal("Ben Li", (string?)changed["interview"]?["interviewer"]?["name"]);
        Assert.Equal(1, (int?)changed["postedVersion"]);
        Assert.Equal(2, (int?)changed["currentVersion"]);
        Assert.Equal(2, (int?)json["scorecardVersions"]?["interview-2"]);
    }

    private static JsonObject Json(Debrief debrief) =>
        JsonNode.Parse(JsonSerializer.Serialize(DebriefJson.From(debrief), ApiJson.Options))!.AsObject();

    private static JsonObject Dimension(JsonObject json, string id) =>
        json["dimensions"]!.AsArray().Single(d => (string?)d!["id"] == id)!.AsObject();
}
