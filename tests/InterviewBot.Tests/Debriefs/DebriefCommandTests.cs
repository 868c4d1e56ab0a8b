using System.Net;
using InterviewBot.Cards;
using InterviewBot.Debriefs;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Support;
using static InterviewBot.Tests.Debriefs.DebriefPanel;
using static InterviewBot.Tests.Reminders.ReminderScene;

namespace InterviewBot.Tests.Debriefs;

/// <summary>
/// <c>debrief &lt;candidate&gt;</c>: with every scorecard in, one new thread in the hiring channel and a link to it
/// for whoever asked; with some missing, who is missing and the choice to post a partial debrief or remind them.
/// </summary>
public sealed class DebriefCommandTests : IDisposable
{
    private readonly DebriefPanel _panel = new();

    public void Dispose() => _panel.Dispose();

    [Fact]
    public async Task Debrief_ThreeInterviewersSubmitted_PostsOneThreadToTheLinkedChannel()
    {
        var plan = await LinkedPanelAsync();
        await _panel.SubmitAsync(Ivy, plan, 4, Recommendation.Hire);
        await _panel.SubmitAsync(Otto, plan, 5, Recommendation.StrongHire);
        await _panel.SubmitAsync(Nia, plan, 2, Recommendation.NoHire);

        await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");

        var thread = Assert.Single(_panel.Threads);
        Assert.Equal(TestData.HiringChannelId, thread.ChannelId);
        Assert.Equal(TestData.ServiceUrl, thread.ServiceUrl);
        Assert.True(thread.Parameters.IsGroup);
        Assert.Equal(TestData.TenantId, thread.Parameters.TenantId);
        Assert.Equal(TestData.TenantId, ((TeamsChannelData)thread.Parameters.ChannelData!).Tenant?.Id);
        Assert.Equal(TestData.BotId, thread.Parameters.Bot?.Id);
        Assert.Equal("Debrief", thread.Lines[0]);
        Assert.Contains("Candidate: Jordan Lee", thread.Lines);
        Assert.Contains("3 of 3 submitted", thread.Lines);
        Assert.Contains(thread.Lines, l => l.StartsWith("Strong Hire: 1 · Otto Interviewer", StringComparison.Ordinal));
        Assert.Contains(thread.Lines, l => l.StartsWith("No Hire: 1 · Nia Interviewer", StringComparison.Ordinal));
        Assert.Contains(thread.Lines, l => l.StartsWith("Ivy Interviewer 4/5", StringComparison.Ordinal));
        Assert.Contains(EvidenceOf(Otto, "ml-systems-design"), thread.Card.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(thread.Lines, l => l.Contains("Partial", StringComparison.OrdinalIgnoreCase));
        foreach (var person in new[] { Ivy, Otto, Nia })
        {
            Assert.DoesNotContain(NoteOf(person), thread.Card.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Debrief_Posted_AnswersTheRequesterWithAButtonThatOpensTheThread()
    {
        var plan = await LinkedPanelAsync();
        await SubmitAllAsync(plan);

        var card = await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");

        Assert.Equal("Debrief posted", Title(card));
        Assert.Contains("Candidate: Jordan Lee", Lines(card));
        Assert.Contains("Channel: ML hiring", Lines(card));
        var open = CardJson.Action(card, "Open the debrief");
        Assert.Equal("Action.OpenUrl", (string?)open["type"]);
        var thread = (await _panel.DebriefStateAsync(plan))?.Thread;
        Assert.NotNull(thread);
        Assert.Equal(TestData.HiringChannelId + ";messageid=" + thread.ActivityId, thread.ConversationId);
        var url = new Uri((string)open["url"]!);
        Assert.Equal("teams.microsoft.com", url.Host);
        Assert.Equal($"/l/message/{Uri.EscapeDataString(TestData.HiringChannelId)}/{thread.ActivityId}", url.AbsolutePath);
        Assert.Contains("tenantId=" + TestData.TenantId, url.Query, StringComparison.Ordinal);
        Assert.Contains("parentMessageId=" + thread.ActivityId, url.Query, StringComparison.Ordinal);
        Assert.Single(_panel.Threads);
    }

    [Fact]
    public async Task Debrief_TypedInTheChannel_PostsTheThreadAndConfirmsThere()
    {
        var plan = await LinkedPanelAsync();
        await SubmitAllAsync(plan);

        var card = await _panel.Scene.SayInChannelAsync(Manager, "debrief Jordan Lee");

        Assert.Equal("Debrief posted", Title(card));
        Assert.Single(_panel.Threads);
    }

    [Fact]
    public async Task Debrief_NoHiringChannelLinked_SaysHowToLinkOneAndPostsNothing()
    {
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy, Otto], requisition: "REQ-7");
        _panel.AfterTheInterviews();
        await _panel.SubmitAsync(Ivy, plan);
        await _panel.SubmitAsync(Otto, plan);

        var card = await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");

        Assert.Equal("No hiring channel yet", Title(card));
        var text = string.Join(" ", Lines(card));
        Assert.Contains("in the channel mention me and type **link** with the candidate's name", text, StringComparison.Ordinal);
        Assert.Contains("or the requisition id", text, StringComparison.Ordinal);
        Assert.Empty(_panel.Fixture.Connector.Created);
        Assert.False((await _panel.DebriefStateAsync(plan))?.Locked ?? false);
    }

    [Fact]
    public async Task Debrief_ScorecardsMissing_AnswersWithWhoIsMissingAndTheTwoButtonsAndPostsNothing()
    {
        var plan = await LinkedPanelAsync();
        await _panel.SubmitAsync(Ivy, plan);

        var card = await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");

        Assert.Equal("2 scorecards are missing", Title(card));
        Assert.Contains(Lines(card), l => l.StartsWith("1 of 3 scorecards are in. A debrief posted now is labelled as partial in the channel", StringComparison.Ordinal));
        Assert.Contains(Lines(card), l => l.StartsWith("Otto Interviewer · ML system design case · due ", StringComparison.Ordinal));
        Assert.Contains(Lines(card), l => l.StartsWith("Nia Interviewer · ML system design case · due ", StringComparison.Ordinal));
        Assert.Equal(["Post partial debrief", "Remind them"], CardJson.Actions(card).Select(a => (string?)a["title"]));
        Assert.Equal(plan.Loop.Id, (string?)CardJson.Action(card, "Post partial debrief")["data"]!["loopId"]);
        Assert.Equal(plan.Loop.Id, (string?)CardJson.Action(card, "Remind them")["data"]!["loopId"]);
        Assert.DoesNotContain(EvidenceOf(Ivy, "ml-systems-design"), card.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("/5", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(_panel.Fixture.Connector.Created);
    }

    [Fact]
    public async Task PostPartial_OnTheMissingCard_PostsAThreadLabelledPartialAndLeavesScorecardsOpen()
    {
        var plan = await LinkedPanelAsync();
        await _panel.SubmitAsync(Ivy, plan);
        var missing = await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");

        var answer = await _panel.Scene.ClickAsync(Recruiter, missing, "Post partial debrief");

        Assert.Equal("Partial debrief posted", Title(answer));
        Assert.Contains("1 of 3 scorecards are in; the post says it is partial. Scorecards stay open.", Lines(answer));
        var thread = Assert.Single(_panel.Threads);
        Assert.Equal("Partial debrief", thread.Lines[0]);
        Assert.Contains("Partial debrief — 1 of 3 scorecards", thread.Lines);
        Assert.Contains("Still missing: Otto Interviewer, Nia Interviewer", thread.Lines);
        var state = await _panel.DebriefStateAsync(plan);
        Assert.False(state?.Locked);
        Assert.True(state?.LastPosting?.Partial);

        // Still open: Ivy can change hers, and the others can submit theirs.
        var edit = await _panel.Scene.ClickAsync(Ivy, ScorecardVerbs.Edit, ScorecardCard.ActionData(InterviewOf(plan, Ivy).Id, 1));
        Assert.DoesNotContain(Lines(edit), l => l.Contains("locked", StringComparison.Ordinal));
        Assert.Equal("Submit changes", (string?)CardJson.Action(edit, "Submit changes")["title"]);
        await _panel.SubmitAsync(Otto, plan);
    }

    [Fact]
    public async Task RemindThem_OnTheMissingCard_RemindsEachInterviewerWhoseScorecardIsMissing()
    {
        var plan = await LinkedPanelAsync();
        await _panel.SubmitAsync(Ivy, plan);
        var missing = await _panel.Scene.SayAsync(Manager, "debrief Jordan Lee");

        var answer = await _panel.Scene.ClickAsync(Manager, missing, "Remind them");

        Assert.Equal("Reminded 2 interviewers", Title(answer));
        Assert.Contains("Ivy Interviewer: skipped: already submitted", Lines(answer));
        Assert.Single(_panel.Scene.RemindersTo(Otto));
        Assert.Single(_panel.Scene.RemindersTo(Nia));
        Assert.Empty(_panel.Scene.RemindersTo(Ivy));
        Assert.Empty(_panel.Fixture.Connector.Created);
    }

    [Theory]
    [InlineData(DebriefVerbs.PostPartial)]
    [InlineData(DebriefVerbs.Remind)]
    [InlineData(DebriefActions.DebriefVerb)]
    public async Task Button_WithTheLoopIdPressedByAnInterviewerOrStranger_IsRefusedAndDoesNothing(string verb)
    {
        var plan = await LinkedPanelAsync();
        await _panel.SubmitAsync(Ivy, plan);
        await _panel.SubmitAsync(Otto, plan);
        var sent = _panel.Fixture.Connector.Calls.Count;

        var byInterviewer = await _panel.Scene.ClickAsync(Ivy, verb, new Dictionary<string, object?> { ["loopId"] = plan.Loop.Id });
        var byStranger = await _panel.Scene.ClickAsync(Stranger, verb, new Dictionary<string, object?> { ["loopId"] = plan.Loop.Id });

        Assert.Equal("Not your loop", Title(byInterviewer));
        Assert.Equal("Not your loop", Title(byStranger));
        Assert.Equal(sent, _panel.Fixture.Connector.Calls.Count);
        Assert.Null((await _panel.DebriefStateAsync(plan))?.LastPosting);
    }

    [Theory]
    [InlineData("Ivy")]
    [InlineData("Stranger")]
    public async Task Debrief_TypedBySomeoneWhoDoesNotManageTheLoop_FindsNothingAndPostsNothing(string who)
    {
        var plan = await LinkedPanelAsync();
        await SubmitAllAsync(plan);

        var byName = await _panel.Scene.SayAsync(who == "Ivy" ? Ivy : Stranger, "debrief Jordan Lee");
        var byLoopId = await _panel.Scene.SayAsync(who == "Ivy" ? Ivy : Stranger, "debrief " + plan.Loop.Id);

        Assert.Equal("No matching candidate", Title(byName));
        Assert.Equal("No matching candidate", Title(byLoopId));
        Assert.Empty(_panel.Fixture.Connector.Created);
    }

    [Fact]
    public async Task Debrief_HiringManagerWhoAlsoInterviewedAndHasNotSubmitted_IsRefusedUntilTheySubmit()
    {
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy, Otto, Manager]);
        await _panel.LinkAsync("Jordan Lee");
        _panel.AfterTheInterviews();
        await _panel.SubmitAsync(Ivy, plan);
        await _panel.SubmitAsync(Otto, plan);

        var typed = await _panel.Scene.SayAsync(Manager, "debrief Jordan Lee");
        var partial = await _panel.Scene.ClickAsync(Manager, DebriefVerbs.PostPartial, new Dictionary<string, object?> { ["loopId"] = plan.Loop.Id });

        Assert.Equal("Submit your own scorecard first", Title(typed));
        Assert.Equal("Submit your own scorecard first", Title(partial));
        Assert.Empty(_panel.Fixture.Connector.Created);
        foreach (var card in new[] { typed, partial })
        {
            Assert.DoesNotContain(EvidenceOf(Ivy, "ml-systems-design"), card.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain("Otto", card.ToJsonString(), StringComparison.Ordinal);
        }

        await _panel.SubmitAsync(Manager, plan);
        Assert.Equal("Debrief posted", Title(await _panel.Scene.SayAsync(Manager, "debrief Jordan Lee")));
        Assert.Single(_panel.Threads);
    }

    [Fact]
    public async Task Debrief_AskedTwice_PostsTwoThreadsAndTheSecondSaysNothingChanged()
    {
        var plan = await LinkedPanelAsync(lockOnPost: false);
        await SubmitAllAsync(plan);
        await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");

        var again = await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");

        Assert.Equal("Debrief posted", Title(again));
        Assert.Equal(2, _panel.Threads.Count);
        Assert.DoesNotContain(_panel.Threads[1].Lines, l => l.StartsWith("Updated:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Debrief_TwoCandidatesOfTheSameName_AsksWhichAndPostsTheOnePressed()
    {
        await _panel.StartAsync();
        var first = await _panel.CreateLoopAsync("Jordan Lee", [Ivy]);
        var second = await _panel.CreateLoopAsync("Jordan Lee", [Otto]);
        await _panel.Scene.SayInChannelAsync(Recruiter, "link " + second.Loop.Id);
        _panel.AfterTheInterviews();
        await _panel.SubmitAsync(Ivy, first);
        await _panel.SubmitAsync(Otto, second);

        var choose = await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");
        var buttons = CardJson.Actions(choose);
        Assert.Equal("Which candidate did you mean?", Title(choose));
        Assert.Equal(["Post the debrief", "Post the debrief"], buttons.Select(b => (string?)b["title"]));
        var pressed = await _panel.Scene.ClickAsync(Recruiter, DebriefActions.DebriefVerb, buttons.Single(b => (string?)b["data"]!["loopId"] == second.Loop.Id)["data"]!);

        Assert.Equal("Debrief posted", Title(pressed));
        var thread = Assert.Single(_panel.Threads);
        Assert.Contains(thread.Lines, l => l.StartsWith("Otto Interviewer 4/5", StringComparison.Ordinal));
        Assert.DoesNotContain(thread.Lines, l => l.Contains("Ivy", StringComparison.Ordinal));
        Assert.Null((await _panel.DebriefStateAsync(first))?.LastPosting);
    }

    [Fact]
    public async Task Debrief_TeamsRefusesThePost_SaysSoLocksNothingAndTheNextRequestPosts()
    {
        var plan = await LinkedPanelAsync();
        await SubmitAllAsync(plan);
        _panel.Fixture.Connector.CreateFailure = new ConnectorException(HttpStatusCode.ServiceUnavailable, null, "CreateConversation failed with 503.");

        var refused = await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");
        var state = await _panel.DebriefStateAsync(plan);
        _panel.Fixture.Connector.CreateFailure = null;
        var retried = await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");

        Assert.Equal("The debrief was not posted", Title(refused));
        Assert.Contains("Teams did not accept the post just now. Try again in a minute.", Lines(refused));
        Assert.False(state?.Locked);
        Assert.Null(state?.LastPosting);
        Assert.Null(state?.Pending);
        Assert.Equal("Debrief posted", Title(retried));
        Assert.True((await _panel.DebriefStateAsync(plan))?.Locked);
    }

    [Fact]
    public async Task Debrief_BotNoLongerInTheTeam_SaysToAddItAgainOrLinkAnotherChannel()
    {
        var plan = await LinkedPanelAsync();
        await SubmitAllAsync(plan);
        _panel.Fixture.Connector.CreateFailure = new ConnectorException(HttpStatusCode.Forbidden, ConnectorErrorCodes.BotNotInConversationRoster, "CreateConversation failed with 403.");

        var refused = await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");

        Assert.Equal("The debrief was not posted", Title(refused));
        Assert.Contains("InterviewBot is no longer in that team. Add the app to the team again, or link another channel.", Lines(refused));
        Assert.False((await _panel.DebriefStateAsync(plan))?.Locked);
    }

    [Fact]
    public async Task Debrief_ChannelInATenantTheBotHasNeverHeardFrom_SaysSoAndPostsNothing()
    {
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy], hiringChannel: new HiringChannelRequest("19:elsewhere@thread.tacv2", "tenant-fabrikam", "Hiring"));
        _panel.AfterTheInterviews();
        await _panel.SubmitAsync(Ivy, plan);

        var refused = await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");

        Assert.Equal("The debrief was not posted", Title(refused));
        Assert.Contains(Lines(refused), l => l.Contains("has not heard from anyone in the hiring channel's organisation", StringComparison.Ordinal));
        Assert.Empty(_panel.Threads);
        var state = await _panel.DebriefStateAsync(plan);
        Assert.Null(state?.Pending);
        Assert.False(state?.Locked);
    }

    [Fact]
    public async Task Debrief_AskedAgainWhileTheFirstPostIsUnderWay_PostsOneThread()
    {
        var plan = await LinkedPanelAsync();
        await SubmitAllAsync(plan);
        var teams = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _panel.Fixture.Connector.CreateGate = teams.Task;

        var first = _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");
        var second = await _panel.Scene.SayAsync(Manager, "debrief Jordan Lee");
        teams.SetResult();

        Assert.Equal("Already being posted", Title(second));
        Assert.Equal("Debrief posted", Title(await first));
        Assert.Single(_panel.Fixture.Connector.Created);
    }

    private async Task<LoopPlan> LinkedPanelAsync(bool? lockOnPost = null)
    {
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy, Otto, Nia], debrief: lockOnPost is null ? null : new DebriefSettingsRequest(lockOnPost, null));
        await _panel.LinkAsync("Jordan Lee");
        _panel.AfterTheInterviews();
        return plan;
    }

    private async Task SubmitAllAsync(LoopPlan plan)
    {
        await _panel.SubmitAsync(Ivy, plan, 4, Recommendation.Hire);
        await _panel.SubmitAsync(Otto, plan, 5, Recommendation.StrongHire);
        await _panel.SubmitAsync(Nia, plan, 3, Recommendation.Hire);
    }
}
