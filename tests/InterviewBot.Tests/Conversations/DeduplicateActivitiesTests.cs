using InterviewBot.Conversations;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Scorecards;
using InterviewBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace InterviewBot.Tests.Conversations;

public sealed class DeduplicateActivitiesTests : IDisposable
{
    private readonly HiringFixture _fixture = new();
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private int _turns;

    public void Dispose()
    {
        _services.Dispose();
        _fixture.Dispose();
    }

    [Fact]
    public async Task InvokeAsync_SameActivityDeliveredTwice_RunsTheTurnOnce()
    {
        var activity = Message("1715677912345");

        await RunAsync(activity);
        await RunAsync(activity);

        Assert.Equal(1, _turns);
    }

    [Fact]
    public async Task InvokeAsync_SameActivityDeliveredFiveTimesAtOnce_RunsTheTurnOnce()
    {
        var activity = Message("1715677912345");
        var middleware = Middleware();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => RunAsync(activity, middleware))));

        Assert.Equal(1, _turns);
    }

    [Fact]
    public async Task InvokeAsync_AnotherActivityIdInTheSameConversation_RunsAgain()
    {
        await RunAsync(Message("1715677912345"));

        await RunAsync(Message("1715677912346"));

        Assert.Equal(2, _turns);
    }

    [Fact]
    public async Task InvokeAsync_SameActivityIdInAnotherConversation_RunsAgain()
    {
        // Teams numbers activities per conversation, so two chats can hold the same id.
        await RunAsync(Message("1715677912345", conversationId: "a:personal-ivy"));

        await RunAsync(Message("1715677912345", conversationId: "a:personal-sam"));

        Assert.Equal(2, _turns);
    }

    [Fact]
    public async Task InvokeAsync_InvokeDeliveredTwice_RunsTheTurnBothTimes()
    {
        // The client waits for an invoke's answer; swallowing the repeat would leave it with none.
        var invoke = Activities.CardAction("scorecard.submit", ScorecardInputs.Data("interview-1", 0), TestData.InterviewerId);

        await RunAsync(invoke);
        await RunAsync(invoke);

        Assert.Equal(2, _turns);
        Assert.DoesNotContain(_fixture.Tables.Writes, w => w.Table == DeduplicateActivities.TableName);
    }

    [Fact]
    public async Task InvokeAsync_TurnFailed_LetsTheRedeliveryThrough()
    {
        var activity = Message("1715677912345");
        var middleware = Middleware();
        var failing = new TurnContext(activity, _services, _fixture.Connector);
        await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.InvokeAsync(failing, () => throw new InvalidOperationException("Teams is down"), CancellationToken.None));

        await RunAsync(activity, middleware);
        await RunAsync(activity, middleware);

        Assert.Equal(1, _turns);
    }

    [Fact]
    public async Task InvokeAsync_RedeliveredAfterMidnight_IsStillRecognised()
    {
        var activity = Message("1715677912345", timestamp: new DateTimeOffset(2026, 11, 27, 23, 59, 58, TimeSpan.Zero));
        _fixture.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 23, 59, 59, TimeSpan.Zero));
        await RunAsync(activity);
        _fixture.Time.Advance(TimeSpan.FromMinutes(3));

        await RunAsync(activity);

        Assert.Equal(1, _turns);
    }

    [Fact]
    public async Task CleanupAsync_MarkersOlderThanTheRetention_AreDeletedAndRecentOnesKept()
    {
        var now = _fixture.Time.GetUtcNow();
        var old = new[] { Message("old-1", timestamp: now.AddDays(-3)), Message("old-2", timestamp: now.AddDays(-5)), Message("old-3", timestamp: now.AddDays(-9)) };
        var recent = new[] { Message("recent-1", timestamp: now.AddDays(-1)), Message("recent-2", timestamp: now.AddHours(-1)) };
        foreach (var activity in old.Concat(recent))
        {
            await RunAsync(activity);
        }

        var deleted = await Middleware().CleanupAsync(CancellationToken.None);

        Assert.Equal(old.Length, deleted);
        _turns = 0;
        foreach (var activity in recent)
        {
            await RunAsync(activity);
        }

        Assert.Equal(0, _turns);
        foreach (var activity in old)
        {
            await RunAsync(activity);
        }

        Assert.Equal(old.Length, _turns);
    }

    [Fact]
    public async Task CleanupAsync_MarkerJustInsideTheRetention_IsKept()
    {
        var now = _fixture.Time.GetUtcNow();
        var activity = Message("1715677912345", timestamp: now - DeduplicateActivities.Retention + TimeSpan.FromMinutes(1));
        await RunAsync(activity);

        var deleted = await Middleware().CleanupAsync(CancellationToken.None);
        await RunAsync(activity);

        Assert.Equal(0, deleted);
        Assert.Equal(1, _turns);
    }

    private DeduplicateActivities Middleware() => new(_fixture.Tables, _fixture.Time, NullLogger<DeduplicateActivities>.Instance);

    private Task RunAsync(Activity activity, DeduplicateActivities? middleware = null)
    {
        var turn = new TurnContext(activity, _services, _fixture.Connector);
        return (middleware ?? Middleware()).InvokeAsync(
            turn,
            () =>
            {
                Interlocked.Increment(ref _turns);
                return Task.CompletedTask;
            },
            CancellationToken.None);
    }

    private static Activity Message(string id, string conversationId = TestData.InterviewerConversationId, DateTimeOffset? timestamp = null)
    {
        var activity = Activities.PersonalMessage("demo", conversationId: conversationId);
        activity.Id = id;
        activity.Timestamp = timestamp;
        return activity;
    }
}
