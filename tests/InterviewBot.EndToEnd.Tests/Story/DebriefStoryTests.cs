using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.EndToEnd.Tests.Infrastructure;

namespace InterviewBot.EndToEnd.Tests.Story;

/// <summary>
/// The debrief told through the real host over HTTP, with the capture connector playing Teams: the recruiter links
/// the hiring channel from the channel, the panel submits, and <c>debrief</c> starts one thread there; the partial
/// path; who is refused; and an interviewer who has not submitted never receives the others' feedback.
/// </summary>
public abstract class DebriefStoryTests(StoryFixture fixture)
{
    private const string TeamId = "19:hiring-team@thread.tacv2";

    // Each test has its own tenant, people and channel, so tests sharing the bot never see each other's loops.
    private readonly string _tenantId = Guid.NewGuid().ToString();
    private readonly string _channelId = "19:" + Guid.NewGuid().ToString("N") + "@thread.tacv2";

    private BotEnvironment Bot => fixture.Bot;

    [Fact]
    public async Task Debrief_ChannelLinkedAndThreeInterviewersSubmitted_StartsExactlyOneThreadInThatChannel()
    {
        // Arrange
        var (recruiter, panel) = await TeamAsync("Ivy Interviewer", "Otto Interviewer", "Nia Interviewer");
        var loop = await CreateLoopAsync("Casey Kim", recruiter, panel);
        var linked = await SayInChannelAsync(recruiter, "link Casey Kim");
        Assert.True(linked.Card.Shows("Hiring channel linked"), linked.Card.ToString());
        Assert.True(linked.Card.Shows("Casey Kim"), linked.Card.ToString());
        foreach (var (interviewer, score) in panel.Zip(new[] { "4", "5", "3" }))
        {
            await SubmitAsync(interviewer, loop, score);
        }

        var before = Bot.Connector.Requests.Count;

        // Act
        await Bot.Teams.SayAsync(recruiter, "debrief Casey Kim");

        // Assert
        var thread = Assert.Single(Bot.Connector.ThreadsIn(_channelId));
        Assert.True(thread.Body.GetProperty("isGroup").GetBoolean());
        Assert.Equal(_channelId, thread.Body.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal(_tenantId, thread.Body.GetProperty("tenantId").GetString());
        Assert.Equal(Bot.Teams.BotId, thread.Body.GetProperty("bot").GetProperty("id").GetString());
        var card = thread.Card;
        Assert.Equal("Debrief", card.Texts[0]);
        Assert.True(card.Shows("Casey Kim"), card.ToString());
        Assert.True(card.Shows("3 of 3 submitted"), card.ToString());
        foreach (var interviewer in panel)
        {
            Assert.True(card.Shows(interviewer.Name), card.ToString());
            Assert.Contains(Evidence(interviewer), card.Json.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(Note(interviewer), card.Json.GetRawText(), StringComparison.Ordinal);
        }

        var reply = Assert.Single(Bot.Connector.MessagesIn(recruiter.PersonalConversationId), r => r.Cards.Any(c => c.Shows("Debrief posted")));
        var open = OpenUrls(reply.Card).Single();
        Assert.Contains("/l/message/" + Uri.EscapeDataString(_channelId) + "/" + thread.ActivityId, open, StringComparison.Ordinal);
        Assert.DoesNotContain(Bot.Connector.Requests.Snapshot().Skip(before), r => r.Operation == ConnectorRequest.CreateConversation && r != thread);
    }

    [Fact]
    public async Task PostPartial_OneScorecardMissing_StartsAThreadLabelledPartialAndTheLateInterviewerReceivesNoFeedback()
    {
        // Arrange
        var (recruiter, panel) = await TeamAsync("Ivy Interviewer", "Otto Interviewer", "Nia Interviewer");
        var (ivy, otto, nia) = (panel[0], panel[1], panel[2]);
        var loop = await CreateLoopAsync("Casey Kim", recruiter, panel);
        await SayInChannelAsync(recruiter, "link Casey Kim");
        await SubmitAsync(ivy, loop, "4");
        await SubmitAsync(otto, loop, "2");
        var missing = await SayAsync(recruiter, "debrief Casey Kim", "1 scorecard is missing");
        Assert.True(missing.Card.Shows("Nia Interviewer"), missing.Card.ToString());
        Assert.Empty(Bot.Connector.ThreadsIn(_channelId));

        // Act
        var answer = (await Bot.Teams.InvokeAsync(recruiter, missing.Card.Press("Post partial debrief"), missing.ActivityId!)).Card;

        // Assert
        Assert.True(answer.Shows("Partial debrief posted"), answer.ToString());
        var thread = Assert.Single(Bot.Connector.ThreadsIn(_channelId));
        Assert.Equal("Partial debrief", thread.Card.Texts[0]);
        Assert.True(thread.Card.Shows("Partial debrief — 2 of 3 scorecards"), thread.Card.ToString());

        // Nia, who has not submitted, asks and opens everything she can; nothing of Ivy's or Otto's reaches her.
        await SayAsync(nia, "scorecards", "Your scorecards");
        await SayAsync(nia, "debrief Casey Kim", "No matching candidate");
        await SayAsync(nia, "status Casey Kim", "No matching candidate");
        var own = await DeliveredCardAsync(nia, "Casey Kim");
        var reopened = (await Bot.Teams.InvokeAsync(nia, own.Card.Press("Save draft", new Dictionary<string, string> { ["evidence.ml-systems-design"] = "NIA-DRAFT" }), own.ActivityId!)).Card;
        var forged = (await Bot.Teams.InvokeAsync(nia, missing.Card.Press("Post partial debrief"), own.ActivityId!)).Card;
        Assert.True(forged.Shows("Not your loop"), forged.ToString());
        var received = string.Join("\n", Bot.Connector.MessagesIn(nia.PersonalConversationId).Select(m => m.Body.GetRawText()))
            + reopened.Json.GetRawText() + forged.Json.GetRawText();
        foreach (var colleague in new[] { ivy, otto })
        {
            Assert.DoesNotContain(Evidence(colleague), received, StringComparison.Ordinal);
            Assert.DoesNotContain(Note(colleague), received, StringComparison.Ordinal);
            Assert.DoesNotContain(colleague.Name, received, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("/5", received, StringComparison.Ordinal);
        Assert.Single(Bot.Connector.ThreadsIn(_channelId));
    }

    [Fact]
    public async Task Debrief_AskedByAnInterviewerOrPressedOnTheirBehalf_IsRefusedAndStartsNoThread()
    {
        // Arrange
        var (recruiter, panel) = await TeamAsync("Ivy Interviewer", "Otto Interviewer");
        var loop = await CreateLoopAsync("Casey Kim", recruiter, panel);
        await SayInChannelAsync(recruiter, "link Casey Kim");
        await SubmitAsync(panel[0], loop, "4");
        var missing = await SayAsync(recruiter, "debrief Casey Kim", "1 scorecard is missing");

        // Act
        var typed = await SayAsync(panel[0], "debrief Casey Kim", "No matching candidate");
        var inChannel = await SayInChannelAsync(panel[0], "link Casey Kim");
        var pressed = (await Bot.Teams.InvokeAsync(panel[0], missing.Card.Press("Post partial debrief"), missing.ActivityId!)).Card;

        // Assert
        Assert.True(typed.Card.Shows("None of the loops you recruit or hire for"), typed.Card.ToString());
        Assert.True(inChannel.Card.Shows("No matching candidate"), inChannel.Card.ToString());
        Assert.True(pressed.Shows("Not your loop"), pressed.ToString());
        Assert.Empty(Bot.Connector.ThreadsIn(_channelId));
    }

    [Fact]
    public async Task Debrief_NoChannelLinked_ExplainsHowToLinkOne()
    {
        // Arrange
        var (recruiter, panel) = await TeamAsync("Ivy Interviewer");
        var loop = await CreateLoopAsync("Casey Kim", recruiter, panel);
        await SubmitAsync(panel[0], loop, "4");

        // Act
        var reply = await SayAsync(recruiter, "debrief Casey Kim", "No hiring channel yet");

        // Assert
        Assert.True(reply.Card.Shows("type **link** with the candidate's name"), reply.Card.ToString());
        Assert.DoesNotContain(Bot.Connector.Requests.Snapshot(), r => r.Operation == ConnectorRequest.CreateConversation && r.Body.TryGetProperty("isGroup", out var g) && g.ValueKind == JsonValueKind.True);
    }

    private static string Evidence(TeamsUser interviewer) => $"EVIDENCE-{interviewer.AadObjectId}: walked through a rollback.";

    private static string Note(TeamsUser interviewer) => $"PRIVATE-{interviewer.AadObjectId}: ask about relocation.";

    private static IEnumerable<string> OpenUrls(AdaptiveCardView card) =>
        card.Json.TryGetProperty("actions", out var actions)
            ? actions.EnumerateArray().Where(a => a.GetProperty("type").GetString() == "Action.OpenUrl").Select(a => a.GetProperty("url").GetString()!)
            : [];

    /// <summary>A recruiter and a panel of interviewers in a fresh tenant, each of whom has installed the app.</summary>
    private async Task<(TeamsUser Recruiter, IReadOnlyList<TeamsUser> Panel)> TeamAsync(params string[] interviewers)
    {
        var recruiter = TeamsUser.Create("Riley Recruiter", _tenantId);
        await Bot.Teams.InstallAsync(recruiter);
        var panel = new List<TeamsUser>();
        foreach (var name in interviewers)
        {
            var user = TeamsUser.Create(name, _tenantId);
            await Bot.Teams.InstallAsync(user);
            panel.Add(user);
        }

        return (recruiter, panel);
    }

    /// <summary>Creates, as an ATS does, a loop whose interviews (one per panelist) ended a minute ago; returns interview ids by interviewer.</summary>
    private async Task<IReadOnlyDictionary<string, string>> CreateLoopAsync(string candidate, TeamsUser recruiter, IReadOnlyList<TeamsUser> panel)
    {
        var now = DateTimeOffset.UtcNow;
        var request = new JsonObject
        {
            ["candidate"] = new JsonObject { ["name"] = candidate },
            ["template"] = "senior-ml-engineer",
            ["recruiters"] = new JsonArray(new JsonObject { ["aadObjectId"] = recruiter.AadObjectId, ["name"] = recruiter.Name }),
            ["interviews"] = new JsonArray([.. panel.Select((interviewer, i) => (JsonNode)new JsonObject
            {
                ["interviewer"] = new JsonObject { ["aadObjectId"] = interviewer.AadObjectId, ["name"] = interviewer.Name },
                ["exercise"] = LoopsApiClient.Exercise,
                ["focus"] = new JsonArray("ml-systems-design", "mlops-operations"),
                ["start"] = now.AddMinutes(-61 - i).ToString("O", CultureInfo.InvariantCulture),
                ["end"] = now.AddMinutes(-1 - i).ToString("O", CultureInfo.InvariantCulture),
            })]),
        };
        using var response = await Bot.Host.Http.PostAsJsonAsync("api/v1/loops", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/v1/loops answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("interviews").EnumerateArray()
            .ToDictionary(i => i.GetProperty("interviewerAadObjectId").GetString()!, i => i.GetProperty("interviewId").GetString()!);
    }

    /// <summary>Submits from the scorecard card the interviewer received, with evidence and a private note that name them.</summary>
    private async Task SubmitAsync(TeamsUser interviewer, IReadOnlyDictionary<string, string> loop, string score)
    {
        var delivered = await DeliveredCardAsync(interviewer, "Casey Kim");
        Assert.Equal(loop[interviewer.AadObjectId], delivered.Card.Button("Submit").DataString("interviewId"));
        var inputs = new Dictionary<string, string>
        {
            ["rating.ml-systems-design"] = score,
            ["evidence.ml-systems-design"] = Evidence(interviewer),
            ["rating.mlops-operations"] = "na",
            ["recommendation"] = "Hire",
            ["privateNote"] = Note(interviewer),
        };
        var answer = (await Bot.Teams.InvokeAsync(interviewer, delivered.Card.Press("Submit", inputs), delivered.ActivityId!)).Card;
        Assert.True(answer.Shows("Scorecard submitted"), answer.ToString());
    }

    private Task<ConnectorRequest> DeliveredCardAsync(TeamsUser user, string candidate) =>
        Bot.Connector.WaitForMessageAsync(
            user.PersonalConversationId,
            r => r.Cards.Any(c => c.Shows("Candidate: " + candidate) && c.ButtonList.Any(b => b.Title == "Submit")),
            $"the scorecard card for {candidate} in {user.Name}'s personal chat");

    /// <summary>Types in the personal chat and returns the bot's answer, which it posts within the turn.</summary>
    private async Task<ConnectorRequest> SayAsync(TeamsUser user, string text, string answerShows)
    {
        var before = Bot.Connector.Requests.Count;
        await Bot.Teams.SayAsync(user, text);
        return await Bot.Connector.WaitForMessageAsync(user.PersonalConversationId, r => r.Cards.Any(c => c.Shows(answerShows)), $"the answer to '{text}'", before);
    }

    /// <summary>
    /// Mentions the bot in the hiring channel as Teams delivers it (a new thread: the conversation id names the
    /// channel and the message; channelData names team and channel) and returns the bot's answer in that thread.
    /// </summary>
    private async Task<ConnectorRequest> SayInChannelAsync(TeamsUser user, string text)
    {
        var message = Bot.Teams.Message(user, $"<at>{TeamsChannel.BotName}</at> {text}");
        var messageId = (string)message["id"]!;
        var threadId = _channelId + ";messageid=" + messageId;
        message["conversation"] = new JsonObject { ["conversationType"] = "channel", ["id"] = threadId, ["isGroup"] = true, ["tenantId"] = user.TenantId };
        message["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = user.TenantId },
            ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "Hiring" },
            ["channel"] = new JsonObject { ["id"] = _channelId, ["name"] = "ML hiring" },
        };
        message["entities"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "mention",
            ["mentioned"] = new JsonObject { ["id"] = Bot.Teams.BotId, ["name"] = TeamsChannel.BotName },
            ["text"] = $"<at>{TeamsChannel.BotName}</at>",
        });
        var before = Bot.Connector.Requests.Count;
        Assert.Equal(HttpStatusCode.OK, await Bot.Teams.SendAsync(message, null));
        return await Bot.Connector.WaitForMessageAsync(threadId, r => r.Cards.Count > 0, $"the answer to '{text}' in the channel", before);
    }
}

/// <summary>The debrief story on the embedded store.</summary>
public sealed class EmbeddedStoreDebriefStoryTests(EmbeddedStoreFixture fixture) : DebriefStoryTests(fixture), IClassFixture<EmbeddedStoreFixture>;

/// <summary>The debrief story on Azure Table Storage, against a real Azurite.</summary>
public sealed class AzuriteDebriefStoryTests(AzuriteStoreFixture fixture) : DebriefStoryTests(fixture), IClassFixture<AzuriteStoreFixture>;
