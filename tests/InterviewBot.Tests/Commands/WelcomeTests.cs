using InterviewBot.Conversations;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Commands;

public sealed class WelcomeTests : IDisposable
{
    private readonly HiringFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Install_AnnouncedTwiceByTeams_GreetsOnceWithTheHelp()
    {
        using var bot = new BotServices(_fixture);
        var added = ConversationUpdateAdding(TestData.BotId);
        var installed = Activities.PersonalMessage(string.Empty);
        installed.Type = ActivityTypes.InstallationUpdate;
        installed.Text = null;
        installed.Action = "add";

        var first = await bot.TurnAsync<Welcome>(added, (welcome, turn) => welcome.OnConversationUpdateAsync(turn, CancellationToken.None));
        var second = await bot.TurnAsync<Welcome>(installed, (welcome, turn) => welcome.OnInstallationUpdateAsync(turn, CancellationToken.None));

        var greeting = Assert.Single(first);
        Assert.Contains("**scorecards**", greeting.Activity!.Text, StringComparison.Ordinal);
        Assert.Empty(second);
    }

    [Fact]
    public async Task ConversationUpdate_SomeoneElseAdded_SaysNothing()
    {
        using var bot = new BotServices(_fixture);
        var added = ConversationUpdateAdding(TestData.InterviewerTeamsId);

        var calls = await bot.TurnAsync<Welcome>(added, (welcome, turn) => welcome.OnConversationUpdateAsync(turn, CancellationToken.None));

        Assert.Empty(calls);
    }

    private static Activity ConversationUpdateAdding(string teamsId)
    {
        var added = Activities.PersonalMessage(string.Empty);
        added.Type = ActivityTypes.ConversationUpdate;
        added.Text = null;
        added.MembersAdded = [new ChannelAccount(teamsId)];
        return added;
    }
}
