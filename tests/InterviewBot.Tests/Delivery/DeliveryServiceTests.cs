using System.Net;
using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Conversations;
using InterviewBot.Delivery;
using InterviewBot.Domain.Delivery;
using InterviewBot.Domain.People;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Scorecards;
using InterviewBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InterviewBot.Tests.Delivery;

public sealed class DeliveryServiceTests : IDisposable
{
    private readonly HiringFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task DeliverAsync_KnownUserWithPersonalChat_SendsTheScorecardThere()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        var interview = await _fixture.CreateInterviewAsync();

        var outcome = await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        Assert.Equal(DeliveryOutcome.Delivered, outcome);
        Assert.Empty(_fixture.Connector.Created);
        var sent = Assert.Single(_fixture.Connector.Sent);
        Assert.Equal(TestData.ServiceUrl, sent.ServiceUrl);
        Assert.Equal(TestData.InterviewerConversationId, sent.ConversationId);
        var card = CardOf(sent.Activity!);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal(interview.Id, (string?)CardJson.Action(card, "Submit")["data"]!["interviewId"]);
        var delivery = await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id);
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.Equal(TestData.InterviewerConversationId, delivery.ConversationId);
        Assert.Equal("activity-1", delivery.ActivityId);
        Assert.Equal(1, delivery.Attempts);
        Assert.Null(delivery.LastError);
    }

    [Fact]
    public async Task DeliverAsync_KnownUserSeenOnlyInAChannel_CreatesAOneToOneChatAndRemembersIt()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(personalConversationId: null), TimeSpan.Zero);
        var interview = await _fixture.CreateInterviewAsync();

        var outcome = await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        Assert.Equal(DeliveryOutcome.Delivered, outcome);
        var created = Assert.Single(_fixture.Connector.Created);
        AssertOneToOne(created, TestData.InterviewerTeamsId);
        var sent = Assert.Single(_fixture.Connector.Sent);
        Assert.Equal("a:created-1", sent.ConversationId);
        Assert.Equal("a:created-1", (await _fixture.Users.FindAsync(TestData.InterviewerId))!.PersonalConversationId);
    }

    [Fact]
    public async Task DeliverAsync_InterviewerNeverSeenButTheirTenantIs_CreatesAOneToOneChat()
    {
        await _fixture.Users.RememberAsync(new KnownUser(TestData.RecruiterId, "29:riley", "Riley", TestData.TenantId, TestData.ServiceUrl, TestData.BotId, "a:personal-riley", null, TestData.Now), TimeSpan.Zero);
        var interview = await _fixture.CreateInterviewAsync();

        var outcome = await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        Assert.Equal(DeliveryOutcome.Delivered, outcome);
        var created = Assert.Single(_fixture.Connector.Created);
        AssertOneToOne(created, TestData.InterviewerId);
        Assert.Equal("a:created-1", Assert.Single(_fixture.Connector.Sent).ConversationId);
        Assert.Equal(DeliveryStatus.Delivered, (await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id)).Status);
    }

    [Fact]
    public async Task DeliverAsync_NoWayToReachTheInterviewer_StaysPendingWithAReasonAndARetry()
    {
        var interview = await _fixture.CreateInterviewAsync();

        var outcome = await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        Assert.Equal(DeliveryOutcome.Failed, outcome);
        Assert.Empty(_fixture.Connector.Calls);
        var delivery = await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id);
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        Assert.Contains("No way to reach the interviewer", delivery.LastError, StringComparison.Ordinal);
        Assert.Equal(TestData.Now.AddMinutes(1), delivery.DueAt);
        Assert.Contains(await _fixture.DueEntriesAsync(TestData.Now.AddMinutes(1)), e => e.SubjectId == interview.Id && e.DueAt == delivery.DueAt);
    }

    [Fact]
    public async Task DeliverAsync_TeamsFailsTwice_BacksOffLongerEachTime()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        var interview = await _fixture.CreateInterviewAsync();
        _fixture.Connector.SendFailure = new ConnectorException(HttpStatusCode.ServiceUnavailable, null, "down");
        var delivery = _fixture.Delivery();

        var first = await delivery.DeliverAsync(interview.CandidateId, interview.Id);
        var afterFirst = await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id);
        _fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await delivery.DeliverAsync(interview.CandidateId, interview.Id);
        var afterSecond = await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id);

        Assert.Equal(DeliveryOutcome.Failed, first);
        Assert.Equal(DeliveryStatus.Pending, afterFirst.Status);
        Assert.Equal("Teams answered 503.", afterFirst.LastError);
        Assert.Equal(TestData.Now.AddMinutes(1), afterFirst.DueAt);
        Assert.Null(afterFirst.ClaimedAt);
        Assert.Equal(DeliveryOutcome.Failed, second);
        Assert.Equal(2, afterSecond.Attempts);
        Assert.Equal(TestData.Now.AddMinutes(1 + 2), afterSecond.DueAt);
        Assert.Contains(await _fixture.DueEntriesAsync(afterSecond.DueAt), e => e.SubjectId == interview.Id && e.DueAt == afterSecond.DueAt);
    }

    [Fact]
    public async Task DeliverAsync_DuringBackoff_DoesNotSend()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        var interview = await _fixture.CreateInterviewAsync();
        _fixture.Connector.SendFailure = new HttpRequestException("unreachable");
        await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);
        _fixture.Connector.SendFailure = null;

        var outcome = await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        Assert.Equal(DeliveryOutcome.NotDue, outcome);
        Assert.Single(_fixture.Connector.Sent);
        Assert.Equal("Teams could not be reached.", (await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id)).LastError);
    }

    [Fact]
    public async Task DeliverAsync_BeforeTheInterviewEnds_SendsNothing()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        var interview = await _fixture.CreateInterviewAsync(TestData.Now.AddHours(1), TestData.Now.AddHours(2));

        var outcome = await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        Assert.Equal(DeliveryOutcome.NotDue, outcome);
        Assert.Empty(_fixture.Connector.Calls);
        Assert.Equal(DeliveryStatus.Pending, (await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id)).Status);
    }

    [Fact]
    public async Task DeliverAsync_ClaimedByAnotherWorker_IsNotSentUntilTheClaimTimesOut()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        var interview = await _fixture.CreateInterviewAsync();
        var stored = await _fixture.Store.GetDeliveryAsync(interview.CandidateId, interview.Id);
        await _fixture.Store.ReplaceDeliveryAsync(stored!.Value.Claim(_fixture.Time.GetUtcNow()), stored.ETag);
        var delivery = _fixture.Delivery();

        var whileClaimed = await delivery.DeliverAsync(interview.CandidateId, interview.Id);
        _fixture.Time.Advance(ScorecardDelivery.ClaimTimeout - TimeSpan.FromSeconds(1));
        var justBeforeTimeout = await delivery.DeliverAsync(interview.CandidateId, interview.Id);
        var sentWhileClaimed = _fixture.Connector.Sent.Count;
        _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var afterTimeout = await delivery.DeliverAsync(interview.CandidateId, interview.Id);

        Assert.Equal(DeliveryOutcome.NotDue, whileClaimed);
        Assert.Equal(DeliveryOutcome.NotDue, justBeforeTimeout);
        Assert.Equal(0, sentWhileClaimed);
        Assert.Equal(DeliveryOutcome.Delivered, afterTimeout);
        Assert.Single(_fixture.Connector.Sent);
        Assert.Equal(2, (await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id)).Attempts);
    }

    [Fact]
    public async Task DeliverAsync_AlreadyDelivered_SendsNothingMore()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        var interview = await _fixture.CreateInterviewAsync();
        await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        var outcome = await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        Assert.Equal(DeliveryOutcome.Delivered, outcome);
        Assert.Single(_fixture.Connector.Sent);
    }

    [Theory]
    [InlineData("other-candidate", null)]
    [InlineData(null, "no-such-interview")]
    public async Task DeliverAsync_UnknownInterviewOrWrongCandidate_IsGone(string? candidateId, string? interviewId)
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        var interview = await _fixture.CreateInterviewAsync();

        var outcome = await _fixture.Delivery().DeliverAsync(candidateId ?? interview.CandidateId, interviewId ?? interview.Id);

        Assert.Equal(DeliveryOutcome.Gone, outcome);
        Assert.Empty(_fixture.Connector.Calls);
    }

    [Fact]
    public async Task DeliverAsync_AfterSubmittingElsewhere_SendsTheSubmittedView()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        var interview = await _fixture.CreateInterviewAsync();
        await _fixture.Actions.HandleAsync(ScorecardVerbs.Submit, TestData.InterviewerId, ScorecardInputs.Data(interview.Id, 0, ScorecardInputs.Complete()));

        await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        var card = CardOf(Assert.Single(_fixture.Connector.Sent).Activity!);
        Assert.Contains("Scorecard submitted", CardJson.VisibleText(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_TeamsSaysTheBotIsNotInTheRoster_MarksItUnreachableWithAReasonAndNoRetry()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        var interview = await _fixture.CreateInterviewAsync();
        _fixture.Connector.FailIn(TestData.InterviewerConversationId, NotInRoster());

        var outcome = await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        Assert.Equal(DeliveryOutcome.Unreachable, outcome);
        var delivery = await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id);
        Assert.Equal(DeliveryStatus.Unreachable, delivery.Status);
        Assert.Contains("removed or blocked", delivery.LastError, StringComparison.Ordinal);
        Assert.Contains("type scorecards", delivery.LastError, StringComparison.Ordinal);
        Assert.Null(delivery.ClaimedAt);
        Assert.Equal(1, delivery.Attempts);
        Assert.DoesNotContain(await _fixture.DueEntriesAsync(TestData.Now.AddDays(2)), e => e.Kind == HiringStore.DeliveryKind && e.SubjectId == interview.Id && e.DueAt > TestData.InterviewEnd);
    }

    [Fact]
    public async Task DeliverAsync_AgainAfterTeamsSaidNotInRoster_SendsNothingMore()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        await RememberRecruiterAsync(TestData.RecruiterId, "a:personal-riley");
        var interview = await _fixture.CreateInterviewAsync();
        _fixture.Connector.FailIn(TestData.InterviewerConversationId, NotInRoster());
        await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);
        var callsAfterFirst = _fixture.Connector.Calls.Count;
        _fixture.Time.Advance(TimeSpan.FromHours(2));

        var outcome = await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        Assert.Equal(DeliveryOutcome.NotDue, outcome);
        Assert.Equal(callsAfterFirst, _fixture.Connector.Calls.Count);
        Assert.Equal(DeliveryStatus.Unreachable, (await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id)).Status);
    }

    [Fact]
    public async Task DeliverAsync_NotInRoster_TellsEachRecruiterWithAPersonalChatOnce()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        await RememberRecruiterAsync(TestData.RecruiterId, "a:personal-riley");
        await RememberRecruiterAsync("aad-robin", personalConversationId: null);
        await RememberRecruiterAsync(TestData.HiringManagerId, "a:personal-morgan");
        var interview = await _fixture.CreateInterviewAsync(recruiters:
        [
            new(TestData.RecruiterId, "Riley Recruiter"),
            new("aad-robin", "Robin, seen only in a channel"),
            new("aad-rowan", "Rowan, never seen"),
        ]);
        _fixture.Connector.FailIn(TestData.InterviewerConversationId, NotInRoster());

        await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        var notice = Assert.Single(_fixture.Connector.Sent, c => c.ConversationId != TestData.InterviewerConversationId);
        Assert.Equal("a:personal-riley", notice.ConversationId);
        Assert.Equal(TestData.ServiceUrl, notice.ServiceUrl);
        var text = CardJson.VisibleText(CardOf(notice.Activity!));
        Assert.Contains("An interviewer cannot be reached", text, StringComparison.Ordinal);
        Assert.Contains(TestData.InterviewerName, text, StringComparison.Ordinal);
        Assert.Contains("Jordan Lee", text, StringComparison.Ordinal);
        Assert.Empty(_fixture.Connector.Created);
    }

    [Fact]
    public async Task DeliverAsync_NotInRosterAndTheRecruiterCannotBeToldEither_IsStillUnreachable()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        await RememberRecruiterAsync(TestData.RecruiterId, "a:personal-riley");
        var interview = await _fixture.CreateInterviewAsync();
        _fixture.Connector.FailIn(TestData.InterviewerConversationId, NotInRoster());
        _fixture.Connector.FailIn("a:personal-riley", NotInRoster());

        var outcome = await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        Assert.Equal(DeliveryOutcome.Unreachable, outcome);
        Assert.Equal(DeliveryStatus.Unreachable, (await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id)).Status);
    }

    [Fact]
    public async Task DeliverAsync_TeamsSaysTheInterviewerBlockedTheBot_MarksItUnreachableTellsRecruitersAndNeverRetries()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        await RememberRecruiterAsync(TestData.RecruiterId, "a:personal-riley");
        var interview = await _fixture.CreateInterviewAsync();
        _fixture.Connector.FailIn(TestData.InterviewerConversationId, BlockedByUser());

        var outcome = await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);
        _fixture.Time.Advance(TimeSpan.FromHours(2));
        var again = await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        Assert.Equal(DeliveryOutcome.Unreachable, outcome);
        Assert.Equal(DeliveryOutcome.NotDue, again);
        var delivery = await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id);
        Assert.Equal(DeliveryStatus.Unreachable, delivery.Status);
        Assert.Contains("blocked InterviewBot", delivery.LastError, StringComparison.Ordinal);
        Assert.Contains("type scorecards", delivery.LastError, StringComparison.Ordinal);
        Assert.Equal(1, delivery.Attempts);
        Assert.Single(_fixture.Connector.Sent, c => c.ConversationId == TestData.InterviewerConversationId);
        var notice = Assert.Single(_fixture.Connector.Sent, c => c.ConversationId == "a:personal-riley");
        Assert.Contains("An interviewer cannot be reached", CardJson.VisibleText(CardOf(notice.Activity!)), StringComparison.Ordinal);
        Assert.DoesNotContain(await _fixture.DueEntriesAsync(TestData.Now.AddDays(2)), e => e.SubjectId == interview.Id && e.DueAt > TestData.InterviewEnd);
    }

    [Fact]
    public async Task DeliverAsync_KnownInterviewer_ReadsTheirProfileOnceForTimeZoneAndChat()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(timeZone: "Europe/Berlin"), TimeSpan.Zero);
        var interview = await _fixture.CreateInterviewAsync();
        var counting = new ReadCountingTableStore(_fixture.Tables);
        var users = new UserDirectory(counting);
        var chats = new PersonalChats(users, _fixture.Connector, Options.Create(new DeliveryOptions()), _fixture.Time);
        var delivery = new DeliveryService(_fixture.Store, users, TestData.Templates, chats, _fixture.Connector, _fixture.Time, NullLogger<DeliveryService>.Instance);

        var outcome = await delivery.DeliverAsync(interview.CandidateId, interview.Id);

        Assert.Equal(DeliveryOutcome.Delivered, outcome);
        var sent = Assert.Single(_fixture.Connector.Sent);
        Assert.Equal(TestData.InterviewerConversationId, sent.ConversationId);
        Assert.Contains("Europe/Berlin", CardJson.VisibleText(CardOf(sent.Activity!)), StringComparison.Ordinal);
        Assert.Equal(1, counting.PointReads("Users"));
    }

    [Fact]
    public async Task DeliverAsync_ForbiddenForAnotherReason_KeepsRetrying()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        await RememberRecruiterAsync(TestData.RecruiterId, "a:personal-riley");
        var interview = await _fixture.CreateInterviewAsync();
        _fixture.Connector.FailIn(TestData.InterviewerConversationId, new ConnectorException(HttpStatusCode.Forbidden, ConnectorErrorCodes.UntrustedServiceUrl, "not sent"));

        var outcome = await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);

        Assert.Equal(DeliveryOutcome.Failed, outcome);
        var delivery = await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id);
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        Assert.Equal("Teams answered 403 UntrustedServiceUrl.", delivery.LastError);
        Assert.DoesNotContain(_fixture.Connector.Sent, c => c.ConversationId == "a:personal-riley");
    }

    internal static ConnectorException BlockedByUser() =>
        new(HttpStatusCode.Forbidden, ConnectorErrorCodes.ConversationBlockedByUser, "SendToConversation failed with 403 Forbidden (ConversationBlockedByUser): User blocked the conversation with the bot.");

    internal static ConnectorException NotInRoster() =>
        new(HttpStatusCode.Forbidden, ConnectorErrorCodes.BotNotInConversationRoster, "SendToConversation failed with 403 Forbidden (BotNotInConversationRoster): The bot is not part of the conversation roster.");

    private Task RememberRecruiterAsync(string aadObjectId, string? personalConversationId) =>
        _fixture.Users.RememberAsync(new KnownUser(aadObjectId, "29:" + aadObjectId, "Recruiter " + aadObjectId, TestData.TenantId, TestData.ServiceUrl, TestData.BotId, personalConversationId, null, TestData.Now), TimeSpan.Zero);

    private static void AssertOneToOne(ConnectorCall created, string memberId)
    {
        Assert.Equal(TestData.ServiceUrl, created.ServiceUrl);
        var parameters = created.Parameters!;
        Assert.False(parameters.IsGroup);
        var member = Assert.Single(parameters.Members!);
        Assert.Equal(memberId, member.Id);
        Assert.Equal(TestData.InterviewerId, member.AadObjectId);
        Assert.Equal(TestData.TenantId, parameters.TenantId);
        Assert.Equal(TestData.BotId, parameters.Bot?.Id);
        Assert.Equal(TestData.TenantId, Assert.IsType<TeamsChannelData>(parameters.ChannelData).Tenant?.Id);
    }

    private static JsonObject CardOf(Activity activity)
    {
        var attachment = Assert.Single(activity.Attachments!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        return JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(attachment.Content))!.AsObject();
    }
}
