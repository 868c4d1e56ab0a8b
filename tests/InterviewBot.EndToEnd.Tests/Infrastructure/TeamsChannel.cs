using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InterviewBot.EndToEnd.Tests.Infrastructure;

/// <summary>A Teams user with their own personal chat with the bot. Ids are fresh per user, so tests never share state.</summary>
public sealed record TeamsUser(string Name, string AadObjectId, string TeamsId, string TenantId, string PersonalConversationId)
{
    public const string TimeZone = "Europe/Berlin";

    public static TeamsUser Create(string name, string tenantId) => new(
        name,
        Guid.NewGuid().ToString(),
        "29:1" + Token(),
        tenantId,
        "a:1" + Token());

    private static string Token() => Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What the bot answered an invoke with: the HTTP status and the body.</summary>
public sealed record InvokeAnswer(HttpStatusCode Status, JsonElement Body)
{
    /// <summary>The card that replaces the one the button was on.</summary>
    public AdaptiveCardView Card
    {
        get
        {
            Assert.True(Status == HttpStatusCode.OK, $"The invoke was answered with HTTP {(int)Status}: {Body}");
            Assert.Equal(200, Body.GetProperty("statusCode").GetInt32());
            Assert.Equal(AdaptiveCardView.ContentType, Body.GetProperty("type").GetString());
            return new AdaptiveCardView(Body.GetProperty("value"));
        }
    }
}

/// <summary>
/// Plays Teams toward the bot: posts Teams-shaped activities (personal chat, <c>29:</c> user ids, Entra object ids,
/// tenant in channelData, the capture connector as serviceUrl) to the real host's messaging endpoint, without a token
/// unless <see cref="Authorization"/> says how Teams signs them.
/// </summary>
public sealed class TeamsChannel(HttpClient host, string serviceUrl, string botId)
{
    public const string BotName = "InterviewBot";

    public string BotId { get; } = botId;

    /// <summary>The Authorization header Teams sends with an activity; null sends none, as the Playground does.</summary>
    public Func<JsonObject, string?>? Authorization { get; set; }

    /// <summary>Adds the app in a personal scope, which Teams announces twice: conversationUpdate, then installationUpdate.</summary>
    public async Task InstallAsync(TeamsUser user)
    {
        var membersAdded = Activity("conversationUpdate", user);
        membersAdded["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        membersAdded["channelData"]!["eventType"] = "teamMemberAdded";
        await PostAsync(membersAdded);

        var installed = Activity("installationUpdate", user);
        installed["action"] = "add";
        installed["channelData"]!["source"] = new JsonObject { ["name"] = "message" };
        await PostAsync(installed);
    }

    public Task SayAsync(TeamsUser user, string text) => PostAsync(Message(user, text));

    /// <summary>A message from <paramref name="user"/> as Teams shapes it, to post as it is or altered.</summary>
    public JsonObject Message(TeamsUser user, string text)
    {
        var message = Activity("message", user);
        message["text"] = text;
        message["textFormat"] = "plain";
        message["attachments"] = new JsonArray();
        return message;
    }

    /// <summary>Posts <paramref name="activity"/> with exactly <paramref name="authorization"/> as its Authorization header, and returns the status.</summary>
    public async Task<HttpStatusCode> SendAsync(JsonObject activity, string? authorization)
    {
        using var request = Request(activity, authorization);
        using var response = await host.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Sends the <c>adaptiveCard/action</c> invoke for <paramref name="action"/>, pressed on the card activity <paramref name="replyToId"/>.</summary>
    public async Task<InvokeAnswer> InvokeAsync(TeamsUser user, JsonObject action, string replyToId)
    {
        var invoke = Activity("invoke", user);
        invoke["name"] = "adaptiveCard/action";
        invoke["replyToId"] = replyToId;
        invoke["channelData"]!["source"] = new JsonObject { ["name"] = "message" };
        invoke["value"] = new JsonObject { ["action"] = action.DeepClone(), ["trigger"] = "manual" };
        using var request = Request(invoke, Authorization?.Invoke(invoke));
        using var response = await host.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "null" : text);
        return new InvokeAnswer(response.StatusCode, body.RootElement.Clone());
    }

    private static HttpRequestMessage Request(JsonObject activity, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = JsonContent.Create(activity) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    private async Task PostAsync(JsonObject activity)
    {
        using var request = Request(activity, Authorization?.Invoke(activity));
        using var response = await host.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The bot answered a {activity["type"]} with HTTP {(int)response.StatusCode}: {body}");
    }

    private JsonObject Activity(string type, TeamsUser user)
    {
        var now = DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["type"] = type,
            ["id"] = type == "message" ? now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) : "f:" + Guid.NewGuid(),
            ["timestamp"] = now.ToString("O"),
            ["localTimestamp"] = now.ToOffset(TimeSpan.FromHours(1)).ToString("O"),
            ["localTimezone"] = TeamsUser.TimeZone,
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = user.TeamsId, ["name"] = user.Name, ["aadObjectId"] = user.AadObjectId },
            ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = user.TenantId, ["id"] = user.PersonalConversationId },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            ["locale"] = "en-US",
            ["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "clientInfo",
                ["locale"] = "en-US",
                ["country"] = "DE",
                ["platform"] = "Web",
                ["timezone"] = TeamsUser.TimeZone,
            }),
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = user.TenantId } },
        };
    }
}
