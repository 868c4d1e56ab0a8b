using InterviewBot.Hosting;
using InterviewBot.Commands;
using InterviewBot.Conversations;
using InterviewBot.Delivery;
using InterviewBot.Domain.Templates;
using InterviewBot.Loops;
using InterviewBot.Scorecards;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;
using InterviewBot.Storage.Tables;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InterviewBot.Tests.Support;

/// <summary>
/// The conversation handlers wired as the host wires them, over a <see cref="HiringFixture"/>, in a chosen
/// environment; one scope per turn, as one HTTP request is.
/// </summary>
internal sealed class BotServices : IDisposable
{
    private readonly ServiceProvider _provider;

    public BotServices(HiringFixture fixture, string environment = "Development", bool demoEnabled = false)
    {
        Fixture = fixture;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(fixture.Time);
        services.AddSingleton(fixture.Store);
        services.AddSingleton(fixture.Users);
        services.AddSingleton<ITableStore>(fixture.Tables);
        services.AddSingleton(TestData.Templates);
        services.AddSingleton<IDeliveryScheduler>(fixture.Scheduler);
        services.AddSingleton<InterviewBot.Teams.Clients.IConnectorClient>(fixture.Connector);
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(environment));
        services.AddOptions<DemoOptions>().Configure(o => o.Enabled = demoEnabled);
        services.AddConversationHandlers();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public HiringFixture Fixture { get; }

    /// <summary>Runs one turn with the handler <paramref name="run"/> picks, and returns what the bot sent.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> TurnAsync<THandler>(Activity activity, Func<THandler, TurnContext, Task> run)
        where THandler : notnull
    {
        var before = Fixture.Connector.Calls.Count;
        await using var scope = _provider.CreateAsyncScope();
        var turn = new TurnContext(activity, scope.ServiceProvider, Fixture.Connector);
        await run(scope.ServiceProvider.GetRequiredService<THandler>(), turn);
        return [.. Fixture.Connector.Calls.Skip(before)];
    }

    /// <summary>Sends <paramref name="text"/> to the command dispatcher from the interviewer's personal chat.</summary>
    public async Task<string> SayAsync(string text, string aadObjectId = TestData.InterviewerId)
    {
        var calls = await TurnAsync<ChatCommands>(Activities.PersonalMessage(text, aadObjectId), (commands, turn) => commands.HandleAsync(turn, text, CancellationToken.None));
        var reply = Assert.Single(calls);
        return reply.Activity?.Text ?? string.Empty;
    }

    public void Dispose() => _provider.Dispose();
}
