using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InterviewBot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One call the bot made to the Teams connector: the id and HTTP status the connector answered with, and the
/// Authorization header the call carried.
/// </summary>
public sealed record ConnectorRequest(string Operation, string ConversationId, string? ActivityId, JsonElement Body, int Status = StatusCodes.Status201Created, string? Authorization = null)
{
    public const string CreateConversation = "CreateConversation";
    public const string SendToConversation = "SendToConversation";
    public const string ReplyToActivity = "ReplyToActivity";
    public const string UpdateActivity = "UpdateActivity";

    /// <summary>Whether this call puts a message in front of the user (a post, a reply or an update that was accepted).</summary>
    public bool IsMessage => (Operation is SendToConversation or ReplyToActivity or UpdateActivity) && Status < 300;

    public string? Text => Body.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;

    /// <summary>The cards the call carries; for a new conversation, those of the activity that opens it.</summary>
    public IReadOnlyList<AdaptiveCardView> Cards
    {
        get
        {
            var message = Operation == CreateConversation && Body.TryGetProperty("activity", out var opening) && opening.ValueKind == JsonValueKind.Object ? opening : Body;
            return message.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array
                ? [.. attachments.EnumerateArray().Select(AdaptiveCardView.FromAttachment).OfType<AdaptiveCardView>()]
                : [];
        }
    }

    public AdaptiveCardView Card => Cards.Count == 1 ? Cards[0] : throw new InvalidOperationException($"Expected one card, found {Cards.Count}: {this}");

    public override string ToString() =>
        $"{Operation} {ConversationId}{(ActivityId is null ? string.Empty : "/" + ActivityId)}{(Status < 300 ? string.Empty : $" refused with {Status}")}: "
        + (Operation == CreateConversation ? Body.GetRawText() : $"text={Text ?? "(none)"}; cards=[{string.Join("; ", Cards.Select(c => Shorten(c.ToString())))}]");

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <summary>
/// Plays the Teams connector that the bot posts to (its <c>serviceUrl</c>): a real HTTP server on a free loopback
/// port that records every call and answers the way Teams does, so the test sees exactly what the bot sent.
/// </summary>
public sealed class CaptureConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, string Code)> _refusals = new(StringComparer.Ordinal);
    private long _lastId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private CaptureConnector(WebApplication app) => _app = app;

    /// <summary>The serviceUrl inbound activities carry, with the trailing slash Teams uses.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    public EventLog<ConnectorRequest> Requests { get; } = new("Calls to the Teams connector");

    public static async Task<CaptureConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new CaptureConnector(app);
        connector.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        connector.ServiceUrl = address.TrimEnd('/') + "/";
        return connector;
    }

    /// <summary>Waits for a message (post, reply or update) in <paramref name="conversationId"/> that matches.</summary>
    public Task<ConnectorRequest> WaitForMessageAsync(string conversationId, Func<ConnectorRequest, bool> match, string what, int from = 0) =>
        Requests.WaitForAsync(r => r.IsMessage && r.ConversationId == conversationId && match(r), what, from);

    /// <summary>
    /// From now on answers every post into <paramref name="conversationId"/> the way Teams refuses it, such as 403
    /// BotNotInConversationRoster once the user removed the app.
    /// </summary>
    public void Refuse(string conversationId, int status, string errorCode) => _refusals[conversationId] = (status, errorCode);

    /// <summary>Every thread the bot started so far in the team channel <paramref name="channelId"/>.</summary>
    public IReadOnlyList<ConnectorRequest> ThreadsIn(string channelId) =>
        [.. Requests.Snapshot().Where(r => r.Operation == ConnectorRequest.CreateConversation && r.ConversationId.StartsWith(channelId + ";messageid=", StringComparison.Ordinal))];

    /// <summary>Every message sent so far into <paramref name="conversationId"/>.</summary>
    public IReadOnlyList<ConnectorRequest> MessagesIn(string conversationId) =>
        [.. Requests.Snapshot().Where(r => r.IsMessage && r.ConversationId == conversationId)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/v3/conversations", async (HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            if (ChannelOf(body) is { } channelId)
            {
                // A new thread in a team channel: Teams names it after the channel and the thread's first message.
                var messageId = NextId();
                var threadId = channelId + ";messageid=" + messageId;
                Requests.Add(new ConnectorRequest(ConnectorRequest.CreateConversation, threadId, messageId, body, Authorization: Authorization(request)));
                return Results.Json(new { id = threadId, activityId = messageId }, statusCode: StatusCodes.Status201Created);
            }

            var conversationId = "a:1" + Guid.NewGuid().ToString("N");
            Requests.Add(new ConnectorRequest(ConnectorRequest.CreateConversation, conversationId, null, body, Authorization: Authorization(request)));
            return Results.Json(new { id = conversationId }, statusCode: StatusCodes.Status201Created);
        });
        app.MapPost("/v3/conversations/{conversationId}/activities", async (string conversationId, HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            if (_refusals.TryGetValue(conversationId, out var refusal))
            {
                Requests.Add(new ConnectorRequest(ConnectorRequest.SendToConversation, conversationId, null, body, refusal.Status, Authorization(request)));
                return Results.Json(new { error = new { code = refusal.Code, message = "The bot is not part of the conversation roster." } }, statusCode: refusal.Status);
            }

            var id = NextId();
            Requests.Add(new ConnectorRequest(ConnectorRequest.SendToConversation, conversationId, id, body, Authorization: Authorization(request)));
            return Results.Json(new { id }, statusCode: StatusCodes.Status201Created);
        });
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", async (string conversationId, string replyToId, HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            var id = NextId();
            Requests.Add(new ConnectorRequest(ConnectorRequest.ReplyToActivity, conversationId, id, body, Authorization: Authorization(request)));
            return Results.Json(new { id }, statusCode: StatusCodes.Status201Created);
        });
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", async (string conversationId, string activityId, HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            Requests.Add(new ConnectorRequest(ConnectorRequest.UpdateActivity, conversationId, activityId, body, StatusCodes.Status200OK, Authorization(request)));
            return Results.Json(new { id = activityId });
        });
    }

    // Teams' activity ids in a personal chat are millisecond timestamps; only uniqueness matters here.
    private string NextId() => Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture);

    /// <summary>The channel a <c>POST v3/conversations</c> starts a thread in: <c>isGroup</c> with <c>channelData.channel.id</c>.</summary>
    private static string? ChannelOf(JsonElement parameters) =>
        parameters.ValueKind == JsonValueKind.Object
        && parameters.TryGetProperty("isGroup", out var isGroup) && isGroup.ValueKind == JsonValueKind.True
        && parameters.TryGetProperty("channelData", out var channelData) && channelData.ValueKind == JsonValueKind.Object
        && channelData.TryGetProperty("channel", out var channel) && channel.ValueKind == JsonValueKind.Object
        && channel.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    private static string? Authorization(HttpRequest request) =>
        request.Headers.Authorization.Count == 0 ? null : request.Headers.Authorization.ToString();

    private static async Task<JsonElement> ReadAsync(HttpRequest request)
    {
        using var document = await JsonDocument.ParseAsync(request.Body);
        return document.RootElement.Clone();
    }
}
