using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Delivery;
using InterviewBot.Domain.People;
using InterviewBot.Storage.People;
using InterviewBot.Tests.Delivery;
using InterviewBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewBot.Tests.Api;

/// <summary>What the ATS and the recruiter see when Teams says the bot can no longer write to an interviewer.</summary>
[Collection(WebHostCollection.Name)]
public sealed class UnreachableInterviewerTests
{
    private const string InterviewerChat = "a:personal-ivy";
    private const string RecruiterChat = "a:personal-riley";
    private const string RecruiterId = "11111111-1111-1111-1111-111111111111";

    [Fact]
    public async Task Get_AfterTeamsSaidNotInRoster_ReportsTheDeliveryUnreachableWithTheReason()
    {
        // The recurring sweep would race the one run below, so it is scheduled out of the test's reach.
        await using var factory = new InterviewBotFactory("Development", new() { ["Jobs:SweepCron"] = "0 0 1 1 *" });
        using var client = factory.CreateClient();
        var (loopId, interviewId) = await CreateLoopAsync(client);
        await SweepWhileTeamsSaysNotInRosterAsync(factory);

        var loop = await client.GetFromJsonAsync<JsonObject>($"/api/v1/loops/{loopId}");

        var delivery = loop!["interviews"]![0]!["delivery"]!;
        Assert.Equal(interviewId, (string?)loop["interviews"]![0]!["interviewId"]);
        Assert.Equal("Unreachable", (string?)delivery["status"]);
        Assert.Equal(1, (int?)delivery["attempts"]);
        Assert.Contains("cannot write to this interviewer", (string?)delivery["lastError"], StringComparison.Ordinal);
        Assert.Null(delivery["deliveredAt"]);
        Assert.Single(Notices(factory));
    }

    [Fact]
    public async Task Get_AfterTeamsSaidNotInRosterAndAnotherSweep_StillUnreachableWithOneAttempt()
    {
        await using var factory = new InterviewBotFactory("Development", new() { ["Jobs:SweepCron"] = "0 0 1 1 *" });
        using var client = factory.CreateClient();
        var (loopId, _) = await CreateLoopAsync(client);
        await SweepWhileTeamsSaysNotInRosterAsync(factory);
        factory.Time.Advance(TimeSpan.FromHours(3));

        var attempted = await SweepAsync(factory);
        var loop = await client.GetFromJsonAsync<JsonObject>($"/api/v1/loops/{loopId}");

        Assert.Equal(0, attempted);
        Assert.Equal("Unreachable", (string?)loop!["interviews"]![0]!["delivery"]!["status"]);
        Assert.Equal(1, (int?)loop["interviews"]![0]!["delivery"]!["attempts"]);
        Assert.Single(factory.Connector.Sent, c => c.ConversationId == InterviewerChat && IsScorecard(c));
        Assert.Single(Notices(factory));
    }

    /// <summary>Interviewer and recruiter known to Teams, the interviewer's chat refusing the bot, and the sweep run once after the interview.</summary>
    private static async Task SweepWhileTeamsSaysNotInRosterAsync(InterviewBotFactory factory)
    {
        var users = factory.Services.GetRequiredService<UserDirectory>();
        await users.RememberAsync(Known(LoopRequests.InterviewerId, InterviewerChat), TimeSpan.Zero);
        await users.RememberAsync(Known(RecruiterId, RecruiterChat), TimeSpan.Zero);
        factory.Connector.FailIn(InterviewerChat, DeliveryServiceTests.NotInRoster());
        factory.Time.Advance(TimeSpan.FromDays(2));
        await SweepAsync(factory);
    }

    private static async Task<(string LoopId, string InterviewId)> CreateLoopAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/api/v1/loops", LoopRequests.Json(LoopRequests.Example));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((string)created["loopId"]!, (string)created["interviews"]![0]!["interviewId"]!);
    }

    private static async Task<int> SweepAsync(InterviewBotFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeliveryJobs>().SweepAsync(CancellationToken.None);
    }

    private static bool IsScorecard(ConnectorCall call) =>
        call.Activity?.Text?.StartsWith("Your interview has ended", StringComparison.Ordinal) == true;

    private static List<ConnectorCall> Notices(InterviewBotFactory factory) =>
        [.. factory.Connector.Sent.Where(c => c.ConversationId == RecruiterChat && JsonSerializer.Serialize(c.Activity).Contains("An interviewer cannot be reached", StringComparison.Ordinal))];

    private static KnownUser Known(string aadObjectId, string personalChat) =>
        new(aadObjectId, "29:" + aadObjectId, "Someone", TestData.TenantId, TestData.ServiceUrl, TestData.BotId, personalChat, null, TestData.Now.AddDays(-3));
}
