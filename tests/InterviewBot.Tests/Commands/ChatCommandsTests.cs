using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Commands;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Commands;

public sealed class ChatCommandsTests : IDisposable
{
    private readonly HiringFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("help")]
    [InlineData("HELP")]
    [InlineData("?")]
    [InlineData("hi")]
    [InlineData("  hello  ")]
    public async Task HandleAsync_Help_ListsEveryCommand(string text)
    {
        using var bot = new BotServices(_fixture);

        var reply = await bot.SayAsync(text);

        Assert.Contains("I'm **InterviewBot**", reply, StringComparison.Ordinal);
        Assert.Contains("- **help**: Show what I can do", reply, StringComparison.Ordinal);
        Assert.Contains("- **scorecards**: List your interviews", reply, StringComparison.Ordinal);
        Assert.Contains("- **demo**: Create a sample loop", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scorecards")]
    [InlineData("my interviews")]
    [InlineData("My   Interviews")]
    [InlineData("my scorecards")]
    public async Task HandleAsync_ScorecardsOrMyInterviews_ListsTheCallersInterviews(string text)
    {
        var interview = await _fixture.CreateInterviewAsync();
        await _fixture.CreateInterviewAsync(interviewerId: TestData.StrangerId, candidateName: "Someone Else's Candidate");
        using var bot = new BotServices(_fixture);

        var calls = await bot.TurnAsync<ChatCommands>(Activities.PersonalMessage(text), (commands, turn) => commands.HandleAsync(turn, text, CancellationToken.None));

        var sent = Assert.Single(calls);
        Assert.Equal(TestData.InterviewerConversationId, sent.ConversationId);
        var card = JsonNode.Parse(JsonSerializer.Serialize(Assert.Single(sent.Activity!.Attachments!).Content))!;
        Assert.Contains("Your scorecards", CardJson.VisibleText(card), StringComparison.Ordinal);
        var open = Assert.Single(CardJson.Actions(card));
        Assert.Equal(interview.Id, (string?)open["data"]!["interviewId"]);
        Assert.DoesNotContain("Someone Else's Candidate", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ScorecardsWithNoInterviews_SaysThereAreNone()
    {
        using var bot = new BotServices(_fixture);

        var reply = await bot.SayAsync("scorecards");

        Assert.StartsWith("You have no interviews assigned to you.", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what can you do")]
    [InlineData("helpme")]
    [InlineData("scorecard")]
    public async Task HandleAsync_UnknownText_PointsToHelp(string text)
    {
        using var bot = new BotServices(_fixture);

        var reply = await bot.SayAsync(text);

        Assert.Equal("Sorry, I don't know that command. Type **help** to see what I can do.", reply);
    }

    [Fact]
    public async Task HandleAsync_EmptyText_Greets()
    {
        using var bot = new BotServices(_fixture);

        var reply = await bot.SayAsync("   ");

        Assert.Equal("Hi! Type **help** to see what I can do.", reply);
    }

    [Fact]
    public async Task HandleAsync_DemoInProduction_IsUnknownAndLeftOutOfHelp()
    {
        using var bot = new BotServices(_fixture, "Production");

        var demo = await bot.SayAsync("demo");
        var help = await bot.SayAsync("help");

        Assert.StartsWith("Sorry, I don't know that command.", demo, StringComparison.Ordinal);
        Assert.DoesNotContain("demo", help, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_fixture.Scheduler.Scheduled);
        Assert.Empty(await _fixture.Store.GetInterviewsOfAsync(TestData.InterviewerId));
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Development", false)]
    public async Task HandleAsync_DemoWhereAvailable_SendsTheCallerASampleScorecard(string environment, bool demoEnabled)
    {
        using var bot = new BotServices(_fixture, environment, demoEnabled);

        var reply = await bot.SayAsync("demo");

        Assert.StartsWith("I created a sample loop", reply, StringComparison.Ordinal);
        var interview = Assert.Single(await _fixture.Store.GetInterviewsOfAsync(TestData.InterviewerId));
        Assert.Equal(DemoCommand.SampleCandidate, interview.Candidate.Name);
        Assert.True(interview.Interview.HasEnded(_fixture.Time.GetUtcNow()));
        var scheduled = Assert.Single(_fixture.Scheduler.Scheduled);
        Assert.Equal(interview.Interview.Id, scheduled.InterviewId);
        Assert.True(scheduled.DueAt <= _fixture.Time.GetUtcNow());
    }

    [Fact]
    public async Task HandleAsync_DemoFromSomeoneWithoutAnEntraId_CreatesNothing()
    {
        using var bot = new BotServices(_fixture);
        var activity = Activities.PersonalMessage("demo");
        activity.From!.AadObjectId = null;

        var calls = await bot.TurnAsync<ChatCommands>(activity, (commands, turn) => commands.HandleAsync(turn, "demo", CancellationToken.None));

        Assert.Contains("I can't tell who you are", Assert.Single(calls).Activity!.Text, StringComparison.Ordinal);
        Assert.Empty(_fixture.Scheduler.Scheduled);
    }
}
