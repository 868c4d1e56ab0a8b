using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Scorecards;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Api;

/// <summary>
/// The debrief through the REST API: a loop can name its hiring channel, requisition and debrief settings when it
/// is created, and <c>GET /api/v1/loops/{id}/debrief</c> returns the same aggregate the channel card shows, without
/// private notes.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class LoopDebriefApiTests(InterviewBotFactory factory) : IClassFixture<InterviewBotFactory>
{
    private const string ChannelId = "19:api-hiring@thread.tacv2";

    [Fact]
    public async Task Post_WithHiringChannelRequisitionAndDebriefSettings_StoresThemAndGetShowsThem()
    {
        using var client = factory.CreateClient();
        var body = Panel(Guid.NewGuid().ToString(), "Casey Kim", ["aad-a"], b =>
        {
            b["requisition"] = "REQ-2001";
            b["debrief"] = new JsonObject { ["lockOnPost"] = false, ["autoPost"] = true };
        });

        var created = await CreateAsync(client, body);
        var loop = await ReadObjectAsync(await client.GetAsync($"/api/v1/loops/{created["loopId"]}"));

        Assert.Equal("REQ-2001", (string?)loop["requisition"]);
        Assert.False((bool)loop["debrief"]!["lockOnPost"]!);
        Assert.True((bool)loop["debrief"]!["autoPost"]!);
        var state = loop["debriefState"]!;
        Assert.Equal(ChannelId, (string?)state["hiringChannel"]!["channelId"]);
        Assert.Equal("API hiring", (string?)state["hiringChannel"]!["name"]);
        Assert.False((bool)state["locked"]!);
        Assert.Null(state["lastPostedAt"]);
    }

    [Fact]
    public async Task Post_WithoutHiringChannel_ReportsNoneAndTheDefaultDebriefSettings()
    {
        using var client = factory.CreateClient();

        var created = await CreateAsync(client, LoopRequests.Example);
        var loop = await ReadObjectAsync(await client.GetAsync($"/api/v1/loops/{created["loopId"]}"));

        Assert.Null(loop["debriefState"]!["hiringChannel"]);
        Assert.True((bool)loop["debrief"]!["lockOnPost"]!);
        Assert.False((bool)loop["debrief"]!["autoPost"]!);
    }

    [Theory]
    [InlineData("general")]
    [InlineData("")]
    [InlineData("19:abc@thread.tacv2;messageid=1715677999999")]
    [InlineData("19:abc/../x@thread.tacv2")]
    [InlineData("19:abc @thread.tacv2")]
    [InlineData(null)]
    public async Task Post_InvalidHiringChannelId_Returns400NamingItAndStoresNothing(string? channelId)
    {
        using var client = factory.CreateClient();
        var writes = factory.Tables.Writes.Count;
        var body = LoopRequests.ExampleWith(b => b["hiringChannel"] = new JsonObject { ["channelId"] = channelId, ["tenantId"] = TestData.TenantId });

        using var response = await client.PostAsync("/api/v1/loops", LoopRequests.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ReadObjectAsync(response))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("hiringChannel.channelId"), errors.ToJsonString());
        Assert.Equal(writes, factory.Tables.Writes.Count);
    }

    [Fact]
    public async Task GetDebrief_AfterTheDebriefWasPosted_ReturnsTheSameMeansAndTalliesAsTheChannelCard()
    {
        using var client = factory.CreateClient();
        var recruiter = Guid.NewGuid().ToString();
        var interviewers = new[] { "aad-" + Guid.NewGuid().ToString("N")[..8], "aad-" + Guid.NewGuid().ToString("N")[..8], "aad-" + Guid.NewGuid().ToString("N")[..8] };
        var candidate = "Casey " + Guid.NewGuid().ToString("N")[..6];
        var created = await CreateAsync(client, Panel(recruiter, candidate, interviewers));
        var loopId = (string)created["loopId"]!;
        var interviews = created["interviews"]!.AsArray().Select(i => (string)i!["interviewId"]!).ToList();
        await SubmitAsync(client, interviews[0], interviewers[0], "4", "3", "Hire");
        await SubmitAsync(client, interviews[1], interviewers[1], "5", "na", "StrongHire");
        await SubmitAsync(client, interviews[2], interviewers[2], "2", "4", "NoHire");
        var before = factory.Connector.Created.Count;
        await SayAsync(client, recruiter, "debrief " + candidate);

        using var response = await client.GetAsync($"/api/v1/loops/{loopId}/debrief");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(text)!;
        var thread = Assert.Single(factory.Connector.Created.Skip(before));
        Assert.Equal(ChannelId, ((TeamsChannelData)thread.Parameters!.ChannelData!).Channel?.Id);
        var card = JsonNode.Parse(JsonSerializer.Serialize(thread.Parameters.Activity!.Attachments![0].Content))!;

        Assert.Equal(loopId, (string?)json["loopId"]);
        Assert.Equal(candidate, (string?)json["candidate"]!["name"]);
        Assert.False((bool)json["partial"]!);
        Assert.Equal(3, (int)json["completion"]!["expected"]!);
        Assert.Equal(3, (int)json["completion"]!["submitted"]!);
        var chart = CardJson.OfType(card, "Chart.VerticalBar").Single()["data"]!.AsArray().ToDictionary(p => (string)p!["x"]!, p => (double)p!["y"]!);
        var scored = json["dimensions"]!.AsArray().Where(d => d!["mean"] is not null).ToList();
        Assert.Equal(2, scored.Count);
        Assert.Equal(3.7, (double)scored.Single(d => (string?)d!["id"] == "ml-systems-design")!["mean"]!);
        Assert.Equal(3.5, (double)scored.Single(d => (string?)d!["id"] == "mlops-operations")!["mean"]!);
        foreach (var dimension in scored)
        {
            var mean = (double)dimension!["mean"]!;
            Assert.Equal(chart[(string)dimension["name"]!], mean);
            Assert.Contains("mean " + mean.ToString("0.0", CultureInfo.InvariantCulture), CardJson.VisibleText(CardJson.ById(card, "dimension." + (string)dimension["id"]!)), StringComparison.Ordinal);
        }

        Assert.Equal([1, 1, 1, 0], json["recommendations"]!.AsArray().Select(r => (int)r!["count"]!));
        foreach (var tally in json["recommendations"]!.AsArray())
        {
            var recommendation = (string)tally!["recommendation"]!;
            var line = string.Concat(CardJson.OfType(CardJson.ById(card, "tally." + char.ToUpperInvariant(recommendation[0]) + recommendation[1..]), "TextRun").Select(r => (string?)r["text"]));
            Assert.StartsWith($"{(string)tally["label"]!}: {(int)tally["count"]!}", line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("PRIVATE-NOTE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("privateNote", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("EVIDENCE of " + interviewers[1], text, StringComparison.Ordinal);

        var loop = await ReadObjectAsync(await client.GetAsync($"/api/v1/loops/{loopId}"));
        Assert.True((bool)loop["debriefState"]!["locked"]!);
        Assert.False((bool)loop["debriefState"]!["lastPostPartial"]!);
        Assert.StartsWith("https://teams.microsoft.com/l/message/", (string?)loop["debriefState"]!["threadLink"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDebrief_BeforeAnyScorecard_ReturnsAPartialDebriefWithEveryoneMissing()
    {
        using var client = factory.CreateClient();
        var created = await CreateAsync(client, Panel(Guid.NewGuid().ToString(), "Casey Kim", ["aad-a", "aad-b"]));

        using var response = await client.GetAsync($"/api/v1/loops/{created["loopId"]}/debrief");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ReadObjectAsync(response);
        Assert.True((bool)json["partial"]!);
        Assert.Equal(0, (int)json["completion"]!["submitted"]!);
        Assert.Equal(2, json["completion"]!["missing"]!.AsArray().Count);
        Assert.All(json["dimensions"]!.AsArray(), d => Assert.Null(d!["mean"]));
    }

    [Fact]
    public async Task GetDebrief_UnknownLoop_Returns404ProblemDetails()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/loops/no-such-loop/debrief");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task GetDebrief_KeysConfiguredAndNoRightKey_Returns401(string? presented)
    {
        const string Key = "test-key-0123456789";
        await using var secured = new InterviewBotFactory("Development", new() { ["Api:Keys:0"] = Key });
        using var client = secured.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var created = await CreateAsync(client, LoopRequests.Example);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/loops/{created["loopId"]}/debrief");
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        if (presented is not null)
        {
            request.Headers.Add("X-Api-Key", presented);
        }

        using var refused = await client.SendAsync(request);
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        using var allowed = await client.GetAsync($"/api/v1/loops/{created["loopId"]}/debrief");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain("Jordan Lee", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    /// <summary>A loop of one interview per interviewer, recruited by <paramref name="recruiter"/>, debriefed in <see cref="ChannelId"/>.</summary>
    private static string Panel(string recruiter, string candidate, IReadOnlyList<string> interviewers, Action<JsonObject>? change = null) =>
        LoopRequests.ExampleWith(b =>
        {
            b["candidate"]!["name"] = candidate;
            b["recruiters"]![0]!["aadObjectId"] = recruiter;
            var first = LoopRequests.FirstInterview(b);
            b["interviews"] = new JsonArray([.. interviewers.Select(id =>
            {
                var interview = first.DeepClone().AsObject();
                interview["interviewer"] = new JsonObject { ["aadObjectId"] = id, ["name"] = "Interviewer " + id };
                return (JsonNode)interview;
            })]);
            b["hiringChannel"] = new JsonObject { ["channelId"] = ChannelId, ["tenantId"] = TestData.TenantId, ["name"] = "API hiring" };
            change?.Invoke(b);
        });

    private static async Task<JsonObject> CreateAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/api/v1/loops", LoopRequests.Json(body));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await ReadObjectAsync(response);
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?.AsObject() ?? throw new Xunit.Sdk.XunitException("The response has no JSON body.");

    // Through the messaging endpoint, as Teams delivers a click in the unauthenticated Development mode.
    private static async Task SubmitAsync(HttpClient client, string interviewId, string interviewer, string design, string mlops, string recommendation)
    {
        var inputs = new Dictionary<string, object?>
        {
            ["rating.ml-systems-design"] = design,
            ["evidence.ml-systems-design"] = "EVIDENCE of " + interviewer + ": designed a feature store.",
            ["rating.mlops-operations"] = mlops,
            ["evidence.mlops-operations"] = mlops == "na" ? string.Empty : "EVIDENCE of " + interviewer + ": drift alerts.",
            ["signals"] = "pragmatic-tradeoffs",
            ["recommendation"] = recommendation,
            ["privateNote"] = "PRIVATE-NOTE of " + interviewer,
        };
        var activity = Activities.CardAction(ScorecardVerbs.Submit, ScorecardInputs.Data(interviewId, 0, inputs), interviewer);
        using var response = await client.PostAsync("/api/messages", LoopRequests.Json(JsonSerializer.Serialize(activity, TeamsJson.Options)));
        var answer = await ReadObjectAsync(response);
        Assert.Contains("Scorecard submitted", CardJson.VisibleText(answer["value"]!), StringComparison.Ordinal);
    }

    private static async Task SayAsync(HttpClient client, string aadObjectId, string text)
    {
        var activity = Activities.PersonalMessage(text, aadObjectId, "29:" + aadObjectId, "a:personal-" + aadObjectId);
        activity.Id = Guid.NewGuid().ToString("N");
        using var response = await client.PostAsync("/api/messages", LoopRequests.Json(JsonSerializer.Serialize(activity, TeamsJson.Options)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
