using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Storage.Hiring;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Api;
using InterviewBot.Tests.Scorecards;
using InterviewBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewBot.Tests.Conversations;

/// <summary>Teams redelivers what it did not see acknowledged; through the whole host, a repeat must have no second effect.</summary>
[Collection(WebHostCollection.Name)]
public sealed class RedeliveryTests : IAsyncLifetime
{
    private const string DemoReply = "I created a sample loop";

    private readonly InterviewBotFactory _factory = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Demo_DeliveredTwice_CreatesOneLoopAndOneReply()
    {
        var demo = Activities.PersonalMessage("demo");

        var first = await PostAsync(demo);
        var second = await PostAsync(demo);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Single(await SampleInterviewsAsync());
        Assert.Single(Replies(DemoReply));
        Assert.Single(_factory.Scheduler.Scheduled);
    }

    [Fact]
    public async Task Demo_DeliveredFiveTimesAtOnce_CreatesOneLoopAndOneReply()
    {
        var demo = Activities.PersonalMessage("demo");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync(demo)));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Single(await SampleInterviewsAsync());
        Assert.Single(Replies(DemoReply));
    }

    [Fact]
    public async Task Demo_SentAgainAsANewMessage_CreatesASecondLoop()
    {
        var demo = Activities.PersonalMessage("demo");
        await PostAsync(demo);
        var again = Activities.PersonalMessage("demo");
        again.Id = "1715677999999";

        await PostAsync(again);

        Assert.Equal(2, (await SampleInterviewsAsync()).Count);
        Assert.Equal(2, Replies(DemoReply).Count);
    }

    [Fact]
    public async Task Submit_InvokeDeliveredTwice_AnswersTheSameCardBothTimesAndStoresOnce()
    {
        var interviewId = await CreateLoopAsync();
        var submit = Activities.CardAction(ScorecardVerbs.Submit, ScorecardInputs.Data(interviewId, 0, ScorecardInputs.Complete()), LoopRequests.InterviewerId);

        var first = await InvokeAsync(submit);
        var second = await InvokeAsync(submit);

        Assert.Contains("Scorecard submitted", CardJson.VisibleText(first["value"]!), StringComparison.Ordinal);
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Single(_factory.Tables.Writes, w => w.RowKey == "scorecard|" + interviewId);
    }

    [Fact]
    public async Task Demo_ReplyFailedAndTeamsRedelivers_CreatesOneLoop()
    {
        // The loop is stored before the reply fails. The turn is acknowledged anyway, and if Teams sends the
        // message again regardless, the marker kept by the first attempt stops a second loop.
        var demo = Activities.PersonalMessage("demo");
        _factory.Connector.SendFailure = new ConnectorException(HttpStatusCode.ServiceUnavailable, null, "Teams is down");
        var failed = await PostAsync(demo);
        _factory.Connector.SendFailure = null;

        await PostAsync(demo);

        Assert.Equal(HttpStatusCode.OK, failed);
        Assert.Single(await SampleInterviewsAsync());
    }

    private async Task<HttpStatusCode> PostAsync(Activity activity)
    {
        using var response = await _client.PostAsync("/api/messages", LoopRequests.Json(JsonSerializer.Serialize(activity, TeamsJson.Options)));
        return response.StatusCode;
    }

    private async Task<JsonObject> InvokeAsync(Activity activity)
    {
        using var response = await _client.PostAsync("/api/messages", LoopRequests.Json(JsonSerializer.Serialize(activity, TeamsJson.Options)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<string> CreateLoopAsync()
    {
        using var response = await _client.PostAsync("/api/v1/loops", LoopRequests.Json(LoopRequests.Example));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (string)created["interviews"]![0]!["interviewId"]!;
    }

    private async Task<IReadOnlyList<InterviewContext>> SampleInterviewsAsync() =>
        await _factory.Services.GetRequiredService<HiringStore>().GetInterviewsOfAsync(TestData.InterviewerId);

    private List<ConnectorCall> Replies(string startingWith) =>
        [.. _factory.Connector.Sent.Where(c => c.Activity?.Text?.StartsWith(startingWith, StringComparison.Ordinal) == true)];
}
