using System.Net;
using InterviewBot.Cards;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Teams.Clients;
using static InterviewBot.Tests.Debriefs.DebriefPanel;
using static InterviewBot.Tests.Reminders.ReminderScene;

namespace InterviewBot.Tests.Debriefs;

/// <summary>
/// A requisition may ask for the debrief to post itself once the last expected scorecard arrives; interviews that
/// did not happen are not waited for. By default nothing posts until someone asks.
/// </summary>
public sealed class AutoDebriefTests : IDisposable
{
    private static readonly DebriefSettingsRequest AutoPost = new(LockOnPost: null, AutoPost: true);

    private readonly DebriefPanel _panel = new();

    public void Dispose() => _panel.Dispose();

    [Fact]
    public async Task Submit_LastExpectedScorecardWithAutoPost_PostsTheFullDebriefOnceAndLocks()
    {
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy, Otto, Nia, Uma], debrief: AutoPost);
        await _panel.LinkAsync("Jordan Lee");
        _panel.AfterTheInterviews();
        await _panel.Scene.MarkNotHeldAsync(Uma, InterviewOf(plan, Uma).Id, NotHeldReason.NoShow);
        await _panel.SubmitAsync(Ivy, plan);
        await _panel.SubmitAsync(Otto, plan);
        Assert.Empty(_panel.Threads);

        await _panel.SubmitAsync(Nia, plan);

        var thread = Assert.Single(_panel.Threads);
        Assert.Equal("Debrief", thread.Lines[0]);
        Assert.Contains("3 of 3 submitted", thread.Lines);
        Assert.Contains("Interviews that did not happen", thread.Lines);
        var state = await _panel.DebriefStateAsync(plan);
        Assert.True(state?.Locked);
        Assert.False(state?.LastPosting?.Partial);

        // Teams redelivering the last click changes nothing and posts nothing more.
        await _panel.Scene.ClickAsync(Nia, ScorecardVerbs.Submit, Inputs(Nia, InterviewOf(plan, Nia).Id, 0, 4, Recommendation.Hire));
        Assert.Single(_panel.Threads);
    }

    [Fact]
    public async Task NotHeld_LastMissingInterviewDidNotHappen_PostsTheDebriefTheOthersWereWaitingFor()
    {
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy, Otto, Uma], debrief: AutoPost);
        await _panel.LinkAsync("Jordan Lee");
        _panel.AfterTheInterviews();
        await _panel.SubmitAsync(Ivy, plan);
        await _panel.SubmitAsync(Otto, plan);
        Assert.Empty(_panel.Threads);

        await _panel.Scene.MarkNotHeldAsync(Uma, InterviewOf(plan, Uma).Id, NotHeldReason.Cancelled);

        var thread = Assert.Single(_panel.Threads);
        Assert.Contains("2 of 2 submitted", thread.Lines);
        Assert.True((await _panel.DebriefStateAsync(plan))?.Locked);
    }

    [Fact]
    public async Task Sweep_AutomaticPostThatTeamsRefused_IsPostedByTheSweepOnce()
    {
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy, Otto], debrief: AutoPost);
        await _panel.LinkAsync("Jordan Lee");
        _panel.AfterTheInterviews();
        await _panel.SubmitAsync(Ivy, plan);
        _panel.Fixture.Connector.CreateFailure = new ConnectorException(HttpStatusCode.ServiceUnavailable, null, "CreateConversation failed with 503.");

        await _panel.SubmitAsync(Otto, plan);
        _panel.Fixture.Connector.CreateFailure = null;
        Assert.Single(_panel.Threads);
        Assert.False((await _panel.DebriefStateAsync(plan))?.Locked);

        await _panel.Scene.RunUntilAsync(Day + " 15:30", TimeSpan.FromMinutes(1));

        Assert.Equal(2, _panel.Threads.Count);
        var thread = _panel.Threads[^1];
        Assert.Contains("2 of 2 submitted", thread.Lines);
        Assert.True((await _panel.DebriefStateAsync(plan))?.Locked);
    }

    [Fact]
    public async Task NotHeld_EveryInterviewDidNotHappen_PostsNothing()
    {
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy], debrief: AutoPost);
        await _panel.LinkAsync("Jordan Lee");
        _panel.AfterTheInterviews();

        await _panel.Scene.MarkNotHeldAsync(Ivy, InterviewOf(plan, Ivy).Id, NotHeldReason.NoShow);

        Assert.Empty(_panel.Threads);
    }

    [Fact]
    public async Task Submit_LastScorecardWithoutAutoPost_PostsNothing()
    {
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy, Otto]);
        await _panel.LinkAsync("Jordan Lee");
        _panel.AfterTheInterviews();

        await _panel.SubmitAsync(Ivy, plan);
        await _panel.SubmitAsync(Otto, plan);

        Assert.Empty(_panel.Threads);
        Assert.Null((await _panel.DebriefStateAsync(plan))?.LastPosting);
    }

    [Fact]
    public async Task Submit_LastScorecardAfterAPartialDebrief_PostsTheFullOne()
    {
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy, Otto], debrief: AutoPost);
        await _panel.LinkAsync("Jordan Lee");
        _panel.AfterTheInterviews();
        await _panel.SubmitAsync(Ivy, plan);
        var missing = await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");
        await _panel.Scene.ClickAsync(Recruiter, missing, "Post partial debrief");

        await _panel.SubmitAsync(Otto, plan);

        Assert.Equal(["Partial debrief", "Debrief"], _panel.Threads.Select(t => t.Lines[0]));
        Assert.Contains("Otto Interviewer submitted after posting", _panel.Threads[1].Lines);
        Assert.True((await _panel.DebriefStateAsync(plan))?.Locked);
    }

    [Fact]
    public async Task Submit_LastScorecardWithAutoPostButNoChannel_PostsNothingAndTheScorecardIsStillSubmitted()
    {
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy], debrief: AutoPost);
        _panel.AfterTheInterviews();

        await _panel.SubmitAsync(Ivy, plan);

        Assert.Empty(_panel.Threads);
        Assert.Equal(ScorecardStatus.Submitted, (await _panel.StoredScorecardAsync(plan, Ivy))?.Status);
        Assert.Equal("No hiring channel yet", Title(await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee")));
    }
}
