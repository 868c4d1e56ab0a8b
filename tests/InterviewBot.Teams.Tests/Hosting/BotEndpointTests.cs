using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using InterviewBot.Teams.Cards;
using InterviewBot.Teams.Hosting;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;
using InterviewBot.Teams.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewBot.Teams.Tests.Hosting;

public sealed class BotEndpointTests
{
    [Fact]
    public async Task Post_PersonalMessage_Answers200AndTheHandlerRepliesInTheChat()
    {
        // Arrange
        await using var host = await TestBotHost.StartAsync(routes => routes.OnMessage((turn, ct) => turn.SendAsync($"You said {turn.Activity.Text}", ct)));

        // Act
        var response = await host.PostAsync(Fixture.Read(Fixture.PersonalMessage));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var call = Assert.Single(host.Connector.Calls);
        Assert.Equal("You said status", call.Activity?.Text);
        Assert.Equal("https://smba.trafficmanager.net/amer/", call.ServiceUrl);
    }

    [Fact]
    public async Task Post_AppIdConfiguredAndTokenUnverifiable_Answers401WithNoBodyAndRunsNoHandler()
    {
        // Arrange
        var handled = false;
        await using var host = await TestBotHost.StartAsync(
            routes => routes.OnMessage((_, _) =>
            {
                handled = true;
                return Task.CompletedTask;
            }),
            new Dictionary<string, string?> { ["MicrosoftAppId"] = "c9e8c047-2a74-40a2-b28a-b162d5f5327c", ["MicrosoftAppPassword"] = "secret", ["MicrosoftAppTenantId"] = "t" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(Fixture.Read(Fixture.PersonalMessage), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln");

        // Act
        var response = await host.Client.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.False(handled);
    }

    [Theory]
    [InlineData("{ \"type\": \"message\", ")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{ \"type\": \"message\", \"text\": 42 }")]
    public async Task Post_MalformedActivity_Answers400(string body)
    {
        // Arrange
        await using var host = await TestBotHost.StartAsync();

        // Act
        var response = await host.PostAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_ActivityWithoutType_Answers400()
    {
        // Arrange
        await using var host = await TestBotHost.StartAsync();

        // Act
        var response = await host.PostAsync("""{ "text": "hi", "conversation": { "id": "a:1" }, "serviceUrl": "https://smba.trafficmanager.net/amer/" }""");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("""{ "type": "message", "text": "hi", "serviceUrl": "https://smba.trafficmanager.net/amer/" }""")]
    [InlineData("""{ "type": "message", "text": "hi", "conversation": { "id": "a:1" } }""")]
    [InlineData("""{ "type": "invoke", "name": "adaptiveCard/action", "conversation": { "id": "a:1" }, "serviceUrl": "not a url" }""")]
    public async Task Post_MessageOrInvokeWithNowhereToAnswer_Answers400(string body)
    {
        // Arrange
        await using var host = await TestBotHost.StartAsync();

        // Act
        var response = await host.PostAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnhandledInvoke_Answers501()
    {
        // Arrange
        await using var host = await TestBotHost.StartAsync();

        // Act
        var response = await host.PostAsync(Fixture.Read(Fixture.AdaptiveCardAction));

        // Assert
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Post_AdaptiveCardAction_WritesTheInvokeResponseAsJson()
    {
        // Arrange
        await using var host = await TestBotHost.StartAsync(routes => routes.OnInvoke(
            AdaptiveCardInvokeValue.InvokeName,
            (turn, _) =>
            {
                var verb = turn.Activity.GetAdaptiveCardInvokeValue()?.Action?.Verb;
                return Task.FromResult(AdaptiveCardInvokeResponse.Card(new AdaptiveCard { Body = [new TextBlock($"Done: {verb}")] }));
            }));

        // Act
        var response = await host.PostAsync(Fixture.Read(Fixture.AdaptiveCardAction));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("Done: poll.vote", body.RootElement.GetProperty("value").GetProperty("body")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Post_InvokeAnsweredWithStatusOnly_WritesThatStatusAndNoBody()
    {
        // Arrange
        await using var host = await TestBotHost.StartAsync(routes => routes.OnInvoke(
            AdaptiveCardInvokeValue.InvokeName,
            (_, _) => Task.FromResult(new InvokeResponse(202))));

        // Act
        var response = await host.PostAsync(Fixture.Read(Fixture.AdaptiveCardAction));

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Post_BodyLargerThanTheLimit_Answers413()
    {
        // Arrange
        await using var host = await TestBotHost.StartAsync(settings: new Dictionary<string, string?> { ["Bot:MaxRequestBodyBytes"] = "1024" });
        var body = $$"""{ "type": "message", "text": "{{new string('x', 2000)}}" }""";

        // Act
        var response = await host.PostAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_BodyOfUnannouncedLengthLargerThanTheLimit_Answers413()
    {
        // Arrange
        var handled = false;
        await using var host = await TestBotHost.StartAsync(
            routes => routes.OnMessage((_, _) =>
            {
                handled = true;
                return Task.CompletedTask;
            }),
            new Dictionary<string, string?> { ["Bot:MaxRequestBodyBytes"] = "1024" });
        var json = $$"""{ "type": "message", "conversation": { "id": "a:1" }, "serviceUrl": "https://smba.trafficmanager.net/amer/", "text": "{{new string('x', 2000)}}" }""";
        using var content = new UnknownLengthContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        // Act
        var response = await host.Client.PostAsync("/api/messages", content);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.False(handled);
    }

    [Fact]
    public async Task Post_HandlerThrows_Answers500AndLogsTheFailureWithoutTheMessageText()
    {
        // Arrange
        await using var host = await TestBotHost.StartAsync(routes => routes.OnMessage((_, _) => throw new InvalidOperationException("store unavailable")));
        var activity = Fixture.Activity(Fixture.PersonalMessage);
        activity.Text = "confidential remark about someone";

        // Act
        var response = await host.PostAsync(JsonSerializer.Serialize(activity, TeamsJson.Options));

        // Assert
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var failure = Assert.Single(host.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(failure.Exception);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains("confidential", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_ActivityTypeWithoutHandler_Answers200()
    {
        // Arrange
        await using var host = await TestBotHost.StartAsync();

        // Act
        var response = await host.PostAsync(Fixture.Read(Fixture.MembersAdded));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_MessagingEndpoint_Answers405()
    {
        // Arrange
        await using var host = await TestBotHost.StartAsync();

        // Act
        var response = await host.Client.GetAsync("/api/messages");

        // Assert
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Start_ProductionWithoutAppId_RefusesToStartNamingTheSetting()
    {
        // Arrange
        await using var app = TestBotHost.Build("Production", null, null, new RecordingConnectorClient(), new CollectingLoggerProvider());

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        // Assert
        Assert.Contains("MicrosoftAppId", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithAppId_StartsAndRejectsRequestsWithoutAToken()
    {
        // Arrange
        await using var host = await TestBotHost.StartAsync(
            settings: new Dictionary<string, string?> { ["MicrosoftAppId"] = "app", ["MicrosoftAppPassword"] = "secret", ["MicrosoftAppTenantId"] = "t" },
            environment: "Production");

        // Act
        var response = await host.PostAsync(Fixture.Read(Fixture.PersonalMessage));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Start_DevelopmentWithoutAppId_WarnsThatRequestsAreNotAuthenticated()
    {
        // Arrange & Act
        await using var host = await TestBotHost.StartAsync();

        // Assert
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("without a token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_InvalidAppType_RefusesToStart()
    {
        // Arrange
        await using var app = TestBotHost.Build(
            "Development",
            new Dictionary<string, string?> { ["MicrosoftAppType"] = "Anonymous" },
            null,
            new RecordingConnectorClient(),
            new CollectingLoggerProvider());

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        // Assert
        Assert.Contains("MicrosoftAppType", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTeamsBot_Settings_BindsRootIdentityAndBotSection()
    {
        // Arrange
        await using var host = await TestBotHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["MicrosoftAppPassword"] = "pw",
            ["MicrosoftAppTenantId"] = "tenant-1",
            ["Bot:MaxRequestBodyBytes"] = "4096",
        });

        // Act
        var options = host.App.Services.GetRequiredService<IOptions<BotOptions>>().Value;

        // Assert
        Assert.Null(options.MicrosoftAppId);
        Assert.Equal("pw", options.MicrosoftAppPassword);
        Assert.Equal("SingleTenant", options.MicrosoftAppType);
        Assert.Equal("tenant-1", options.MicrosoftAppTenantId);
        Assert.Equal(4096, options.MaxRequestBodyBytes);
    }

    [Fact]
    public void MapTeamsBot_WithoutAddTeamsBot_ExplainsWhatIsMissing()
    {
        // Arrange
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        var app = builder.Build();

        // Act
        var exception = Assert.Throws<InvalidOperationException>(() => app.MapTeamsBot());

        // Assert
        Assert.Contains("AddTeamsBot", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ChannelMessage_HandlerReceivesTheCommandWithoutTheMention()
    {
        // Arrange
        string? command = null;
        await using var host = await TestBotHost.StartAsync(routes => routes.OnMessage((turn, _) =>
        {
            command = turn.Activity.GetTextWithoutMentionOf(turn.Activity.Recipient?.Id);
            return Task.CompletedTask;
        }));

        // Act
        var response = await host.PostAsync(Fixture.Read(Fixture.ChannelMessageWithMention));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("summary for Q3 & Q4", command);
    }

    [Fact]
    public async Task Post_Middleware_SeesEveryActivityBeforeTheHandler()
    {
        // Arrange
        var seen = new List<string?>();
        await using var host = await TestBotHost.StartAsync(routes => routes
            .Use(async (turn, next, _) =>
            {
                seen.Add(turn.Activity.GetTenantId());
                await next();
            })
            .OnInstallationUpdate((_, _) => Task.CompletedTask));

        // Act
        await host.PostAsync(Fixture.Read(Fixture.InstallationAdd));
        await host.PostAsync(Fixture.Read(Fixture.AdaptiveCardAction));

        // Assert
        Assert.Equal(["ce067f64-338d-44a0-89fb-7fc8973e254f", "72f988bf-86f1-41af-91ab-2d7cd011db47"], seen);
    }
}
