using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Reminders;
using InterviewBot.Tests.Reminders;
using InterviewBot.Tests.Support;
using static InterviewBot.Tests.Reminders.ReminderScene;

namespace InterviewBot.Tests.Loops;

/// <summary>
/// <c>status &lt;candidate&gt;</c>, typed by the loop's recruiter or hiring manager: who has submitted, who is
/// pending, who is late and by how long, and which interviews did not happen; never what anyone rated.
/// </summary>
public sealed class StatusCommandTests : IDisposable
{
    private const string Evidence = "Designed feature freshness tiers and a shadow rollout.";
    private const string DraftEvidence = "Half-written: strong on batch features, unsure about serving.";

    private readonly ReminderScene _scene = new();

    public void Dispose() => _scene.Dispose();

    [Theory]
    [InlineData("Recruiter")]
    [InlineData("Manager")]
    public async Task Status_ByTheLoopsRecruiterOrHiringManager_ShowsWhereEachInterviewStands(string who)
    {
        var plan = await PanelAsync();
        await _scene.RunUntilAsync("2026-12-02 13:00");

        var card = await _scene.SayAsync(who == "Recruiter" ? Recruiter : Manager, "status Jordan Lee");

        var text = CardJson.VisibleText(card);
        Assert.StartsWith("Loop status\nCandidate: \nJordan Lee\nSenior Machine Learning Engineer · 1 of 4 scorecards submitted", text, StringComparison.Ordinal);
        Assert.Equal(
            [
                "Nia Interviewer · ML system design case: Submitted Mon 30 Nov 2026, 12:00 Europe/Berlin",
                "Eli Interviewer · ML system design case: Didn't happen (the candidate did not show up)",
                "Ivy Interviewer · ML system design case: Overdue by 1 day",
                "Otto Interviewer · ML system design case: Pending (draft saved)",
                "Uma Interviewer · ML system design case: Interview not over yet",
            ],
            Lines(card));
        Assert.Equal("attention", (string?)CardJson.OfType(card, "TextBlock").Single(t => ((string?)t["text"])!.StartsWith("Overdue", StringComparison.Ordinal))["color"]);
        Assert.Equal(5, plan.Interviews.Count);
    }

    [Fact]
    public async Task Status_WithSubmittedAndDraftScorecards_NeverShowsRatingsEvidenceOrNotes()
    {
        await PanelAsync();
        await _scene.RunUntilAsync("2026-12-02 13:00");

        var json = (await _scene.SayAsync(Manager, "status Jordan Lee")).ToJsonString();

        Assert.DoesNotContain(Evidence, json, StringComparison.Ordinal);
        Assert.DoesNotContain(DraftEvidence, json, StringComparison.Ordinal);
        Assert.DoesNotContain("Private", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("StrongHire", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Strong hire", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("rating", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"Input.", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OverdueByHours_SaysHowManyHours()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.RunUntilAsync("2026-12-04 17:30");

        var card = await _scene.SayAsync(Recruiter, "status Jordan Lee");

        Assert.Equal(["Ivy Interviewer · ML system design case: Overdue by 3 h"], Lines(card));
    }

    [Theory]
    [InlineData("Ivy")]
    [InlineData("Otto")]
    [InlineData("Stranger")]
    public async Task Status_BySomeoneWhoNeitherRecruitsNorHiresForTheLoop_ShowsNothingOfIt(string who)
    {
        var caller = who switch { "Ivy" => Ivy, "Otto" => Otto, _ => Stranger };
        var plan = await PanelAsync();
        await _scene.RunUntilAsync("2026-12-02 13:00");
        var sent = _scene.Messages.Count;

        var byName = await _scene.SayAsync(caller, "status Jordan Lee");
        var byLoopId = await _scene.SayAsync(caller, "status " + plan.Loop.Id);
        var byCandidateId = await _scene.SayAsync(caller, "status " + plan.Candidate.Id);

        foreach (var card in new[] { byName, byLoopId, byCandidateId })
        {
            var text = CardJson.VisibleText(card);
            Assert.StartsWith("No matching candidate", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Jordan Lee", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Ivy Interviewer", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Overdue", text, StringComparison.Ordinal);
        }

        Assert.Equal(sent + 3, _scene.Messages.Count);
    }

    [Fact]
    public async Task Status_ForgedButtonNamingAnotherLoop_IsRefused()
    {
        var plan = await PanelAsync();
        await _scene.RunUntilAsync("2026-12-02 13:00");

        var card = await _scene.ClickAsync(Ivy, "loop.status", new Dictionary<string, object?> { ["loopId"] = plan.Loop.Id });

        var text = CardJson.VisibleText(card);
        Assert.StartsWith("Not your loop", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Overdue", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Submitted", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status jordan lee")]
    [InlineData("STATUS   Jordan Lee")]
    [InlineData("status Jordan")]
    [InlineData("status ats-4411")]
    public async Task Status_ByNamePartOfNameOrAtsId_FindsTheLoop(string text)
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        await _scene.CreateLoopAsync("Jordan Lee", "ats-4411", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.CreateLoopAsync("Casey Stone", "ats-5000", (Otto, "2026-12-03 13:00", "2026-12-03 14:00"));

        var card = await _scene.SayAsync(Recruiter, text);

        Assert.Equal(["Ivy Interviewer · ML system design case: Interview not over yet"], Lines(card));
    }

    [Fact]
    public async Task Status_ByLoopIdOrCandidateId_FindsTheLoop()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        var plan = await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.CreateLoopAsync("Casey Stone", (Otto, "2026-12-03 13:00", "2026-12-03 14:00"));

        var byLoop = await _scene.SayAsync(Manager, "status " + plan.Loop.Id);
        var byCandidate = await _scene.SayAsync(Manager, "status " + plan.Candidate.Id);

        Assert.Equal(["Ivy Interviewer · ML system design case: Interview not over yet"], Lines(byLoop));
        Assert.Equal(["Ivy Interviewer · ML system design case: Interview not over yet"], Lines(byCandidate));
    }

    [Theory]
    [InlineData("status Nobody Known", "No matching candidate")]
    [InlineData("status", "Which candidate?")]
    [InlineData("status    ", "Which candidate?")]
    public async Task Status_UnknownOrMissingName_SaysSoClearly(string text, string title)
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));

        var card = await _scene.SayAsync(Recruiter, text);

        Assert.StartsWith(title, CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Empty(CardJson.Actions(card));
    }

    /// <summary>
    /// The status lines of a status card, one per interview: "name · exercise: state".
    /// </summary>
    internal static IReadOnlyList<string> Lines(JsonObject card) =>
        [.. CardJson.OfType(card, "Container").Select(c =>
        {
            var runs = CardJson.OfType(c, "TextRun").Select(r => (string?)r["text"]);
            var state = CardJson.OfType(c, "TextBlock").Select(t => (string?)t["text"]).Single();
            return string.Concat(runs) + ": " + state;
        })];

    /// <summary>
    /// Jordan Lee's loop on Monday 30 November and Wednesday 2 December 2026: Nia submits, Eli's candidate does not
    /// show up, Ivy never writes, Otto saves a draft of an interview whose feedback is not due yet, Uma's is later.
    /// </summary>
    private async Task<LoopPlan> PanelAsync()
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-11-30 08:00");
        var plan = await _scene.CreateLoopAsync(
            "Jordan Lee",
            (Nia, "2026-11-30 09:00", "2026-11-30 10:00"),
            (Eli, "2026-11-30 09:30", "2026-11-30 10:30"),
            (Ivy, "2026-11-30 10:00", "2026-11-30 11:00"),
            (Otto, "2026-12-02 09:00", "2026-12-02 10:00"),
            (Uma, "2026-12-02 15:00", "2026-12-02 16:00"));
        await _scene.RunUntilAsync("2026-11-30 12:00");
        await _scene.SubmitAsync(Nia, InterviewOf(plan, Nia).Id);
        await _scene.MarkNotHeldAsync(Eli, InterviewOf(plan, Eli).Id, NotHeldReason.NoShow);
        await _scene.RunUntilAsync("2026-12-02 11:00");
        await _scene.ClickAsync(Otto, ScorecardVerbs.Save, new Dictionary<string, object?>
        {
            ["interviewId"] = InterviewOf(plan, Otto).Id,
            ["baseVersion"] = 0,
            ["rating.ml-systems-design"] = "3",
            ["evidence.ml-systems-design"] = DraftEvidence,
        });
        return plan;
    }
}
