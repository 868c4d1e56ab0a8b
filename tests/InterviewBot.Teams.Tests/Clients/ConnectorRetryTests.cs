using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Teams.Tests.Clients;

public sealed class ConnectorRetryTests
{
    private const string ServiceUrl = ConnectorTestHost.ServiceUrl;
    private const string Chat = "a:1personal-chat";

    [Fact]
    public async Task SendToConversationAsync_ThrottledWithAndWithoutRetryAfterThenUnavailable_DeliversEachMessageExactlyOnce()
    {
        // Arrange
        using var host = ConnectorTestHost.Create();
        host.Connector.Script = (_, earlier, _) => earlier switch
        {
            0 => Answer(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(2)),
            1 => Answer(HttpStatusCode.TooManyRequests),
            2 => Answer(HttpStatusCode.ServiceUnavailable),
            _ => null,
        };
        var texts = Enumerable.Range(0, 5).Select(i => $"reminder {i}").ToList();

        // Act
        var sends = texts.Select(text => host.Client.SendToConversationAsync(ServiceUrl, Chat, ConnectorTestHost.Message(text, Chat))).ToList();
        await host.Clock.RunUntilAsync(Task.WhenAll(sends));

        // Assert
        Assert.All(sends, send => Assert.StartsWith("activity-", send.Result.Id, StringComparison.Ordinal));
        foreach (var text in texts)
        {
            var attempts = host.Connector.Requests.Where(r => r.Text == text).ToList();
            Assert.Equal(4, attempts.Count);
            Assert.Single(host.Connector.Accepted, r => r.Text == text);
            Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(2), $"{text} was retried {attempts[1].At - attempts[0].At} after a Retry-After of 2 s.");
        }
    }

    [Fact]
    public async Task SendToConversationAsync_RetryAfterGivenAsADate_WaitsUntilThatTimeOnTheSameClock()
    {
        // Arrange
        using var host = ConnectorTestHost.Create();
        var retryAt = host.Clock.GetUtcNow().AddSeconds(4);
        host.Connector.Script = (_, earlier, _) => earlier == 0
            ? Task.FromResult(WithRetryAfterDate(retryAt))
            : null;

        // Act
        var sending = host.Client.SendToConversationAsync(ServiceUrl, Chat, ConnectorTestHost.Message("hi", Chat));
        await host.Clock.RunUntilAsync(sending);

        // Assert
        Assert.Equal([host.Clock.Start, retryAt], host.Connector.Requests.Select(r => r.At));
    }

    [Fact]
    public async Task SendToConversationAsync_BotNotInConversationRoster_FailsAtOnceWithTheErrorCode()
    {
        // Arrange
        using var host = ConnectorTestHost.Create();
        host.Connector.Script = (_, _, _) => Answer(
            HttpStatusCode.Forbidden,
            json: """{ "error": { "code": "BotNotInConversationRoster", "message": "The bot is not part of the conversation roster." } }""");

        // Act
        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => host.Clock.RunUntilAsync(host.Client.SendToConversationAsync(ServiceUrl, Chat, ConnectorTestHost.Message("hi", Chat))));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, exception.StatusCode);
        Assert.Equal(ConnectorErrorCodes.BotNotInConversationRoster, exception.ErrorCode);
        Assert.False(exception.IsTransient);
        Assert.False(exception.IsOutcomeUnknown);
        Assert.Single(host.Connector.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task SendToConversationAsync_TransientStatusOnce_IsRetriedAndPostedOnce(HttpStatusCode status)
    {
        // Arrange
        using var host = ConnectorTestHost.Create();
        host.Connector.Script = (_, earlier, _) => earlier == 0 ? Answer(status) : null;

        // Act
        var response = await RunAsync(host, host.Client.SendToConversationAsync(ServiceUrl, Chat, ConnectorTestHost.Message("hi", Chat)));

        // Assert
        Assert.NotNull(response.Id);
        Assert.Equal(2, host.Connector.Requests.Count);
        Assert.Single(host.Connector.Accepted);
    }

    [Fact]
    public async Task SendToConversationAsync_GatewayErrorOnEveryAttempt_ReportsThatTheOutcomeIsUnknown()
    {
        // Arrange
        using var host = ConnectorTestHost.Create();
        host.Connector.Script = (_, _, _) => Answer(HttpStatusCode.BadGateway);

        // Act
        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => host.Clock.RunUntilAsync(host.Client.SendToConversationAsync(ServiceUrl, Chat, ConnectorTestHost.Message("hi", Chat))));

        // Assert
        Assert.Equal(HttpStatusCode.BadGateway, exception.StatusCode);
        Assert.True(exception.IsOutcomeUnknown);
        Assert.Equal(new ConnectorOptions().MaxRetryAttempts + 1, host.Connector.Requests.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_GatewayErrorWithPostRetriesTurnedOff_IsNotRepeated()
    {
        // Arrange
        using var host = ConnectorTestHost.Create(new Dictionary<string, string?> { ["Bot:Connector:RetryPostOnGatewayError"] = "false" });
        host.Connector.Script = (_, earlier, _) => earlier == 0 ? Answer(HttpStatusCode.GatewayTimeout) : null;

        // Act
        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => host.Clock.RunUntilAsync(host.Client.SendToConversationAsync(ServiceUrl, Chat, ConnectorTestHost.Message("hi", Chat))));

        // Assert
        Assert.True(exception.IsOutcomeUnknown);
        Assert.Single(host.Connector.Requests);
    }

    [Fact]
    public async Task SendToConversationAsync_InternalServerError_IsNotRepeated()
    {
        // Arrange
        using var host = ConnectorTestHost.Create();
        host.Connector.Script = (_, _, _) => Answer(HttpStatusCode.InternalServerError);

        // Act
        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => host.Clock.RunUntilAsync(host.Client.SendToConversationAsync(ServiceUrl, Chat, ConnectorTestHost.Message("hi", Chat))));

        // Assert
        Assert.Equal(HttpStatusCode.InternalServerError, exception.StatusCode);
        Assert.True(exception.IsOutcomeUnknown);
        Assert.Single(host.Connector.Requests);
    }

    [Fact]
    public async Task SendToConversationAsync_AttemptTimesOut_IsNotRepeatedAndReportsThatTheOutcomeIsUnknown()
    {
        // Arrange
        using var host = ConnectorTestHost.Create();
        host.Connector.Script = (_, _, cancellationToken) => HangAsync(cancellationToken);

        // Act
        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => host.Clock.RunUntilAsync(host.Client.SendToConversationAsync(ServiceUrl, Chat, ConnectorTestHost.Message("hi", Chat)), includeTimeouts: true));

        // Assert
        Assert.Equal(ConnectorErrorCodes.Timeout, exception.ErrorCode);
        Assert.True(exception.IsOutcomeUnknown);
        Assert.Single(host.Connector.Requests);
        Assert.Equal(new ConnectorOptions().AttemptTimeout, host.Clock.Elapsed);
    }

    [Fact]
    public async Task UpdateActivityAsync_AttemptTimesOut_IsRepeatedBecauseReplacingTwiceIsHarmless()
    {
        // Arrange
        using var host = ConnectorTestHost.Create();
        host.Connector.Script = (_, earlier, cancellationToken) => earlier == 0 ? HangAsync(cancellationToken) : null;

        // Act
        var response = await RunAsync(
            host,
            host.Client.UpdateActivityAsync(ServiceUrl, Chat, "1:abc", ConnectorTestHost.Message("edited", Chat)),
            includeTimeouts: true);

        // Assert
        Assert.NotNull(response.Id);
        Assert.Equal(2, host.Connector.Requests.Count);
        Assert.All(host.Connector.Requests, r => Assert.Equal(HttpMethod.Put, r.Method));
    }

    [Fact]
    public async Task SendToConversationAsync_ConnectionCouldNotBeOpened_IsRetried()
    {
        // Arrange
        using var host = ConnectorTestHost.Create();
        host.Connector.Script = (_, earlier, _) => earlier == 0
            ? Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"))
            : null;

        // Act
        var response = await RunAsync(host, host.Client.SendToConversationAsync(ServiceUrl, Chat, ConnectorTestHost.Message("hi", Chat)));

        // Assert
        Assert.NotNull(response.Id);
        Assert.Equal(2, host.Connector.Requests.Count);
        Assert.Single(host.Connector.Accepted);
    }

    [Fact]
    public async Task SendToConversationAsync_ConnectionDroppedAfterTheRequestWasSent_IsNotRepeated()
    {
        // Arrange
        using var host = ConnectorTestHost.Create();
        host.Connector.Script = (_, _, _) =>
            Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));

        // Act
        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => host.Clock.RunUntilAsync(host.Client.SendToConversationAsync(ServiceUrl, Chat, ConnectorTestHost.Message("hi", Chat))));

        // Assert
        Assert.Equal(ConnectorErrorCodes.Unreachable, exception.ErrorCode);
        Assert.True(exception.IsOutcomeUnknown);
        Assert.Single(host.Connector.Requests);
    }

    private static Task<HttpResponseMessage> Answer(HttpStatusCode status, TimeSpan? retryAfter = null, string? json = null) =>
        Task.FromResult(FakeConnector.Status(status, retryAfter, json));

    private static HttpResponseMessage WithRetryAfterDate(DateTimeOffset date)
    {
        var response = FakeConnector.Status(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(date);
        return response;
    }

    private static async Task<HttpResponseMessage> HangAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new UnreachableException();
    }

    private static async Task<T> RunAsync<T>(ConnectorTestHost host, Task<T> call, bool includeTimeouts = false)
    {
        await host.Clock.RunUntilAsync(call, includeTimeouts);
        return await call;
    }
}
