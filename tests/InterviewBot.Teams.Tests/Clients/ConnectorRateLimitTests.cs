using System.Net;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Teams.Tests.Clients;

public sealed class ConnectorRateLimitTests
{
    private const string ServiceUrl = ConnectorTestHost.ServiceUrl;
    private const string ChannelThread = "19:aebd0ad4d6ab42c8b9ed19c251c2fc37@thread.tacv2;messageid=1481567603816";
    private const string OtherTenant = "0d6c2b7e-5a1f-4c36-9d4e-8f0e1b2a3c4d";

    [Fact]
    public async Task SendToConversationAsync_BurstOf200ToOneThread_KeepsEveryTeamsWindowAndDeliversAllInOrder()
    {
        // Arrange
        using var host = ConnectorTestHost.Create();
        var texts = Enumerable.Range(0, 200).Select(i => $"message {i:000}").ToList();

        // Act
        var sends = texts.Select(text => host.Client.SendToConversationAsync(ServiceUrl, ChannelThread, ConnectorTestHost.Message(text, ChannelThread))).ToList();
        await host.Clock.RunUntilAsync(Task.WhenAll(sends));

        // Assert
        var requests = host.Connector.Requests;
        Assert.Equal(texts, requests.Select(r => r.Text));
        Assert.Equal(200, host.Connector.Accepted.Count);
        foreach (var window in TeamsRateLimits.PerThread)
        {
            AssertNeverMoreThan(window, requests.Select(r => r.At));
        }

        // Waiting is what the limits demand, not more: 60 per 30 s puts the 200th call a little after 90 s.
        Assert.InRange(requests[^1].At - host.Clock.Start, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(100));
    }

    [Fact]
    public async Task SendToConversationAsync_TwoThreads_TheSecondIsNotHeldBehindTheFirstsQueue()
    {
        // Arrange
        using var host = ConnectorTestHost.Create();
        const string Busy = "a:busy-personal-chat";
        const string Quiet = "a:quiet-personal-chat";

        // Act
        var busy = Enumerable.Range(0, 20).Select(i => host.Client.SendToConversationAsync(ServiceUrl, Busy, ConnectorTestHost.Message($"busy {i}", Busy))).ToList();
        var quiet = Enumerable.Range(0, 5).Select(i => host.Client.SendToConversationAsync(ServiceUrl, Quiet, ConnectorTestHost.Message($"quiet {i}", Quiet))).ToList();
        await Task.WhenAll(quiet).WaitAsync(TimeSpan.FromSeconds(10));
        var busyDeliveredBeforeTheClockMoved = host.Connector.Accepted.Count(r => r.ConversationId == Busy);
        await host.Clock.RunUntilAsync(Task.WhenAll(busy));

        // Assert
        Assert.Equal(7, busyDeliveredBeforeTheClockMoved);
        Assert.All(host.Connector.Requests.Where(r => r.ConversationId == Quiet), r => Assert.Equal(host.Clock.Start, r.At));
        Assert.Equal(20, host.Connector.Accepted.Count(r => r.ConversationId == Busy));
        foreach (var window in TeamsRateLimits.PerThread)
        {
            AssertNeverMoreThan(window, host.Connector.Requests.Where(r => r.ConversationId == Busy).Select(r => r.At));
        }
    }

    [Fact]
    public async Task SendToConversationAsync_ManyThreadsOfOneTenant_KeepTheTenantRateWhileOtherTenantsGoAhead()
    {
        // Arrange
        using var host = ConnectorTestHost.Create(new Dictionary<string, string?> { ["Bot:RateLimits:PerTenantPerSecond"] = "5" });

        // Act
        var busy = Enumerable.Range(0, 12)
            .Select(i => host.Client.SendToConversationAsync(ServiceUrl, $"a:chat-{i}", ConnectorTestHost.Message($"busy {i}", $"a:chat-{i}")))
            .ToList();
        var other = Enumerable.Range(0, 3)
            .Select(i => host.Client.SendToConversationAsync(ServiceUrl, $"a:other-{i}", ConnectorTestHost.Message($"other {i}", $"a:other-{i}", OtherTenant)))
            .ToList();
        await Task.WhenAll(other).WaitAsync(TimeSpan.FromSeconds(10));
        await host.Clock.RunUntilAsync(Task.WhenAll(busy));

        // Assert
        var busyRequests = host.Connector.Requests.Where(r => r.Text!.StartsWith("busy", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, busyRequests.Count);
        AssertNeverMoreThan(new RateLimitWindow(5, TimeSpan.FromSeconds(1)), busyRequests.Select(r => r.At));
        Assert.Equal(host.Clock.Start.AddSeconds(2), busyRequests.Max(r => r.At));
        Assert.All(host.Connector.Requests.Where(r => r.Text!.StartsWith("other", StringComparison.Ordinal)), r => Assert.Equal(host.Clock.Start, r.At));
    }

    [Fact]
    public async Task SendToConversationAsync_TenantUnknown_SharesOneBudget()
    {
        // Arrange
        using var host = ConnectorTestHost.Create(new Dictionary<string, string?> { ["Bot:RateLimits:PerTenantPerSecond"] = "5" });

        // Act
        var sends = Enumerable.Range(0, 8)
            .Select(i => host.Client.SendToConversationAsync(ServiceUrl, $"a:chat-{i}", ConnectorTestHost.Message($"anonymous {i}", $"a:chat-{i}", tenantId: null)))
            .ToList();
        await host.Clock.RunUntilAsync(Task.WhenAll(sends));

        // Assert
        Assert.Equal(8, host.Connector.Accepted.Count);
        AssertNeverMoreThan(new RateLimitWindow(5, TimeSpan.FromSeconds(1)), host.Connector.Requests.Select(r => r.At));
    }

    [Fact]
    public async Task SendToConversationAsync_TenantInChannelData_IsTheBudgetCharged()
    {
        // Arrange
        using var host = ConnectorTestHost.Create(new Dictionary<string, string?> { ["Bot:RateLimits:PerTenantPerSecond"] = "2" });
        Activity InTenant(string text, string chat, string tenant)
        {
            var activity = ConnectorTestHost.Message(text, chat, tenantId: null);
            activity.SetTeamsChannelData(new TeamsChannelData { Tenant = new TenantInfo(tenant) });
            return activity;
        }

        // Act
        var first = Enumerable.Range(0, 2).Select(i => host.Client.SendToConversationAsync(ServiceUrl, $"a:{i}", InTenant($"t1 {i}", $"a:{i}", "tenant-1"))).ToList();
        var second = Enumerable.Range(0, 2).Select(i => host.Client.SendToConversationAsync(ServiceUrl, $"b:{i}", InTenant($"t2 {i}", $"b:{i}", "tenant-2"))).ToList();
        await Task.WhenAll(first.Concat(second)).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.All(host.Connector.Requests, r => Assert.Equal(host.Clock.Start, r.At));
        Assert.Equal(4, host.Connector.Accepted.Count);
    }

    [Fact]
    public async Task CreateConversationAsync_ManyAtOnce_AreLimitedByTheTenantOnly()
    {
        // Arrange
        using var host = ConnectorTestHost.Create();
        host.Connector.Script = (_, _, _) => Task.FromResult(FakeConnector.Status(HttpStatusCode.Created, json: """{ "id": "a:new" }"""));
        ConversationParameters Personal(int i) => new(
            IsGroup: false,
            Bot: new ChannelAccount("28:bot"),
            Members: [new ChannelAccount($"29:user-{i}")],
            TenantId: ConnectorTestHost.TenantId);

        // Act
        var creates = Enumerable.Range(0, 12).Select(i => host.Client.CreateConversationAsync(ServiceUrl, Personal(i))).ToList();
        await Task.WhenAll(creates).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal(12, host.Connector.Requests.Count);
        Assert.All(host.Connector.Requests, r => Assert.Equal(host.Clock.Start, r.At));
    }

    [Fact]
    public async Task SendToConversationAsync_CancelledWhileQueued_IsNeverSentAndTheQueueMovesOn()
    {
        // Arrange
        using var host = ConnectorTestHost.Create();
        using var headOfQueue = new CancellationTokenSource();
        using var furtherBack = new CancellationTokenSource();
        CancellationToken TokenFor(int i) => i switch
        {
            7 => headOfQueue.Token,
            9 => furtherBack.Token,
            _ => CancellationToken.None,
        };

        // Act
        var sends = Enumerable.Range(0, 11)
            .Select(i => host.Client.SendToConversationAsync(ServiceUrl, ChannelThread, ConnectorTestHost.Message($"message {i}", ChannelThread), TokenFor(i)))
            .ToList();
        await headOfQueue.CancelAsync();
        await furtherBack.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sends[7]).WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sends[9]).WaitAsync(TimeSpan.FromSeconds(10));
        await host.Clock.RunUntilAsync(Task.WhenAll(sends.Where((_, i) => i is not 7 and not 9)));

        // Assert
        Assert.Equal(
            ["message 0", "message 1", "message 2", "message 3", "message 4", "message 5", "message 6", "message 8", "message 10"],
            host.Connector.Requests.Select(r => r.Text));
        foreach (var window in TeamsRateLimits.PerThread)
        {
            AssertNeverMoreThan(window, host.Connector.Requests.Select(r => r.At));
        }
    }

    [Fact]
    public async Task SendToConversationAsync_TeamsAnswers429_HoldsTheWholeThreadForTheRetryAfter()
    {
        // Arrange
        using var host = ConnectorTestHost.Create();
        const string Chat = "a:throttled-chat";
        host.Connector.Script = (request, earlier, _) => request.Text == "first" && earlier == 0
            ? Task.FromResult(FakeConnector.Status(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(5)))
            : null;

        // Act
        var sends = new[] { "first", "second", "third" }
            .Select(text => host.Client.SendToConversationAsync(ServiceUrl, Chat, ConnectorTestHost.Message(text, Chat)))
            .ToList();
        await host.Clock.RunUntilAsync(Task.WhenAll(sends));

        // Assert
        var requests = host.Connector.Requests;
        Assert.Equal(4, requests.Count);
        Assert.Equal("first", requests[0].Text);
        Assert.All(requests.Skip(1), r => Assert.True(r.At >= host.Clock.Start.AddSeconds(5), $"'{r.Text}' was sent {r.At - host.Clock.Start} in, inside the 5 s Teams asked for."));
        Assert.Equal(3, host.Connector.Accepted.Count);
    }

    // Every span of the window's length, wherever it starts, holds at most its limit of calls.
    private static void AssertNeverMoreThan(RateLimitWindow window, IEnumerable<DateTimeOffset> times)
    {
        var sorted = times.Order().ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            var inWindow = sorted.Skip(i).TakeWhile(t => t - sorted[i] < window.Window).Count();
            Assert.True(
                inWindow <= window.Limit,
                $"{inWindow} calls in the {window.Window} from {sorted[i]:HH:mm:ss.fff}; the limit is {window.Limit}.");
        }
    }
}
