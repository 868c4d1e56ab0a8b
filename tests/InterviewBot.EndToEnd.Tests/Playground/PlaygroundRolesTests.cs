using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.EndToEnd.Tests.Infrastructure;
using InterviewBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InterviewBot.EndToEnd.Tests.Playground;

/// <summary>An activity as the Playground delivered it to the bot.</summary>
public sealed record DeliveredActivity(JsonElement Body);

/// <summary>
/// The Agents Playground started with the repository's <c>.m365agentsplayground.yml</c>, in front of a bot that only
/// records what reaches it, so that what is checked is the mock data itself.
/// </summary>
public sealed class PlaygroundWithRepositoryRoles : IAsyncLifetime
{
    public const string ConfigFile = ".m365agentsplayground.yml";

    private WebApplication? _bot;

    public PlaygroundServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public EventLog<DeliveredActivity> Activities { get; } = new("Activities the bot received");

    /// <summary>The configuration the Playground's UI loads: the signed-in user, the other users, chats and teams.</summary>
    public JsonElement Config { get; private set; }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _bot = builder.Build();
        _bot.MapGet("/api/messages", () => Results.Ok());
        _bot.MapPost("/api/messages", async (HttpRequest request) =>
        {
            Activities.Add(new DeliveredActivity(await JsonSerializer.DeserializeAsync<JsonElement>(request.Body)));
            return Results.Ok();
        });
        await _bot.StartAsync();
        var address = _bot.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

        var configFile = Path.Combine(RepositoryRoot.Find(), ConfigFile);
        Assert.True(File.Exists(configFile), $"{configFile} does not exist.");
        Server = await PlaygroundServer.StartAsync(new Uri(address.TrimEnd('/') + "/api/messages"), configFile);
        Http = new HttpClient { BaseAddress = Server.Address, Timeout = Waits.Default };
        Activities.Context = () => "Playground output:" + Environment.NewLine + Server.Output;

        using var response = await Http.GetAsync(new Uri("_internal/v1/config", UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"The Playground refused its config: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{Server.Output}");
        Config = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("config").Clone();
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }
    }
}

/// <summary>
/// The mock people and places of <c>.m365agentsplayground.yml</c>: one person per InterviewBot role, with the Entra
/// object ids the README's walk-through puts in a loop, and a team with a hiring channel.
/// </summary>
public sealed class PlaygroundRolesTests(PlaygroundWithRepositoryRoles playground) : IClassFixture<PlaygroundWithRepositoryRoles>
{
    private const string Tenant = "00000000-0000-0000-0000-000000000001";
    private const string BotId = "00000000-0000-0000-0000-000000000011";
    private const string HiringTeam = "19:hiring-team@thread.tacv2";
    private const string HiringChannel = "19:ml-engineer-hiring@thread.tacv2";

    public static TheoryData<string, string, string> Roles => new()
    {
        { "user-ivy", "Ivy Interviewer", "33333333-3333-3333-3333-333333333333" },
        { "user-riley", "Riley Recruiter", "11111111-1111-1111-1111-111111111111" },
        { "user-morgan", "Morgan Manager", "22222222-2222-2222-2222-222222222222" },
    };

    [Fact]
    public void Config_SignedInUser_IsTheInterviewer()
    {
        // Act
        var me = playground.Config.GetProperty("currentUser");

        // Assert
        Assert.Equal("user-ivy", me.GetProperty("id").GetString());
        Assert.Equal("Ivy Interviewer", me.GetProperty("name").GetString());
        Assert.Equal("33333333-3333-3333-3333-333333333333", me.GetProperty("aadObjectId").GetString());
        Assert.Equal(Tenant, playground.Config.GetProperty("tenantId").GetString());
        Assert.Equal("InterviewBot", playground.Config.GetProperty("bot").GetProperty("name").GetString());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Config_EveryRole_IsAPersonOfTheTenantWithAFixedObjectId(string id, string name, string aadObjectId)
    {
        // Act
        var people = playground.Config.GetProperty("users").EnumerateArray().Append(playground.Config.GetProperty("currentUser"));

        // Assert
        var person = Assert.Single(people, p => p.GetProperty("id").GetString() == id);
        Assert.Equal(name, person.GetProperty("name").GetString());
        Assert.Equal(aadObjectId, person.GetProperty("aadObjectId").GetString());
    }

    [Theory]
    [InlineData("user-ivy")]
    [InlineData("user-riley")]
    [InlineData("user-morgan")]
    public void Config_EveryRole_IsAMemberOfTheHiringTeam(string id)
    {
        // Act
        var team = Assert.Single(playground.Config.GetProperty("teams").EnumerateArray());

        // Assert
        var members = team.GetProperty("members").EnumerateArray().Select(m => m.GetString()).Append(playground.Config.GetProperty("currentUser").GetProperty("id").GetString());
        Assert.Contains(id, members);
    }

    [Fact]
    public void Config_HiringTeam_HasTheHiringChannelBesideGeneral()
    {
        // Act
        var team = Assert.Single(playground.Config.GetProperty("teams").EnumerateArray());

        // Assert
        Assert.Equal(HiringTeam, team.GetProperty("id").GetString());
        Assert.Equal("Hiring", team.GetProperty("name").GetString());
        var channels = team.GetProperty("channels").EnumerateArray().Select(c => (c.GetProperty("id").GetString(), c.GetProperty("name").GetString())).ToList();
        Assert.Equal([(HiringTeam, "General"), (HiringChannel, "ML Engineer hiring")], channels);
    }

    [Fact]
    public async Task CustomActivity_FromTheRecruiterInTheHiringChannel_ReachesTheBotAsTheRecruiterInThatChannel()
    {
        // Arrange: the activity the README's say_as function posts.
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = new Uri(playground.Server.Address, "_connector").ToString(),
            ["from"] = new JsonObject { ["id"] = "user-riley", ["name"] = "Riley Recruiter", ["aadObjectId"] = "11111111-1111-1111-1111-111111111111" },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "InterviewBot" },
            ["conversation"] = new JsonObject { ["id"] = HiringChannel, ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = Tenant },
            ["channelData"] = new JsonObject
            {
                ["tenant"] = new JsonObject { ["id"] = Tenant },
                ["team"] = new JsonObject { ["id"] = HiringTeam },
                ["channel"] = new JsonObject { ["id"] = HiringChannel },
            },
            ["text"] = "<at>InterviewBot</at> link Jordan Lee",
        };
        var before = playground.Activities.Count;

        // Act
        using var response = await playground.Http.PostAsJsonAsync(new Uri("_internal/v1/customActivities", UriKind.Relative), activity);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = (await playground.Activities.WaitForAsync(a => a.Body.GetProperty("type").GetString() == "message", "the recruiter's message", before)).Body;
        Assert.Equal("11111111-1111-1111-1111-111111111111", received.GetProperty("from").GetProperty("aadObjectId").GetString());
        Assert.Equal(HiringChannel, received.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal("<at>InterviewBot</at> link Jordan Lee", received.GetProperty("text").GetString());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Readme_PlaygroundWalkThrough_NamesEveryRoleWithItsIds(string id, string name, string aadObjectId)
    {
        // Act
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md"));

        // Assert
        Assert.Contains(id, readme, StringComparison.Ordinal);
        Assert.Contains(name, readme, StringComparison.Ordinal);
        Assert.Contains(aadObjectId, readme, StringComparison.Ordinal);
    }
}
