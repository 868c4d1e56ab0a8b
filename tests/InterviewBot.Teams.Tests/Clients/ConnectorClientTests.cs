using System.Net;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;
using InterviewBot.Teams.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewBot.Teams.Tests.Clients;

public sealed class ConnectorClientTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    private const string PersonalChatId = "a:17I0kl9EkpE1O9PH5TWrzrLNwnWWcfrU7QZjKR0WSfOpzbfcAg2IaydGElSo10tVr4C7Fc6GtieTJX663WuJCc1uA83n4CSrHSgGBj5XNYLcVlJAs2ZX8DbYBPck201w-";
    private const string ChannelThreadId = "19:aebd0ad4d6ab42c8b9ed19c251c2fc37@thread.tacv2;messageid=1481567603816";

    private static readonly ConnectorOptions Defaults = new();

    private readonly FakeHttpMessageHandler _handler = new();
    private readonly ObservableTimeProvider _time = new();

    private IConnectorClient CreateClient(string? token = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddTeamsConnector(new ConfigurationBuilder().Build());
        services.AddSingleton<IBotTokenProvider>(new FixedTokenProvider(token));
        services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => _handler));
        return services.BuildServiceProvider().GetRequiredService<IConnectorClient>();
    }

    [Fact]
    public async Task SendToConversationAsync_ChannelThreadId_EscapesReservedCharactersInThePath()
    {
        // Arrange
        _handler.Respond(HttpStatusCode.Created, """{ "id": "1481567603999" }""");
        var client = CreateClient();

        // Act
        var response = await client.SendToConversationAsync(ServiceUrl, ChannelThreadId, Activity.CreateMessage("hi"));

        // Assert
        var request = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(
            "https://smba.trafficmanager.net/amer/v3/conversations/19%3Aaebd0ad4d6ab42c8b9ed19c251c2fc37%40thread.tacv2%3Bmessageid%3D1481567603816/activities",
            request.Uri.AbsoluteUri);
        Assert.Equal("1481567603999", response.Id);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer", "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1/activities")]
    [InlineData("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1/activities")]
    [InlineData("http://localhost:56150/_connector", "http://localhost:56150/_connector/v3/conversations/a%3A1/activities")]
    public async Task SendToConversationAsync_ServiceUrlWithOrWithoutTrailingSlash_BuildsOneUrl(string serviceUrl, string expected)
    {
        // Arrange
        _handler.Respond(HttpStatusCode.OK, """{ "id": "1" }""");
        var client = CreateClient();

        // Act
        await client.SendToConversationAsync(serviceUrl, "a:1", Activity.CreateMessage("hi"));

        // Assert
        Assert.Equal(expected, Assert.Single(_handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task SendToConversationAsync_Activity_IsSentAsCamelCaseJsonWithoutNulls()
    {
        // Arrange
        _handler.Respond(HttpStatusCode.OK, """{ "id": "1" }""");
        var client = CreateClient();

        // Act
        await client.SendToConversationAsync(ServiceUrl, PersonalChatId, Activity.CreateMessage("**hi**"));

        // Assert
        var request = Assert.Single(_handler.Requests);
        Assert.Equal("application/json", request.ContentType);
        JsonAssert.Equivalent("""{ "type": "message", "text": "**hi**", "textFormat": "markdown" }""", request.Body!);
    }

    [Fact]
    public async Task ReplyToActivityAsync_ChannelThread_PostsToTheActivityPath()
    {
        // Arrange
        _handler.Respond(HttpStatusCode.OK, """{ "id": "2" }""");
        var client = CreateClient();

        // Act
        await client.ReplyToActivityAsync(ServiceUrl, ChannelThreadId, "1481567603816", Activity.CreateMessage("reply"));

        // Assert
        var request = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.EndsWith("/v3/conversations/19%3Aaebd0ad4d6ab42c8b9ed19c251c2fc37%40thread.tacv2%3Bmessageid%3D1481567603816/activities/1481567603816", request.Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateActivityAsync_EarlierActivity_PutsToTheActivityPath()
    {
        // Arrange
        _handler.Respond(HttpStatusCode.OK, """{ "id": "1:abc" }""");
        var client = CreateClient();

        // Act
        var response = await client.UpdateActivityAsync(ServiceUrl, PersonalChatId, "1:abc", Activity.CreateMessage("new"));

        // Assert
        var request = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.EndsWith($"/v3/conversations/{Uri.EscapeDataString(PersonalChatId)}/activities/1%3Aabc", request.Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("1:abc", response.Id);
    }

    [Fact]
    public async Task CreateConversationAsync_PersonalChat_PostsTheParametersAndReadsTheNewConversation()
    {
        // Arrange
        _handler.Respond(HttpStatusCode.Created, """{ "id": "a:1new", "activityId": "1715", "serviceUrl": "https://smba.trafficmanager.net/amer/" }""");
        var client = CreateClient();
        var parameters = new ConversationParameters(
            IsGroup: false,
            Bot: new ChannelAccount("28:bot"),
            Members: [new ChannelAccount("29:user")],
            TenantId: "tenant-1",
            ChannelData: new TeamsChannelData { Tenant = new TenantInfo("tenant-1") });

        // Act
        var response = await client.CreateConversationAsync(ServiceUrl, parameters);

        // Assert
        var request = Assert.Single(_handler.Requests);
        Assert.Equal("https://smba.trafficmanager.net/amer/v3/conversations", request.Uri.AbsoluteUri);
        JsonAssert.Equivalent(
            """
            {
              "isGroup": false,
              "bot": { "id": "28:bot" },
              "members": [ { "id": "29:user" } ],
              "tenantId": "tenant-1",
              "channelData": { "tenant": { "id": "tenant-1" } }
            }
            """,
            request.Body!);
        Assert.Equal(new ConversationResourceResponse("a:1new", "1715", "https://smba.trafficmanager.net/amer/"), response);
    }

    [Fact]
    public async Task SendToConversationAsync_TokenAvailable_SendsItAsBearer()
    {
        // Arrange
        _handler.Respond(HttpStatusCode.OK, """{ "id": "1" }""");
        var client = CreateClient(token: "eyJ.token");

        // Act
        await client.SendToConversationAsync(ServiceUrl, PersonalChatId, Activity.CreateMessage("hi"));

        // Assert
        Assert.Equal("Bearer eyJ.token", Assert.Single(_handler.Requests).Authorization);
    }

    [Fact]
    public async Task SendToConversationAsync_NoToken_SendsNoAuthorizationHeader()
    {
        // Arrange
        _handler.Respond(HttpStatusCode.OK, """{ "id": "1" }""");
        var client = CreateClient(token: null);

        // Act
        await client.SendToConversationAsync(ServiceUrl, PersonalChatId, Activity.CreateMessage("hi"));

        // Assert
        Assert.Null(Assert.Single(_handler.Requests).Authorization);
    }

    [Fact]
    public async Task SendToConversationAsync_BotNotInRoster_ThrowsWithTeamsErrorCodeAndDoesNotRetry()
    {
        // Arrange
        _handler.Respond(HttpStatusCode.Forbidden, """{ "error": { "code": "BotNotInConversationRoster", "message": "The bot is not part of the conversation roster." } }""");
        var client = CreateClient();

        // Act
        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendToConversationAsync(ServiceUrl, PersonalChatId, Activity.CreateMessage("hi")));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, exception.StatusCode);
        Assert.Equal("BotNotInConversationRoster", exception.ErrorCode);
        Assert.Contains("The bot is not part of the conversation roster.", exception.Message, StringComparison.Ordinal);
        Assert.False(exception.IsTransient);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task UpdateActivityAsync_ErrorBodyIsNotJson_StillReportsTheStatus()
    {
        // Arrange
        _handler.Respond(HttpStatusCode.NotFound, configure: r => r.Content = new StringContent("Not Found"));
        var client = CreateClient();

        // Act
        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => client.UpdateActivityAsync(ServiceUrl, PersonalChatId, "1:gone", Activity.CreateMessage("x")));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
        Assert.Null(exception.ErrorCode);
    }

    [Fact]
    public async Task SendToConversationAsync_Throttled_WaitsForRetryAfterThenRetries()
    {
        // Arrange
        _handler
            .Respond(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3)))
            .Respond(HttpStatusCode.OK, """{ "id": "after-retry" }""");
        var client = CreateClient();

        // Act
        var sending = client.SendToConversationAsync(ServiceUrl, PersonalChatId, Activity.CreateMessage("hi"));
        await _time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(3));
        _time.Advance(TimeSpan.FromSeconds(2.9));
        var requestsBeforeTheWaitEnded = _handler.Requests.Count;
        _time.Advance(TimeSpan.FromSeconds(0.1));
        var response = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal(1, requestsBeforeTheWaitEnded);
        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal("after-retry", response.Id);
    }

    [Fact]
    public async Task SendToConversationAsync_ServiceUnavailable_RetriesWithBackoff()
    {
        // Arrange
        _handler
            .Respond(HttpStatusCode.ServiceUnavailable)
            .Respond(HttpStatusCode.OK, """{ "id": "ok" }""");
        var client = CreateClient();

        // Act
        var sending = client.SendToConversationAsync(ServiceUrl, PersonalChatId, Activity.CreateMessage("hi"));
        var backoff = await _time.WaitForTimerAsync(IsBackoff);
        _time.Advance(backoff);
        var response = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal("ok", response.Id);
    }

    [Fact]
    public async Task SendToConversationAsync_ThrottledOnEveryAttempt_GivesUpWith429AfterTheRetries()
    {
        // Arrange
        for (var i = 0; i <= Defaults.MaxRetryAttempts; i++)
        {
            _handler.Respond(
                HttpStatusCode.TooManyRequests,
                """{ "error": { "code": "TooManyRequests", "message": "Slow down" } }""",
                r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1)));
        }

        var client = CreateClient();

        // Act
        var sending = client.SendToConversationAsync(ServiceUrl, PersonalChatId, Activity.CreateMessage("hi"));
        for (var retry = 0; retry < Defaults.MaxRetryAttempts; retry++)
        {
            await _time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => sending.WaitAsync(TimeSpan.FromSeconds(10)));

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, exception.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), exception.RetryAfter);
        Assert.True(exception.IsTransient);
        Assert.Equal(Defaults.MaxRetryAttempts + 1, _handler.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task SendToConversationAsync_RetryAfterLongerThanIsWaitedWithinACall_HandsTheWaitToTheCaller(HttpStatusCode status)
    {
        // Arrange
        _handler.Respond(
            status,
            configure: r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMinutes(2)));
        var client = CreateClient();

        // Act
        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendToConversationAsync(ServiceUrl, PersonalChatId, Activity.CreateMessage("hi")));

        // Assert
        Assert.Equal(TimeSpan.FromMinutes(2), exception.RetryAfter);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task SendToConversationAsync_SuccessWithEmptyBody_ReturnsAResponseWithoutId()
    {
        // Arrange
        _handler.Respond(HttpStatusCode.Accepted);
        var client = CreateClient();

        // Act
        var response = await client.SendToConversationAsync(ServiceUrl, PersonalChatId, Activity.CreateMessage("hi"));

        // Assert
        Assert.Null(response.Id);
    }

    [Fact]
    public async Task SendToConversationAsync_RelativeServiceUrl_IsRejectedBeforeAnyRequest()
    {
        // Arrange
        var client = CreateClient();

        // Act & Assert
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendToConversationAsync("/not/absolute", PersonalChatId, Activity.CreateMessage("hi")));
        Assert.Empty(_handler.Requests);
    }

    // The attempt and total timeouts also start timers; the backoff is the one shorter than both.
    private static bool IsBackoff(TimeSpan dueTime) => dueTime > TimeSpan.Zero && dueTime < Defaults.AttemptTimeout;

    private sealed class FixedTokenProvider(string? token) : IBotTokenProvider
    {
        public bool IssuesTokens => token is not null;

        public ValueTask<string?> GetTokenAsync(string serviceUrl, CancellationToken cancellationToken = default) => ValueTask.FromResult(token);
    }
}
