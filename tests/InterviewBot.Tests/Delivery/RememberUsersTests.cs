using InterviewBot.Domain.Delivery;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewBot.Tests.Delivery;

public sealed class RememberUsersTests : IDisposable
{
    private readonly HiringFixture _fixture = new();
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();

    public void Dispose()
    {
        _services.Dispose();
        _fixture.Dispose();
    }

    [Fact]
    public async Task InvokeAsync_InterviewerSeenForTheFirstTime_RedrivesTheWaitingScorecardAtOnce()
    {
        var interview = await _fixture.CreateInterviewAsync();
        await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);
        var scheduledBefore = _fixture.Scheduler.Scheduled.Count;
        var continued = false;

        await _fixture.RememberUsers.InvokeAsync(Turn(Activities.PersonalMessage("hi")), () => { continued = true; return Task.CompletedTask; }, CancellationToken.None);

        Assert.True(continued);
        var redriven = Assert.Single(_fixture.Scheduler.Scheduled.Skip(scheduledBefore));
        Assert.Equal(new ScheduledDelivery(interview.CandidateId, interview.Id, TestData.Now), redriven);
        var delivery = await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id);
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        Assert.Equal(TestData.Now, delivery.DueAt);
    }

    [Fact]
    public async Task InvokeAsync_AfterTheRedrive_TheScorecardReachesThePersonalChat()
    {
        var interview = await _fixture.CreateInterviewAsync();
        await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);
        await _fixture.RememberUsers.InvokeAsync(Turn(Activities.PersonalMessage("hi")), () => Task.CompletedTask, CancellationToken.None);

        var outcome = await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        Assert.Equal(InterviewBot.Delivery.DeliveryOutcome.Delivered, outcome);
        Assert.Equal(TestData.InterviewerConversationId, Assert.Single(_fixture.Connector.Sent).ConversationId);
    }

    [Fact]
    public async Task InvokeAsync_UserSeenBefore_DoesNotRedriveAgain()
    {
        await _fixture.CreateInterviewAsync();
        await _fixture.RememberUsers.InvokeAsync(Turn(Activities.PersonalMessage("hi")), () => Task.CompletedTask, CancellationToken.None);
        var scheduledBefore = _fixture.Scheduler.Scheduled.Count;

        await _fixture.RememberUsers.InvokeAsync(Turn(Activities.PersonalMessage("hi again")), () => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(scheduledBefore, _fixture.Scheduler.Scheduled.Count);
    }

    [Fact]
    public async Task InvokeAsync_FirstMessage_RemembersHowToReachTheUser()
    {
        await _fixture.RememberUsers.InvokeAsync(Turn(Activities.PersonalMessage("hi")), () => Task.CompletedTask, CancellationToken.None);

        var user = await _fixture.Users.FindAsync(TestData.InterviewerId);
        Assert.NotNull(user);
        Assert.Equal(TestData.InterviewerTeamsId, user.TeamsUserId);
        Assert.Equal(TestData.TenantId, user.TenantId);
        Assert.Equal(TestData.ServiceUrl, user.ServiceUrl);
        Assert.Equal(TestData.BotId, user.BotId);
        Assert.Equal(TestData.InterviewerConversationId, user.PersonalConversationId);
        Assert.Equal("Europe/Berlin", user.TimeZone);
        Assert.NotNull(await _fixture.Users.FindTenantRouteAsync(TestData.TenantId));
    }

    [Fact]
    public async Task InvokeAsync_ActivityWithoutAnEntraId_RemembersNothingButContinues()
    {
        var activity = Activities.PersonalMessage("hi");
        activity.From!.AadObjectId = null;
        var continued = false;

        await _fixture.RememberUsers.InvokeAsync(Turn(activity), () => { continued = true; return Task.CompletedTask; }, CancellationToken.None);

        Assert.True(continued);
        Assert.Empty(_fixture.Tables.Writes);
    }

    [Fact]
    public async Task InvokeAsync_InterviewNotOverYet_IsNotRedriven()
    {
        await _fixture.CreateInterviewAsync(TestData.Now.AddHours(1), TestData.Now.AddHours(2));
        var scheduledBefore = _fixture.Scheduler.Scheduled.Count;

        await _fixture.RememberUsers.InvokeAsync(Turn(Activities.PersonalMessage("hi")), () => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(scheduledBefore, _fixture.Scheduler.Scheduled.Count);
    }

    private TurnContext Turn(Activity activity) => new(activity, _services, _fixture.Connector);
}
