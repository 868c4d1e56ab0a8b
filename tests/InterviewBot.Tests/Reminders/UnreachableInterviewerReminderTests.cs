using System.Net;
using InterviewBot.Teams.Clients;
using static InterviewBot.Tests.Reminders.ReminderScene;

namespace InterviewBot.Tests.Reminders;

/// <summary>An interviewer who removed or blocked the app is not chased into a wall; their hiring manager still hears.</summary>
public sealed class UnreachableInterviewerReminderTests : IDisposable
{
    private readonly ReminderScene _scene = new();

    public void Dispose() => _scene.Dispose();

    [Theory]
    [InlineData(ConnectorErrorCodes.ConversationBlockedByUser)]
    [InlineData(ConnectorErrorCodes.BotNotInConversationRoster)]
    public async Task Sweep_InterviewerBlockedTheBot_TriesOnceThenStopsTheirRemindersButStillEscalates(string errorCode)
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        await _scene.CreateLoopAsync("Jordan Lee", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.RunUntilAsync("2026-12-03 15:00");
        var attemptsBefore = _scene.Fixture.Connector.Sent.Count(c => c.ConversationId == ConversationOf(Ivy));
        _scene.Fixture.Connector.FailIn(ConversationOf(Ivy), new ConnectorException(HttpStatusCode.Forbidden, errorCode, $"SendToConversation failed with 403 Forbidden ({errorCode})."));

        await _scene.RunUntilAsync("2026-12-10 18:00");

        Assert.Equal(1, _scene.Fixture.Connector.Sent.Count(c => c.ConversationId == ConversationOf(Ivy)) - attemptsBefore);
        Assert.Equal(["Mon 12-07 09:00 Morgan Escalation"], _scene.Timeline.Where(t => !t.Contains("Ivy", StringComparison.Ordinal)));
    }
}
