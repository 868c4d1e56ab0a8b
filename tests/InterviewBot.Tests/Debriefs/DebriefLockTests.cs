using InterviewBot.Cards;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Tests.Support;
using static InterviewBot.Tests.Debriefs.DebriefPanel;
using static InterviewBot.Tests.Reminders.ReminderScene;

namespace InterviewBot.Tests.Debriefs;

/// <summary>
/// Once the full debrief is posted the panel decides on what it read: the loop's scorecards lock (unless the
/// requisition says not to), only a recruiter can unlock them, and every change after that is kept and pointed
/// out by the next debrief.
/// </summary>
public sealed class DebriefLockTests : IDisposable
{
    private const string Locked = "The debrief for this candidate has been posted, so the loop's scorecards are locked and nothing was changed. If you need to correct yours, ask the recruiter to unlock the loop.";

    private readonly DebriefPanel _panel = new();

    public void Dispose() => _panel.Dispose();

    [Fact]
    public async Task FullDebrief_Posted_LocksTheLoop()
    {
        var plan = await PostedAsync();

        var state = await _panel.DebriefStateAsync(plan);

        Assert.True(state?.Locked);
        Assert.False(state?.LastPosting?.Partial);
    }

    [Fact]
    public async Task Edit_LockedLoop_SaysTheLoopIsLockedAndOffersNoForm()
    {
        var plan = await PostedAsync();

        var card = await _panel.Scene.ClickAsync(Ivy, ScorecardVerbs.Edit, ScorecardCard.ActionData(InterviewOf(plan, Ivy).Id, 1));

        Assert.Contains(Locked, Lines(card));
        Assert.Empty(CardJson.OfType(card, "Input.Text"));
        Assert.DoesNotContain(CardJson.Actions(card), a => (string?)a["verb"] is ScorecardVerbs.Submit or ScorecardVerbs.Save);
    }

    [Theory]
    [InlineData(ScorecardVerbs.Submit)]
    [InlineData(ScorecardVerbs.Save)]
    public async Task SubmitOrSave_LockedLoop_SaysTheLoopIsLockedAndStoresNothing(string verb)
    {
        var plan = await PostedAsync();
        var before = await _panel.StoredScorecardAsync(plan, Ivy);
        var writes = _panel.Fixture.Tables.Writes.Count;

        var card = await _panel.Scene.ClickAsync(Ivy, verb, Inputs(Ivy, InterviewOf(plan, Ivy).Id, 1, 1, Recommendation.StrongNoHire, " Changed my mind."));

        Assert.Contains(Locked, Lines(card));
        Assert.Equal(writes, _panel.Fixture.Tables.Writes.Count);
        var after = await _panel.StoredScorecardAsync(plan, Ivy);
        Assert.Equal((before?.Version, before?.UpdatedAt, before?.Recommendation), (after?.Version, after?.UpdatedAt, after?.Recommendation));
        Assert.Equal(EvidenceOf(Ivy, "ml-systems-design"), after?.RatingFor("ml-systems-design").Evidence);
        Assert.Empty(await _panel.Fixture.Store.GetScorecardHistoryAsync(plan.Candidate.Id, InterviewOf(plan, Ivy).Id));
    }

    [Fact]
    public async Task Unlock_ByTheHiringManager_IsRefusedAndTheLoopStaysLocked()
    {
        var plan = await PostedAsync();

        var card = await _panel.Scene.SayAsync(Manager, "unlock Jordan Lee");

        Assert.Equal("Only a recruiter can unlock", Title(card));
        Assert.True((await _panel.DebriefStateAsync(plan))?.Locked);
        var edit = await _panel.Scene.ClickAsync(Ivy, ScorecardVerbs.Edit, ScorecardCard.ActionData(InterviewOf(plan, Ivy).Id, 1));
        Assert.Contains(Locked, Lines(edit));
    }

    [Theory]
    [InlineData("Ivy")]
    [InlineData("Stranger")]
    public async Task Unlock_ByAnInterviewerOrStranger_FindsNothingAndTheLoopStaysLocked(string who)
    {
        var plan = await PostedAsync();

        var card = await _panel.Scene.SayAsync(who == "Ivy" ? Ivy : Stranger, "unlock Jordan Lee");

        Assert.Equal("No matching candidate", Title(card));
        Assert.True((await _panel.DebriefStateAsync(plan))?.Locked);
    }

    [Fact]
    public async Task Unlock_ByTheRecruiter_LetsInterviewersEditAgain()
    {
        var plan = await PostedAsync();

        var card = await _panel.Scene.SayAsync(Recruiter, "unlock Jordan Lee");

        Assert.Equal("Scorecards unlocked", Title(card));
        var state = await _panel.DebriefStateAsync(plan);
        Assert.False(state?.Locked);
        Assert.Equal(Recruiter.AadObjectId, state?.UnlockedBy);
        var edit = await _panel.Scene.ClickAsync(Ivy, ScorecardVerbs.Edit, ScorecardCard.ActionData(InterviewOf(plan, Ivy).Id, 1));
        Assert.DoesNotContain(Locked, Lines(edit));
        Assert.Equal(ScorecardVerbs.Submit, (string?)CardJson.Action(edit, "Submit changes")["verb"]);
    }

    [Fact]
    public async Task Unlock_LoopThatIsNotLocked_SaysSo()
    {
        var plan = await PostedAsync();
        await _panel.Scene.SayAsync(Recruiter, "unlock Jordan Lee");

        var card = await _panel.Scene.SayAsync(Recruiter, "unlock Jordan Lee");

        Assert.Equal("Not locked", Title(card));
        Assert.False((await _panel.DebriefStateAsync(plan))?.Locked);
    }

    [Fact]
    public async Task EditAfterUnlock_KeepsTheSubmittedVersionAndTheNextDebriefSaysItChangedAfterPosting()
    {
        var plan = await PostedAsync();
        var ivys = InterviewOf(plan, Ivy).Id;
        await _panel.Scene.SayAsync(Recruiter, "unlock Jordan Lee");

        var resubmitted = await _panel.Scene.ClickAsync(Ivy, ScorecardVerbs.Submit, Inputs(Ivy, ivys, 1, 2, Recommendation.NoHire, " On reflection, weaker."));
        var reply = await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");

        Assert.Equal("Scorecard submitted", Title(resubmitted));
        var kept = Assert.Single(await _panel.Fixture.Store.GetScorecardHistoryAsync(plan.Candidate.Id, ivys));
        Assert.Equal(1, kept.Version);
        Assert.Equal(Recommendation.Hire, kept.Recommendation);
        Assert.Equal(EvidenceOf(Ivy, "ml-systems-design"), kept.Ratings.Single(r => r.DimensionId == "ml-systems-design").Evidence);
        var current = await _panel.StoredScorecardAsync(plan, Ivy);
        Assert.Equal(2, current?.Version);
        Assert.Equal(Recommendation.NoHire, current?.Recommendation);

        Assert.Equal("Debrief posted", Title(reply));
        Assert.Contains("All scorecards are in. It notes the scorecards changed since the last debrief.", Lines(reply));
        Assert.Equal(2, _panel.Threads.Count);
        Assert.DoesNotContain(_panel.Threads[0].Lines, l => l.StartsWith("Updated:", StringComparison.Ordinal));
        var second = _panel.Threads[1];
        Assert.Contains("Updated: a scorecard changed after the debrief was posted", second.Lines);
        Assert.Contains("Ivy Interviewer edited after posting", second.Lines);
        Assert.Contains(second.Lines, l => l.StartsWith("Ivy Interviewer 2/5", StringComparison.Ordinal));
        Assert.Contains(second.Lines, l => l.StartsWith("No Hire: 1 · Ivy Interviewer", StringComparison.Ordinal));
        Assert.True((await _panel.DebriefStateAsync(plan))?.Locked);
    }

    [Fact]
    public async Task FullDebrief_RequisitionSaysDoNotLock_LeavesScorecardsOpen()
    {
        var plan = await PostedAsync(new DebriefSettingsRequest(LockOnPost: false, AutoPost: null));
        var ivys = InterviewOf(plan, Ivy).Id;

        var edit = await _panel.Scene.ClickAsync(Ivy, ScorecardVerbs.Edit, ScorecardCard.ActionData(ivys, 1));
        var resubmitted = await _panel.Scene.ClickAsync(Ivy, ScorecardVerbs.Submit, Inputs(Ivy, ivys, 1, 3, Recommendation.Hire, " Added detail."));

        Assert.False((await _panel.DebriefStateAsync(plan))?.Locked);
        Assert.DoesNotContain(Locked, Lines(edit));
        Assert.Equal("Scorecard submitted", Title(resubmitted));
        Assert.Equal(2, (await _panel.StoredScorecardAsync(plan, Ivy))?.Version);
        Assert.Single(await _panel.Fixture.Store.GetScorecardHistoryAsync(plan.Candidate.Id, ivys));
    }

    /// <summary>Jordan Lee's panel of three has submitted and the recruiter has posted the full debrief.</summary>
    private async Task<LoopPlan> PostedAsync(DebriefSettingsRequest? debrief = null)
    {
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy, Otto, Nia], debrief: debrief);
        await _panel.LinkAsync("Jordan Lee");
        _panel.AfterTheInterviews();
        await _panel.SubmitAsync(Ivy, plan, 4, Recommendation.Hire);
        await _panel.SubmitAsync(Otto, plan, 5, Recommendation.StrongHire);
        await _panel.SubmitAsync(Nia, plan, 3, Recommendation.Hire);
        var posted = await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");
        Assert.Equal("Debrief posted", Title(posted));
        return plan;
    }
}
