using InterviewBot.Cards;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Tests.Support;
using static InterviewBot.Tests.Debriefs.DebriefPanel;
using static InterviewBot.Tests.Reminders.ReminderScene;

namespace InterviewBot.Tests.Debriefs;

/// <summary>
/// The debrief marks a score "usually harsher" or "usually more lenient" when the interviewer has submitted at least
/// five scorecards and their average on that dimension sits 0.75 or more from everyone's. Every submit through the
/// scorecard card feeds the tallies.
/// </summary>
public sealed class CalibrationHintTests : IDisposable
{
    private const string Dimension = "ml-systems-design";

    private readonly DebriefPanel _panel = new();

    public void Dispose() => _panel.Dispose();

    [Theory]
    [InlineData(4, true)]
    [InlineData(3, false)]
    public async Task Debrief_InterviewerWhoUsuallyScoresFarFromEveryone_IsMarkedOnceTheyHaveFiveScorecards(int earlierLoops, bool marked)
    {
        // Ivy always scores low, Otto high, Uma in the middle, where everyone's average lies.
        await _panel.StartAsync();
        var earlier = new List<LoopPlan>();
        for (var i = 1; i <= earlierLoops; i++)
        {
            earlier.Add(await _panel.CreateLoopAsync($"Earlier Candidate {i}", [Ivy, Otto, Uma]));
        }

        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy, Otto, Uma, Nia]);
        await _panel.LinkAsync("Jordan Lee");
        _panel.AfterTheInterviews();
        foreach (var loop in earlier)
        {
            await _panel.SubmitAsync(Ivy, loop, 1, Recommendation.NoHire);
            await _panel.SubmitAsync(Otto, loop, 5, Recommendation.StrongHire);
            await _panel.SubmitAsync(Uma, loop, 3, Recommendation.Hire);
        }

        await _panel.SubmitAsync(Ivy, plan, 2, Recommendation.NoHire);
        await _panel.SubmitAsync(Otto, plan, 5, Recommendation.StrongHire);
        await _panel.SubmitAsync(Uma, plan, 3, Recommendation.Hire);
        await _panel.SubmitAsync(Nia, plan, 4, Recommendation.Hire);

        await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");

        var scores = ScoresOn(Assert.Single(_panel.Threads));
        Assert.Equal(marked ? "Ivy Interviewer 2/5 · usually harsher" : "Ivy Interviewer 2/5", scores["Ivy"]);
        Assert.Equal(marked ? "Otto Interviewer 5/5 · usually more lenient" : "Otto Interviewer 5/5", scores["Otto"]);

        // Uma has as many scorecards but scores like everyone; Nia has one.
        Assert.Equal("Uma Interviewer 3/5", scores["Uma"]);
        Assert.Equal("Nia Interviewer 4/5", scores["Nia"]);
    }

    [Fact]
    public async Task Debrief_ResubmittedScorecard_CountsOnceInTheInterviewersHistory()
    {
        // Five loops where Ivy first scored 5 then, after an unlock, corrected to 1: she is harsher, not average.
        await _panel.StartAsync();
        var loops = new List<LoopPlan>();
        for (var i = 1; i <= 5; i++)
        {
            loops.Add(await _panel.CreateLoopAsync($"Earlier Candidate {i}", [Ivy, Otto], debrief: new DebriefSettingsRequest(LockOnPost: false, AutoPost: null)));
        }

        _panel.AfterTheInterviews();
        foreach (var loop in loops)
        {
            await _panel.SubmitAsync(Otto, loop, 4, Recommendation.Hire);
            await _panel.SubmitAsync(Ivy, loop, 5, Recommendation.StrongHire);
            await _panel.Scene.ClickAsync(Ivy, ScorecardVerbs.Submit, Inputs(Ivy, InterviewOf(loop, Ivy).Id, 1, 1, Recommendation.NoHire, " Corrected."));
        }

        await _panel.Scene.SayInChannelAsync(Recruiter, "link Earlier Candidate 5");
        await _panel.Scene.SayAsync(Recruiter, "debrief Earlier Candidate 5");

        // Ivy: 5 scorecards averaging 1; everyone: (5 × 1 + 5 × 4) / 10 = 2.5. Counted twice she would average 3.
        var scores = ScoresOn(Assert.Single(_panel.Threads));
        Assert.Equal("Ivy Interviewer 1/5 · usually harsher", scores["Ivy"]);
    }

    /// <summary>Each interviewer's line on the dimension, up to the evidence: "Ivy Interviewer 2/5 · usually harsher".</summary>
    private static Dictionary<string, string> ScoresOn(PostedThread thread) =>
        CardJson.ById(thread.Card, "dimension." + Dimension)["items"]!.AsArray()
            .Skip(1)
            .Select(item => Lines(item!).Single())
            .Where(line => line.Contains("/5", StringComparison.Ordinal))
            .Select(line => line.Split(" — ")[0])
            .ToDictionary(line => line.Split(' ')[0], StringComparer.Ordinal);
}
