using System.Text.Json.Nodes;
using InterviewBot.Tests.Reminders;
using InterviewBot.Tests.Support;
using static InterviewBot.Tests.Reminders.ReminderScene;

namespace InterviewBot.Tests.Loops;

/// <summary>
/// Finding the loop a <c>status</c> or <c>remind</c> command means: by name, part of a name, or id; a choice card
/// when several of the caller's loops match, whose buttons then do what the command would have done.
/// </summary>
public sealed class LoopLookupTests : IDisposable
{
    private readonly ReminderScene _scene = new();

    public void Dispose() => _scene.Dispose();

    [Fact]
    public async Task Status_PartOfTwoCandidatesNames_AsksWhichAndEachButtonShowsThatLoop()
    {
        await TwoLoopsAsync("Jordan Lee", "Jordan Leeds");

        var choice = await _scene.SayAsync(Recruiter, "status jordan");
        var leeds = await _scene.ClickAsync(Recruiter, Option(choice, "Jordan Leeds"), "Show status");
        var lee = await _scene.ClickAsync(Recruiter, Option(choice, "Jordan Lee"), "Show status");

        Assert.Equal("Which candidate did you mean?", CardJson.VisibleText(choice).Split('\n')[0]);
        Assert.Equal(2, CardJson.Actions(choice).Count);
        Assert.All(CardJson.Actions(choice), a => Assert.Equal("loop.status", (string?)a["verb"]));
        Assert.Equal(["Otto Interviewer · ML system design case: Pending"], StatusCommandTests.Lines(leeds));
        Assert.Equal(["Ivy Interviewer · ML system design case: Pending"], StatusCommandTests.Lines(lee));
        Assert.Empty(_scene.Timeline);
    }

    [Fact]
    public async Task Status_FullNameOfOneAndPartOfAnother_TakesTheExactMatch()
    {
        await TwoLoopsAsync("Jordan Lee", "Jordan Leeds");

        var card = await _scene.SayAsync(Manager, "status Jordan Lee");

        Assert.Equal(["Ivy Interviewer · ML system design case: Pending"], StatusCommandTests.Lines(card));
    }

    [Fact]
    public async Task Remind_TwoCandidatesWithTheSameName_ChoiceShowsTheirAtsIdsAndTheButtonRemindsOnlyThatLoop()
    {
        await TwoLoopsAsync("Alex Kim", "Alex Kim");

        var choice = await _scene.SayAsync(Manager, "remind alex kim");
        var answer = await _scene.ClickAsync(Manager, Option(choice, "ATS id ats-2002"), "Remind late interviewers");

        Assert.Equal("Which candidate did you mean?", CardJson.VisibleText(choice).Split('\n')[0]);
        Assert.All(CardJson.Actions(choice), a => Assert.Equal("loop.remind", (string?)a["verb"]));
        Assert.Equal(["Otto Interviewer: reminded now"], RemindCommandTests.Lines(answer));
        Assert.Equal(["Thu 12-03 15:00 Otto Requested"], _scene.Timeline);
    }

    [Fact]
    public async Task ChoiceButton_ClickedByAnInterviewerItWasForwardedTo_IsRefused()
    {
        await TwoLoopsAsync("Alex Kim", "Alex Kim");
        var choice = await _scene.SayAsync(Manager, "remind Alex Kim");

        var card = await _scene.ClickAsync(Ivy, Option(choice, "ATS id ats-2002"), "Remind late interviewers");

        Assert.StartsWith("Not your loop", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Empty(_scene.Timeline);
    }

    [Theory]
    [InlineData("loop.status")]
    [InlineData("loop.remind")]
    public async Task ChoiceButton_WithoutALoopId_SaysTheCardIsOutOfDate(string verb)
    {
        await TwoLoopsAsync("Alex Kim", "Alex Kim");

        var card = await _scene.ClickAsync(Manager, verb, new Dictionary<string, object?>());

        Assert.StartsWith("This card is out of date", CardJson.VisibleText(card), StringComparison.Ordinal);
        Assert.Empty(_scene.Timeline);
    }

    [Fact]
    public async Task ChoiceButton_LoopNoLongerExists_SaysSo()
    {
        await TwoLoopsAsync("Alex Kim", "Alex Kim");

        var card = await _scene.ClickAsync(Manager, "loop.status", new Dictionary<string, object?> { ["loopId"] = "no-such-loop" });

        Assert.StartsWith("Loop not found", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    /// <summary>The part of a choice card that offers the loop whose text contains <paramref name="text"/>.</summary>
    private static JsonObject Option(JsonObject choice, string text)
    {
        var options = CardJson.OfType(choice, "Container")
            .Where(c => CardJson.VisibleText(c).Split('\n').Any(line => line == text || line.EndsWith(" · " + text, StringComparison.Ordinal)))
            .ToList();
        return Assert.Single(options);
    }

    /// <summary>Two loops recruited by Riley and managed by Morgan: Ivy interviews the first candidate, Otto the second; both ended at 14:00.</summary>
    private async Task TwoLoopsAsync(string first, string second)
    {
        await _scene.EveryoneKnownAsync();
        _scene.JumpTo("2026-12-03 08:00");
        await _scene.CreateLoopAsync(first, "ats-1001", (Ivy, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.CreateLoopAsync(second, "ats-2002", (Otto, "2026-12-03 13:00", "2026-12-03 14:00"));
        await _scene.RunUntilAsync("2026-12-03 15:00");
    }
}
