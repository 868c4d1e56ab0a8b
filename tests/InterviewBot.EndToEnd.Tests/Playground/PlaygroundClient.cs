using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.EndToEnd.Tests.Infrastructure;

namespace InterviewBot.EndToEnd.Tests.Playground;

/// <summary>A message the Playground showed in a conversation, as its WebSocket announced it to the browser.</summary>
public sealed record PlaygroundMessage(string Action, string ConversationId, string MessageId, string? FromId, string? Text, JsonElement Raw)
{
    public IReadOnlyList<AdaptiveCardView> Cards =>
        Raw.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array
            ? [.. attachments.EnumerateArray().Select(AdaptiveCardView.FromAttachment).OfType<AdaptiveCardView>()]
            : [];

    public AdaptiveCardView Card => Cards.Count == 1 ? Cards[0] : throw new InvalidOperationException($"Expected one card, found {Cards.Count}: {this}");

    public override string ToString() =>
        $"{Action} {MessageId} from {FromId}: text={Text ?? "(none)"}; cards=[{string.Join("; ", Cards.Select(c => c.ToString()[..Math.Min(300, c.ToString().Length)]))}]";
}

/// <summary>The Playground's signed-in mock user and their personal chat with the bot.</summary>
public sealed record PlaygroundUser(string Id, string Name, string AadObjectId, string PersonalChatId, string BotId);

/// <summary>
/// Drives the Playground the way its browser client does, without a browser: reads what it shows through its
/// WebSocket, and types and presses card buttons through the HTTP API the client calls.
/// </summary>
public sealed class PlaygroundClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private PlaygroundSocket? _socket;

    private PlaygroundClient(Uri address) => _http = new HttpClient { BaseAddress = address, Timeout = Waits.Default };

    public PlaygroundUser Me { get; private set; } = null!;

    public EventLog<PlaygroundMessage> Messages { get; } = new("Messages the Playground showed");

    public static async Task<PlaygroundClient> ConnectAsync(Uri address)
    {
        var client = new PlaygroundClient(address);
        try
        {
            client.Me = await client.ReadConfigAsync();
            client._socket = await PlaygroundSocket.ConnectAsync(address, "/_ws_conversation/v1/conversations/stream", client.Record);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Installs the bot in a conversation, as the Playground's UI does when it opens a chat.</summary>
    public async Task InstallAsync(string conversationId)
    {
        using var response = await _http.PostAsJsonAsync($"_debug/conversation/{Uri.EscapeDataString(conversationId)}/installation", new JsonObject());
        await EnsureSuccessAsync(response, "install the bot");
    }

    /// <summary>Types <paramref name="text"/> into the personal chat and sends it.</summary>
    public async Task SayAsync(string text)
    {
        // The Playground refuses a message without textFormat (400 BadArgument "Invalid input").
        var message = new JsonObject { ["from"] = new JsonObject { ["id"] = Me.Id }, ["text"] = text, ["textFormat"] = "plain" };
        using var response = await _http.PostAsJsonAsync($"_conversation/v1/conversations/{Uri.EscapeDataString(Me.PersonalChatId)}/messages", message);
        await EnsureSuccessAsync(response, $"send '{text}'");
    }

    /// <summary>
    /// Presses an Action.Execute button on the card in <paramref name="cardMessage"/>, posting exactly what the
    /// Playground's browser client posts; the answer is what the client renders in place of the card.
    /// </summary>
    public async Task<JsonElement> PressAsync(PlaygroundMessage cardMessage, JsonObject action)
    {
        var invoke = new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["value"] = new JsonObject { ["action"] = action.DeepClone() },
            ["from"] = new JsonObject { ["id"] = Me.Id },
            ["conversation"] = new JsonObject { ["id"] = cardMessage.ConversationId },
            ["replyToId"] = cardMessage.MessageId,
        };
        using var response = await _http.PostAsJsonAsync("_conversation/v1/invoke", invoke);
        await EnsureSuccessAsync(response, $"press '{action["title"]}'");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    /// <summary>
    /// Presses an Action.Execute button as <paramref name="userId"/>, another of the Playground's users, on the card
    /// <paramref name="messageId"/> the bot posted in that user's own chat <paramref name="conversationId"/>. The
    /// Playground's invoke API takes any member of the conversation as the presser; the answer is the card it then
    /// shows in place of the old one.
    /// </summary>
    public async Task<JsonElement> PressAsAsync(string userId, string conversationId, string messageId, JsonObject action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var invoke = new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["value"] = new JsonObject { ["action"] = action.DeepClone() },
            ["from"] = new JsonObject { ["id"] = userId },
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["replyToId"] = messageId,
        };
        using var response = await _http.PostAsJsonAsync("_conversation/v1/invoke", invoke);
        await EnsureSuccessAsync(response, $"press '{action["title"]}' as {userId}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    /// <summary>
    /// Mentions the bot in the team channel <paramref name="channelId"/> as <paramref name="userId"/>, another of the
    /// Playground's users, and types <paramref name="text"/> after the mention. The Playground's compose box always
    /// speaks as the signed-in user, so this goes through its custom-activity API, with the shape the Playground
    /// gives a channel message of its own; the bot's answer shows in the channel.
    /// </summary>
    public async Task SayInChannelAsAsync(string userId, string channelId, string text)
    {
        var config = (await _http.GetFromJsonAsync<JsonElement>("_internal/v1/config")).GetProperty("config");
        var user = config.GetProperty("users").EnumerateArray().Append(config.GetProperty("currentUser"))
            .Single(u => u.GetProperty("id").GetString() == userId);
        var team = config.GetProperty("teams").EnumerateArray()
            .Single(t => t.GetProperty("channels").EnumerateArray().Any(c => c.GetProperty("id").GetString() == channelId));
        var tenant = config.GetProperty("tenantId").GetString();
        var bot = config.GetProperty("bot");
        var mention = $"<at>{bot.GetProperty("name").GetString()}</at>";
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = new Uri(_http.BaseAddress!, "_connector").ToString(),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["from"] = new JsonObject
            {
                ["id"] = userId,
                ["name"] = user.GetProperty("name").GetString(),
                ["aadObjectId"] = user.GetProperty("aadObjectId").GetString(),
            },
            ["recipient"] = new JsonObject { ["id"] = bot.GetProperty("id").GetString(), ["name"] = bot.GetProperty("name").GetString() },
            ["conversation"] = new JsonObject { ["id"] = channelId, ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = tenant },
            ["channelData"] = new JsonObject
            {
                ["teamsChannelId"] = channelId,
                ["teamsTeamId"] = team.GetProperty("id").GetString(),
                ["tenant"] = new JsonObject { ["id"] = tenant },
                ["team"] = new JsonObject { ["id"] = team.GetProperty("id").GetString() },
                ["channel"] = new JsonObject { ["id"] = channelId },
            },
            ["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention",
                ["mentioned"] = new JsonObject { ["id"] = bot.GetProperty("id").GetString(), ["name"] = bot.GetProperty("name").GetString() },
                ["text"] = mention,
            }),
            ["text"] = $"{mention} {text}",
            ["textFormat"] = "plain",
            ["locale"] = "en-US",
        };
        using var response = await _http.PostAsJsonAsync("_internal/v1/customActivities", activity);
        await EnsureSuccessAsync(response, $"send '{text}' as {userId}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket is not null)
        {
            await _socket.DisposeAsync();
        }

        _http.Dispose();
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The Playground refused to {what}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task<PlaygroundUser> ReadConfigAsync()
    {
        var config = (await _http.GetFromJsonAsync<JsonElement>("_internal/v1/config")).GetProperty("config");
        var me = config.GetProperty("currentUser");
        return new PlaygroundUser(
            me.GetProperty("id").GetString()!,
            me.GetProperty("name").GetString()!,
            me.GetProperty("aadObjectId").GetString()!,
            config.GetProperty("personalChat").GetProperty("id").GetString()!,
            config.GetProperty("bot").GetProperty("id").GetString()!);
    }

    private void Record(JsonElement root)
    {
        var action = root.GetProperty("action").GetString()!;
        if (!root.TryGetProperty("message", out var message))
        {
            // Typing indicators and the like carry no message.
            return;
        }

        Messages.Add(new PlaygroundMessage(
            action,
            root.GetProperty("actionConversationId").GetString()!,
            message.GetProperty("messageId").GetString()!,
            message.TryGetProperty("from", out var from) ? from.GetProperty("id").GetString() : null,
            message.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null,
            message.Clone()));
    }
}
