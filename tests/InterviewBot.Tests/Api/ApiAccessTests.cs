using System.Net;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Api;

/// <summary>Who may call the REST API and the messaging endpoint, by environment and configuration.</summary>
[Collection(WebHostCollection.Name)]
public sealed class ApiAccessTests
{
    private const string Key = "test-key-0123456789";
    private const string AppId = "00000000-0000-0000-0000-00000000b07";

    /// <summary>A complete single-tenant identity: outside Development the host refuses to start without one.</summary>
    private static Dictionary<string, string?> Identity(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = "11111111-2222-3333-4444-555555555555",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task Post_DevelopmentWithoutKeys_IsOpenToTheLocalCaller()
    {
        await using var factory = new InterviewBotFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/loops", LoopRequests.Json(LoopRequests.Example));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-key")]
    [InlineData("test-key-012345678")]
    [InlineData("TEST-KEY-0123456789")]
    public async Task Post_KeysConfiguredAndNoRightKey_Returns401AndStoresNothing(string? presented)
    {
        await using var factory = new InterviewBotFactory("Development", new() { ["Api:Keys:0"] = Key });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/loops") { Content = LoopRequests.Json(LoopRequests.Example) };
        if (presented is not null)
        {
            request.Headers.Add("X-Api-Key", presented);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(factory.Tables.Writes);
        Assert.Empty(factory.Scheduler.Scheduled);
    }

    [Fact]
    public async Task Get_KeysConfiguredAndNoKey_Returns401()
    {
        await using var factory = new InterviewBotFactory("Development", new() { ["Api:Keys:0"] = Key });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/loops/anything");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Post_RightKey_Returns201AndTheLoopCanBeRead(string environment)
    {
        await using var factory = new InterviewBotFactory(environment, Identity(("Api:Keys:0", "other-key"), ("Api:Keys:1", Key)));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);

        using var created = await client.PostAsync("/api/v1/loops", LoopRequests.Json(LoopRequests.Example));
        using var read = await client.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Post_ProductionWithoutKeys_Returns401EvenWithoutAKeyToGuess()
    {
        await using var factory = new InterviewBotFactory("Production", Identity());
        using var client = factory.CreateClient();

        using var post = await client.PostAsync("/api/v1/loops", LoopRequests.Json(LoopRequests.Example));
        using var get = await client.GetAsync("/api/v1/loops/anything");

        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
        Assert.Empty(factory.Tables.Writes);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task PostMessages_AppIdConfiguredAndNoToken_Returns401AndHandlesNothing(string environment)
    {
        await using var factory = new InterviewBotFactory(environment, Identity());
        using var client = factory.CreateClient();
        var activity = System.Text.Json.JsonSerializer.Serialize(Activities.PersonalMessage("demo"), InterviewBot.Teams.Schema.TeamsJson.Options);

        using var response = await client.PostAsync("/api/messages", LoopRequests.Json(activity));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(factory.Connector.Calls);
        Assert.Empty(factory.Tables.Writes);
    }

    [Fact]
    public async Task PostMessages_AppIdConfiguredAndAForgedToken_Returns401()
    {
        await using var factory = new InterviewBotFactory("Production", Identity());
        using var client = factory.CreateClient();
        // A well-formed but unsigned token ("alg": "none") claiming to be from the Bot Framework.
        const string Forged = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIiwiYXVkIjoiMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwYjA3In0.";
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Forged);
        var activity = System.Text.Json.JsonSerializer.Serialize(Activities.PersonalMessage("demo"), InterviewBot.Teams.Schema.TeamsJson.Options);

        using var response = await client.PostAsync("/api/messages", LoopRequests.Json(activity));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(factory.Connector.Calls);
    }
}
