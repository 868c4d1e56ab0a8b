using InterviewBot.Debriefs;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Loops;
using InterviewBot.Tests.Support;
using static InterviewBot.Tests.Debriefs.DebriefPanel;
using static InterviewBot.Tests.Reminders.ReminderScene;

namespace InterviewBot.Tests.Debriefs;

/// <summary>
/// <c>link &lt;candidate or requisition&gt;</c>, typed where the hiring panel meets: the channel becomes where the
/// debrief goes, the bot confirms there, and only the loop's recruiters and hiring managers can do it.
/// </summary>
public sealed class LinkChannelTests : IDisposable
{
    private readonly DebriefPanel _panel = new();

    public void Dispose() => _panel.Dispose();

    [Theory]
    [InlineData("Recruiter")]
    [InlineData("Manager")]
    public async Task Link_InTheChannelByTheRecruiterOrHiringManager_ConfirmsInTheChannelAndStoresTheChannel(string who)
    {
        var caller = who == "Recruiter" ? Recruiter : Manager;
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy, Otto]);

        var card = await _panel.Scene.SayInChannelAsync(caller, "link Jordan Lee");

        var lines = Lines(card);
        Assert.Equal("Hiring channel linked", lines[0]);
        Assert.Contains("Channel: ML hiring", lines);
        Assert.Contains("Candidate: Jordan Lee", lines);
        var reply = Assert.Single(_panel.Fixture.Connector.Sent);
        Assert.Equal(ConnectorCallKind.Reply, reply.Kind);
        Assert.StartsWith(TestData.HiringChannelId + ";messageid=", reply.ConversationId, StringComparison.Ordinal);
        var channel = (await _panel.DebriefStateAsync(plan))?.Channel;
        Assert.NotNull(channel);
        Assert.Equal(TestData.HiringChannelId, channel.ChannelId);
        Assert.Equal("ML hiring", channel.ChannelName);
        Assert.Equal("Hiring", channel.TeamName);
        Assert.Equal(TestData.TenantId, channel.TenantId);
        Assert.Equal(TestData.ServiceUrl, channel.ServiceUrl);
        Assert.Equal(caller.AadObjectId, channel.LinkedBy);
        Assert.Empty(_panel.Threads);
    }

    [Fact]
    public async Task Link_InAPersonalChat_ExplainsHowToLinkFromTheChannelAndStoresNothing()
    {
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy]);
        var writes = _panel.Fixture.Tables.Writes.Count;

        var card = await _panel.Scene.SayAsync(Recruiter, "link Jordan Lee");

        Assert.Equal("Link a channel from the channel itself", Title(card));
        Assert.Contains("mention me there and type link", string.Join(" ", Lines(card)), StringComparison.Ordinal);
        Assert.Equal(writes, _panel.Fixture.Tables.Writes.Count);
        Assert.Null(await _panel.DebriefStateAsync(plan));
    }

    [Theory]
    [InlineData("Ivy")]
    [InlineData("Stranger")]
    public async Task Link_BySomeoneWhoDoesNotManageTheLoop_StoresNothing(string who)
    {
        var caller = who == "Ivy" ? Ivy : Stranger;
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy, Otto]);
        var writes = _panel.Fixture.Tables.Writes.Count;

        var byName = await _panel.Scene.SayInChannelAsync(caller, "link Jordan Lee");
        var byLoopId = await _panel.Scene.SayInChannelAsync(caller, "link " + plan.Loop.Id);
        var forged = await _panel.Scene.ClickAsync(caller, DebriefActions.LinkVerb, new Dictionary<string, object?> { ["loopId"] = plan.Loop.Id });

        Assert.Equal("No matching candidate", Title(byName));
        Assert.Equal("No matching candidate", Title(byLoopId));
        Assert.Equal("Not your loop", Title(forged));
        Assert.Equal(writes, _panel.Fixture.Tables.Writes.Count);
        Assert.Null(await _panel.DebriefStateAsync(plan));
    }

    [Fact]
    public async Task Link_ARequisition_LinksEveryLoopOfItIncludingLaterOnesAndNoOther()
    {
        await _panel.StartAsync();
        var jordan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy], requisition: "REQ-7");
        var casey = await _panel.CreateLoopAsync("Casey Kim", [Otto], requisition: "REQ-7");
        var alex = await _panel.CreateLoopAsync("Alex Poe", [Nia], requisition: "REQ-8");

        var card = await _panel.Scene.SayInChannelAsync(Recruiter, "link REQ-7");
        var later = await _panel.CreateLoopAsync("Dana Fox", [Uma], requisition: "REQ-7");

        var lines = Lines(card);
        Assert.Equal("Hiring channel linked", lines[0]);
        Assert.Contains("Requisition: REQ-7", lines);
        var candidates = Assert.Single(lines, l => l.StartsWith("Candidates:", StringComparison.Ordinal));
        Assert.Contains("Jordan Lee", candidates, StringComparison.Ordinal);
        Assert.Contains("Casey Kim", candidates, StringComparison.Ordinal);
        Assert.DoesNotContain("Alex Poe", candidates, StringComparison.Ordinal);
        Assert.Equal(TestData.HiringChannelId, (await ChannelOfAsync(jordan))?.ChannelId);
        Assert.Equal(TestData.HiringChannelId, (await ChannelOfAsync(casey))?.ChannelId);
        Assert.Equal(TestData.HiringChannelId, (await ChannelOfAsync(later))?.ChannelId);
        Assert.Null(await ChannelOfAsync(alex));
    }

    [Fact]
    public async Task Link_ARequisition_DoesNotRedirectLoopsOfItThatSomeoneElseRuns()
    {
        await _panel.StartAsync();
        var mine = await _panel.CreateLoopAsync("Jordan Lee", [Ivy], requisition: "REQ-7");
        var (theirs, errors) = await _panel.Fixture.Loops.CreateAsync(new LoopRequest(
            new CandidateRequest("Casey Kim", null),
            TestData.TemplateId,
            [new PersonRequest("aad-other-recruiter", "Olive Other")],
            [],
            [new InterviewRequest(new PersonRequest(Otto.AadObjectId, Otto.Name), TestData.Exercise, [.. TestData.Focus], At(Day + " 09:00"), At(Day + " 10:00"), null)],
            "REQ-7"));
        Assert.Empty(errors);

        await _panel.Scene.SayInChannelAsync(Recruiter, "link REQ-7");

        Assert.Equal(TestData.HiringChannelId, (await ChannelOfAsync(mine))?.ChannelId);
        Assert.Null(await ChannelOfAsync(theirs!));
    }

    [Fact]
    public async Task Link_ARequisitionThenDebrief_PostsToTheRequisitionsChannel()
    {
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy], requisition: "REQ-7");
        await _panel.Scene.SayInChannelAsync(Recruiter, "link REQ-7");
        _panel.AfterTheInterviews();
        await _panel.SubmitAsync(Ivy, plan);

        var card = await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");

        Assert.Equal("Debrief posted", Title(card));
        Assert.Equal(TestData.HiringChannelId, Assert.Single(_panel.Threads).ChannelId);
    }

    [Fact]
    public async Task Link_ALoopWithItsOwnChannelInARequisitionWithAnother_PostsToTheLoopsOwn()
    {
        const string OwnChannel = "19:jordan-panel@thread.tacv2";
        await _panel.StartAsync();
        var plan = await _panel.CreateLoopAsync("Jordan Lee", [Ivy], requisition: "REQ-7");
        await _panel.Scene.SayInChannelAsync(Recruiter, "link REQ-7");
        await _panel.Scene.SayInChannelAsync(Recruiter, "link Jordan Lee", OwnChannel);
        _panel.AfterTheInterviews();
        await _panel.SubmitAsync(Ivy, plan);

        await _panel.Scene.SayAsync(Recruiter, "debrief Jordan Lee");

        Assert.Equal(OwnChannel, Assert.Single(_panel.Threads).ChannelId);
    }

    [Fact]
    public async Task Link_TwoCandidatesOfTheSameName_AsksWhichInTheChannelAndLinksTheOnePressed()
    {
        await _panel.StartAsync();
        var first = await _panel.CreateLoopAsync("Jordan Lee", [Ivy]);
        var second = await _panel.CreateLoopAsync("Jordan Lee", [Otto]);

        var choose = await _panel.Scene.SayInChannelAsync(Recruiter, "link Jordan Lee");
        Assert.Equal("Which candidate did you mean?", Title(choose));
        var buttons = CardJson.Actions(choose);
        Assert.Equal(["Link this channel", "Link this channel"], buttons.Select(b => (string?)b["title"]));
        var linked = await _panel.ClickInChannelAsync(Recruiter, buttons.Single(b => (string?)b["data"]!["loopId"] == second.Loop.Id));

        Assert.Equal("Hiring channel linked", Title(linked));
        Assert.Equal(TestData.HiringChannelId, (await _panel.DebriefStateAsync(second))?.Channel?.ChannelId);
        Assert.Null(await _panel.DebriefStateAsync(first));
    }

    private async Task<HiringChannel?> ChannelOfAsync(LoopPlan plan) =>
        await _panel.Fixture.Debriefs().ChannelOfAsync((await _panel.Fixture.Store.GetLoopAsync(plan.Loop.Id))!);
}
