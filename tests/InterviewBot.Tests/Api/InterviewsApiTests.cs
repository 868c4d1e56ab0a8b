using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Delivery;
using InterviewBot.Storage.Hiring;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Scorecards;
using InterviewBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewBot.Tests.Api;

/// <summary>
/// <c>PATCH /api/v1/interviews/{id}</c> through the whole host: what the recruiter, the old and the new interviewer
/// and the hiring manager notice after an interview is reassigned, moved or marked as not having happened.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class InterviewsApiTests : IAsyncLifetime
{
    private const string IvyChat = "a:personal-ivy";
    private const string NiaId = "44444444-4444-4444-4444-444444444444";
    private const string NiaName = "Nia Newcomer";
    private const string NiaChat = "a:personal-nia";
    private const string RecruiterId = "11111111-1111-1111-1111-111111111111";
    private const string RecruiterChat = "a:personal-riley";

    // The documented example: Friday 27 November 2026, 10:00 to 11:00 UTC, feedback due a day after the end.
    private static readonly DateTimeOffset ExampleStart = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ExampleEnd = new(2026, 11, 27, 11, 0, 0, TimeSpan.Zero);

    private static readonly string ReassignToNia = $$"""{ "interviewer": { "aadObjectId": "{{NiaId}}", "name": "{{NiaName}}" } }""";

    // The recurring sweep runs on the real clock and would race the sweeps each test runs by hand.
    private readonly InterviewBotFactory _factory = new("Development", new() { ["Jobs:SweepCron"] = "0 0 1 1 *" });
    private HttpClient _client = null!;
    private int _messages;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Patch_NewInterviewerBeforeDelivery_Returns200AndGetLoopShowsTheNewInterviewer()
    {
        var loop = await CreateLoopAsync();

        var changed = await PatchOkAsync(loop.InterviewId, ReassignToNia);

        Assert.Equal(loop.InterviewId, (string?)changed["interviewId"]);
        Assert.Equal(NiaId, (string?)changed["interviewer"]!["aadObjectId"]);
        Assert.Equal(NiaName, (string?)changed["interviewer"]!["name"]);
        Assert.Equal("scheduled", (string?)changed["status"]);
        var interview = await GetInterviewAsync(loop.LoopId);
        Assert.Equal(NiaId, (string?)interview["interviewer"]!["aadObjectId"]);
        Assert.Equal(NiaName, (string?)interview["interviewer"]!["name"]);
        Assert.Equal(ExampleEnd, interview["end"]!.GetValue<DateTimeOffset>());
        Assert.Equal(ExampleEnd.AddHours(24), interview["feedbackDue"]!.GetValue<DateTimeOffset>());
        Assert.Equal("Pending", (string?)interview["delivery"]!["status"]);
    }

    [Fact]
    public async Task Patch_NewInterviewerBeforeDelivery_ScorecardsListsItForTheNewInterviewerOnly()
    {
        var loop = await CreateLoopAsync();
        var ivyBefore = await SayAsync(LoopRequests.InterviewerId, IvyChat, "scorecards");
        Assert.Contains(loop.InterviewId, ivyBefore.InterviewIds);

        await PatchOkAsync(loop.InterviewId, ReassignToNia);

        var nia = await SayAsync(NiaId, NiaChat, "scorecards");
        var ivy = await SayAsync(LoopRequests.InterviewerId, IvyChat, "scorecards");
        Assert.Contains(loop.InterviewId, nia.InterviewIds);
        Assert.DoesNotContain(loop.InterviewId, ivy.InterviewIds);
        Assert.Contains("You have no interviews assigned to you", ivy.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_NewInterviewerBeforeDelivery_ScorecardGoesToTheNewInterviewerWhenDue()
    {
        var loop = await CreateLoopAsync();
        await SayAsync(LoopRequests.InterviewerId, IvyChat, "hi");
        await SayAsync(NiaId, NiaChat, "hi");
        await PatchOkAsync(loop.InterviewId, ReassignToNia);
        _factory.Time.SetUtcNow(ExampleEnd.AddMinutes(5));

        var attempted = await SweepAsync();

        Assert.Equal(1, attempted);
        Assert.Single(ScorecardsTo(NiaChat));
        Assert.Empty(ScorecardsTo(IvyChat));
        Assert.DoesNotContain(_factory.Connector.Calls, c => c.Kind == ConnectorCallKind.Update);
        Assert.Equal("Delivered", (string?)(await GetInterviewAsync(loop.LoopId))["delivery"]!["status"]);
    }

    [Fact]
    public async Task Patch_NewInterviewerBeforeTheEnd_RemindersGoToTheNewInterviewer()
    {
        var loop = await CreateLoopAsync();
        await SayAsync(LoopRequests.InterviewerId, IvyChat, "hi");
        await SayAsync(NiaId, NiaChat, "hi");
        await PatchOkAsync(loop.InterviewId, ReassignToNia);

        // Monday noon: the nudge and the first overdue reminder are both due by now.
        _factory.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        await SweepAsync();

        Assert.NotEmpty(RemindersTo(NiaChat));
        Assert.Empty(RemindersTo(IvyChat));
    }

    [Fact]
    public async Task Patch_NewInterviewerAfterDelivery_ReplacesTheOldCardWithAReassignedNotice()
    {
        var loop = await CreateLoopAsync();
        await SayAsync(LoopRequests.InterviewerId, IvyChat, "hi");
        await SayAsync(NiaId, NiaChat, "hi");
        var delivered = await DeliverAsync(loop);
        Assert.Equal(IvyChat, delivered.ConversationId);

        await PatchOkAsync(loop.InterviewId, ReassignToNia);

        var update = Assert.Single(_factory.Connector.Calls, c => c.Kind == ConnectorCallKind.Update);
        Assert.Equal(IvyChat, update.ConversationId);
        Assert.Equal(delivered.ActivityId, update.ActivityId);
        var notice = JsonSerializer.Serialize(update.Activity, TeamsJson.Options);
        Assert.Contains("reassigned", notice, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ScorecardVerbs.Submit, notice, StringComparison.Ordinal);
        Assert.DoesNotContain(ScorecardVerbs.Save, notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_NewInterviewerAfterDelivery_DeliversAFreshScorecardToTheNewInterviewer()
    {
        var loop = await CreateLoopAsync();
        await SayAsync(LoopRequests.InterviewerId, IvyChat, "hi");
        await SayAsync(NiaId, NiaChat, "hi");
        await DeliverAsync(loop);

        await PatchOkAsync(loop.InterviewId, ReassignToNia);
        var attempted = await SweepAsync();

        Assert.Equal(1, attempted);
        var card = Assert.Single(ScorecardsTo(NiaChat));
        Assert.Contains(loop.InterviewId, JsonSerializer.Serialize(card.Activity, TeamsJson.Options), StringComparison.Ordinal);
        Assert.Single(ScorecardsTo(IvyChat));
        var interview = await GetInterviewAsync(loop.LoopId);
        Assert.Equal(NiaId, (string?)interview["interviewer"]!["aadObjectId"]);
        Assert.Equal("Delivered", (string?)interview["delivery"]!["status"]);
    }

    [Fact]
    public async Task Patch_NewInterviewerAfterDeliveryAndTeamsRefusesTheUpdate_StillReassigns()
    {
        var loop = await CreateLoopAsync();
        await SayAsync(LoopRequests.InterviewerId, IvyChat, "hi");
        await SayAsync(NiaId, NiaChat, "hi");
        await DeliverAsync(loop);
        _factory.Connector.FailIn(IvyChat, new ConnectorException(HttpStatusCode.NotFound, "ActivityNotFound", "The activity was deleted."));

        await PatchOkAsync(loop.InterviewId, ReassignToNia);
        await SweepAsync();

        Assert.Equal(NiaId, (string?)(await GetInterviewAsync(loop.LoopId))["interviewer"]!["aadObjectId"]);
        Assert.Single(ScorecardsTo(NiaChat));
    }

    [Fact]
    public async Task CardAction_OldInterviewerSavesAfterReassignment_StoresNothing()
    {
        var loop = await CreateLoopAsync();
        await PatchOkAsync(loop.InterviewId, ReassignToNia);
        var writesBefore = _factory.Tables.Writes.Count;

        var answer = await InvokeAsync(ScorecardVerbs.Save, loop.InterviewId, LoopRequests.InterviewerId);

        Assert.DoesNotContain("Draft saved", CardJson.VisibleText(answer["value"]!), StringComparison.Ordinal);
        Assert.DoesNotContain(_factory.Tables.Writes.Skip(writesBefore), w => w.RowKey == "scorecard|" + loop.InterviewId);
        Assert.Equal("NotStarted", (string?)(await GetInterviewAsync(loop.LoopId))["scorecard"]!["status"]);
    }

    [Theory]
    [InlineData(ScorecardVerbs.Save, "Draft")]
    [InlineData(ScorecardVerbs.Submit, "Submitted")]
    public async Task Patch_NewInterviewerWhenAScorecardExists_Returns409AndChangesNothing(string verb, string status)
    {
        var loop = await CreateLoopAsync();
        await InvokeAsync(verb, loop.InterviewId, LoopRequests.InterviewerId);
        var before = await SnapshotAsync(loop.LoopId);

        using var response = await PatchAsync(loop.InterviewId, ReassignToNia);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(409, (int?)(await ReadObjectAsync(response))["status"]);
        await AssertUnchangedAsync(loop.LoopId, before);
        var interview = await GetInterviewAsync(loop.LoopId);
        Assert.Equal(LoopRequests.InterviewerId, (string?)interview["interviewer"]!["aadObjectId"]);
        Assert.Equal(status, (string?)interview["scorecard"]!["status"]);
    }

    [Fact]
    public async Task Patch_NewTimesWhenADraftExists_KeepsTheDraftAndMovesTheInterview()
    {
        var loop = await CreateLoopAsync();
        await InvokeAsync(ScorecardVerbs.Save, loop.InterviewId, LoopRequests.InterviewerId);

        await PatchOkAsync(loop.InterviewId, """{ "start": "2026-11-27T11:00:00Z", "end": "2026-11-27T12:00:00Z" }""");

        var interview = await GetInterviewAsync(loop.LoopId);
        Assert.Equal(ExampleEnd.AddHours(1), interview["end"]!.GetValue<DateTimeOffset>());
        Assert.Equal("Draft", (string?)interview["scorecard"]!["status"]);
    }

    [Fact]
    public async Task Patch_NewEnd_MovesFeedbackDueByTheSameOffset()
    {
        // Two days to give feedback rather than the default one, so the test tells "same offset" from "default".
        var loop = await CreateLoopAsync(LoopRequests.ExampleWith(b => LoopRequests.FirstInterview(b)["feedbackDue"] = "2026-11-29T11:00:00Z"));

        var changed = await PatchOkAsync(loop.InterviewId, """{ "start": "2026-11-27T13:00:00+01:00", "end": "2026-11-27T14:30:00+01:00" }""");

        var newEnd = new DateTimeOffset(2026, 11, 27, 13, 30, 0, TimeSpan.Zero);
        Assert.Equal(newEnd.AddHours(48), changed["feedbackDue"]!.GetValue<DateTimeOffset>());
        var interview = await GetInterviewAsync(loop.LoopId);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), interview["start"]!.GetValue<DateTimeOffset>());
        Assert.Equal(newEnd, interview["end"]!.GetValue<DateTimeOffset>());
        Assert.Equal(newEnd.AddHours(48), interview["feedbackDue"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Patch_NewEnd_SchedulesTheDeliveryForTheNewEndOnly()
    {
        var loop = await CreateLoopAsync();
        await SayAsync(LoopRequests.InterviewerId, IvyChat, "hi");
        var newEnd = ExampleEnd.AddHours(1);

        await PatchOkAsync(loop.InterviewId, """{ "start": "2026-11-27T11:00:00Z", "end": "2026-11-27T12:00:00Z" }""");

        Assert.Contains(_factory.Scheduler.Scheduled, s => s.InterviewId == loop.InterviewId && s.CandidateId == loop.CandidateId && s.DueAt == newEnd);
        Assert.Contains(await DueEntriesAsync(newEnd), e => e.Kind == HiringStore.DeliveryKind && e.SubjectId == loop.InterviewId && e.DueAt == newEnd);
        _factory.Time.SetUtcNow(ExampleEnd.AddMinutes(30));
        Assert.Equal(0, await SweepAsync());
        Assert.Empty(ScorecardsTo(IvyChat));
        _factory.Time.SetUtcNow(newEnd);
        Assert.Equal(1, await SweepAsync());
        Assert.Single(ScorecardsTo(IvyChat));
    }

    [Fact]
    public async Task Patch_NewEnd_MovesTheRemindersAndTheirDueEntries()
    {
        var loop = await CreateLoopAsync();
        await SayAsync(LoopRequests.InterviewerId, IvyChat, "hi");
        // The first nudge comes two hours after the end: 15:00 in Berlin, inside working hours either way.
        var oldNudge = ExampleEnd.AddHours(2);
        var newNudge = oldNudge.AddHours(1);

        await PatchOkAsync(loop.InterviewId, """{ "start": "2026-11-27T11:00:00Z", "end": "2026-11-27T12:00:00Z" }""");

        Assert.Contains(await DueEntriesAsync(newNudge), e => e.Kind == HiringStore.ReminderKind && e.SubjectId == loop.InterviewId && e.DueAt == newNudge);
        _factory.Time.SetUtcNow(oldNudge);
        await SweepAsync();
        Assert.Empty(RemindersTo(IvyChat));
        _factory.Time.SetUtcNow(newNudge);
        await SweepAsync();
        Assert.Single(RemindersTo(IvyChat));
    }

    [Fact]
    public async Task Patch_NewEndWithExplicitFeedbackDue_KeepsTheGivenFeedbackDue()
    {
        var loop = await CreateLoopAsync();

        var changed = await PatchOkAsync(loop.InterviewId, """{ "end": "2026-11-27T12:00:00Z", "feedbackDue": "2026-12-01T09:00:00+01:00" }""");

        var due = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(due, changed["feedbackDue"]!.GetValue<DateTimeOffset>());
        var interview = await GetInterviewAsync(loop.LoopId);
        Assert.Equal(ExampleStart, interview["start"]!.GetValue<DateTimeOffset>());
        Assert.Equal(ExampleEnd.AddHours(1), interview["end"]!.GetValue<DateTimeOffset>());
        Assert.Equal(due, interview["feedbackDue"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Patch_OnlyFeedbackDue_KeepsTheTimesAndTheDelivery()
    {
        var loop = await CreateLoopAsync();
        var scheduledBefore = _factory.Scheduler.Scheduled.Count;

        var changed = await PatchOkAsync(loop.InterviewId, """{ "feedbackDue": "2026-11-30T17:00:00Z" }""");

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero), changed["feedbackDue"]!.GetValue<DateTimeOffset>());
        var interview = await GetInterviewAsync(loop.LoopId);
        Assert.Equal(ExampleStart, interview["start"]!.GetValue<DateTimeOffset>());
        Assert.Equal(ExampleEnd, interview["end"]!.GetValue<DateTimeOffset>());
        Assert.All(_factory.Scheduler.Scheduled.Skip(scheduledBefore), s => Assert.Equal(ExampleEnd, s.DueAt));
    }

    [Fact]
    public async Task Patch_LaterFeedbackDueAfterTheNudgeWasSent_DoesNotNudgeAgain()
    {
        var loop = await CreateLoopAsync();
        await SayAsync(LoopRequests.InterviewerId, IvyChat, "hi");
        await DeliverAsync(loop);
        _factory.Time.SetUtcNow(ExampleEnd.AddHours(2));
        await SweepAsync();
        Assert.Single(RemindersTo(IvyChat));

        // The recruiter gives the interviewer more time; the nudge already went out and must not go out twice.
        await PatchOkAsync(loop.InterviewId, """{ "feedbackDue": "2026-11-30T17:00:00Z" }""");
        _factory.Time.SetUtcNow(ExampleEnd.AddHours(2).AddMinutes(15));
        await SweepAsync();

        var reminders = RemindersTo(IvyChat);
        Assert.True(reminders.Count == 1, $"Ivy got {reminders.Count} reminders: {string.Join(" | ", reminders.Select(Title))}");
    }

    [Theory]
    [InlineData("noShow")]
    [InlineData("cancelled")]
    [InlineData("rescheduled")]
    public async Task Patch_StatusNotHeld_NoReminderOrEscalationIsSent(string status)
    {
        var loop = await CreateLoopAsync();
        await SayAsync(LoopRequests.InterviewerId, IvyChat, "hi");

        var changed = await PatchOkAsync(loop.InterviewId, $$"""{ "status": "{{status}}" }""");
        // Wednesday after the interview: every reminder and the escalation would be due by now.
        _factory.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        await SweepAsync();

        Assert.Equal(status, (string?)changed["status"]);
        Assert.Empty(RemindersTo(IvyChat));
        Assert.DoesNotContain(_factory.Connector.Sent, c => JsonSerializer.Serialize(c.Activity, TeamsJson.Options).Contains("Interview feedback is overdue", StringComparison.Ordinal));
        Assert.DoesNotContain(await DueEntriesAsync(_factory.Time.GetUtcNow().AddDays(30)), e => e.Kind == HiringStore.ReminderKind && e.SubjectId == loop.InterviewId);
    }

    [Theory]
    [InlineData("noShow")]
    [InlineData("cancelled")]
    [InlineData("rescheduled")]
    public async Task Patch_StatusNotHeld_GetLoopShowsTheStatus(string status)
    {
        var loop = await CreateLoopAsync();

        await PatchOkAsync(loop.InterviewId, $$"""{ "status": "{{status}}" }""");

        var interview = await GetInterviewAsync(loop.LoopId);
        Assert.True(
            (string?)interview["status"] == status,
            $"GET /api/v1/loops/{{id}} should say the interview did not happen ('{status}'); it answered {interview.ToJsonString()}");
    }

    [Fact]
    public async Task Patch_StatusNoShow_StatusCommandSaysItDidNotHappen()
    {
        var loop = await CreateLoopAsync();

        await PatchOkAsync(loop.InterviewId, """{ "status": "noShow" }""");

        var status = await SayAsync(RecruiterId, RecruiterChat, "status Jordan Lee");
        Assert.Contains("Didn't happen (the candidate did not show up)", status.Text, StringComparison.Ordinal);
        Assert.Contains("0 of 0 scorecards submitted", status.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_StatusScheduledAfterNoShow_ClearsItAndRemindersResume()
    {
        var loop = await CreateLoopAsync();
        await SayAsync(LoopRequests.InterviewerId, IvyChat, "hi");
        await PatchOkAsync(loop.InterviewId, """{ "status": "noShow" }""");

        var changed = await PatchOkAsync(loop.InterviewId, """{ "status": "scheduled" }""");
        _factory.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        await SweepAsync();

        Assert.Equal("scheduled", (string?)changed["status"]);
        Assert.NotEmpty(RemindersTo(IvyChat));
        var status = await SayAsync(RecruiterId, RecruiterChat, "status Jordan Lee");
        Assert.DoesNotContain("Didn't happen", status.Text, StringComparison.Ordinal);
        Assert.Contains("0 of 1 scorecards submitted", status.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("noShow")]
    [InlineData("cancelled")]
    [InlineData("rescheduled")]
    public async Task Patch_StatusNotHeldAfterASubmittedScorecard_Returns400AndChangesNothing(string status)
    {
        var loop = await CreateLoopAsync();
        await InvokeAsync(ScorecardVerbs.Submit, loop.InterviewId, LoopRequests.InterviewerId);
        var before = await SnapshotAsync(loop.LoopId);

        using var response = await PatchAsync(loop.InterviewId, $$"""{ "status": "{{status}}" }""");

        await AssertValidationProblemAsync(response, "status");
        await AssertUnchangedAsync(loop.LoopId, before);
    }

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { "end before start", """{ "end": "2026-11-27T09:00:00Z" }""", "end" },
        { "end equal to start", """{ "end": "2026-11-27T10:00:00Z" }""", "end" },
        { "longer than twelve hours", """{ "end": "2026-11-28T10:00:00Z" }""", "end" },
        { "feedback due before the end", """{ "feedbackDue": "2026-11-27T10:30:00Z" }""", "feedbackDue" },
        { "year out of range", """{ "start": "1999-12-31T10:00:00Z" }""", "start" },
        { "unknown status", """{ "status": "postponed" }""", "status" },
        { "status is a number", """{ "status": 3 }""", "status" },
        { "unknown field", """{ "room": "4.12" }""", "room" },
        { "unknown interviewer field", $$"""{ "interviewer": { "aadObjectId": "{{NiaId}}", "name": "{{NiaName}}", "email": "nia@contoso.com" } }""", "interviewer.email" },
        { "end without offset", """{ "end": "2026-11-27T12:00:00" }""", "end" },
        { "start without offset", """{ "start": "2026-11-27T10:30:00" }""", "start" },
        { "end is not a time", """{ "end": "tomorrow" }""", "end" },
        { "interviewer id with a slash", """{ "interviewer": { "aadObjectId": "aad/../ivy", "name": "Nia Newcomer" } }""", "interviewer.aadObjectId" },
        { "interviewer without id", """{ "interviewer": { "name": "Nia Newcomer" } }""", "interviewer.aadObjectId" },
        { "interviewer without name", $$"""{ "interviewer": { "aadObjectId": "{{NiaId}}" } }""", "interviewer.name" },
        { "reassigned with a bad end", $$"""{ "interviewer": { "aadObjectId": "{{NiaId}}", "name": "{{NiaName}}" }, "end": "2026-11-27T09:00:00Z" }""", "end" },
        { "malformed JSON", """{ "status": "noShow" """, "$" },
        { "truncated document", "{", "$" },
        { "empty body", string.Empty, "$" },
        { "null body", "null", "$" },
        { "array body", "[]", "$" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Patch_InvalidBody_Returns400NamingTheFieldAndChangesNothing(string problem, string body, string field)
    {
        var loop = await CreateLoopAsync();
        var before = await SnapshotAsync(loop.LoopId);

        using var response = await PatchAsync(loop.InterviewId, body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{problem}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await AssertValidationProblemAsync(response, field);
        await AssertUnchangedAsync(loop.LoopId, before);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task Patch_NotJson_Returns415AndChangesNothing(string contentType)
    {
        var loop = await CreateLoopAsync();
        var before = await SnapshotAsync(loop.LoopId);

        using var response = await _client.PatchAsync($"/api/v1/interviews/{loop.InterviewId}", LoopRequests.WithContentType(ReassignToNia, contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertUnchangedAsync(loop.LoopId, before);
    }

    [Theory]
    [InlineData("no-such-interview")]
    [InlineData("loop|x")]
    [InlineData("a%2Fb")]
    public async Task Patch_UnknownId_Returns404ProblemDetails(string interviewId)
    {
        await CreateLoopAsync();
        var writesBefore = _factory.Tables.Writes.Count;

        using var response = await PatchAsync(interviewId, ReassignToNia);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (int?)(await ReadObjectAsync(response))["status"]);
        Assert.Equal(writesBefore, _factory.Tables.Writes.Count);
    }

    [Fact]
    public async Task Patch_ReassignAndRetimeAtOnce_KeepsBothChanges()
    {
        var loop = await CreateLoopAsync();
        // Both requests read the interview before either writes, so one of them must notice and apply its change again.
        _factory.Tables.HoldQueriesUntil("Candidates", 2);

        var responses = await Task.WhenAll(
            Task.Run(() => PatchAsync(loop.InterviewId, ReassignToNia)),
            Task.Run(() => PatchAsync(loop.InterviewId, """{ "start": "2026-11-27T11:00:00Z", "end": "2026-11-27T12:00:00Z" }""")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        var interview = await GetInterviewAsync(loop.LoopId);
        Assert.Equal(NiaId, (string?)interview["interviewer"]!["aadObjectId"]);
        Assert.Equal(ExampleEnd.AddHours(1), interview["end"]!.GetValue<DateTimeOffset>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Patch_KeysConfiguredAndNoRightKey_Returns401AndChangesNothing(string? presented)
    {
        const string Key = "test-key-0123456789";
        await using var factory = new InterviewBotFactory("Development", new() { ["Api:Keys:0"] = Key, ["Jobs:SweepCron"] = "0 0 1 1 *" });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var loop = await CreateLoopAsync(client, LoopRequests.Example);
        var before = await client.GetStringAsync($"/api/v1/loops/{loop.LoopId}");
        var writesBefore = factory.Tables.Writes.Count;
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/interviews/{loop.InterviewId}") { Content = LoopRequests.Json(ReassignToNia) };
        if (presented is not null)
        {
            request.Headers.Add("X-Api-Key", presented);
        }

        // A fresh client so that the key set above is not sent along.
        using var anonymous = factory.CreateClient();
        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(writesBefore, factory.Tables.Writes.Count);
        Assert.Equal(before, await client.GetStringAsync($"/api/v1/loops/{loop.LoopId}"));
    }

    [Fact]
    public async Task Patch_KeysConfiguredAndTheRightKey_ChangesTheInterview()
    {
        const string Key = "test-key-0123456789";
        await using var factory = new InterviewBotFactory("Development", new() { ["Api:Keys:0"] = Key, ["Jobs:SweepCron"] = "0 0 1 1 *" });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var loop = await CreateLoopAsync(client, LoopRequests.Example);

        using var response = await client.PatchAsync($"/api/v1/interviews/{loop.InterviewId}", LoopRequests.Json(ReassignToNia));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await client.GetFromJsonAsync<JsonObject>($"/api/v1/loops/{loop.LoopId}");
        Assert.Equal(NiaId, (string?)read!["interviews"]![0]!["interviewer"]!["aadObjectId"]);
    }

    /// <summary>What the bot answered in a chat: the text a person reads, and the interviews its buttons open.</summary>
    private sealed record Reply(string Text, IReadOnlyList<string> InterviewIds);

    private sealed record CreatedLoop(string LoopId, string CandidateId, string InterviewId);

    /// <summary>What a caller can observe of a loop, to show a refused change left no trace.</summary>
    private sealed record LoopTrace(string Loop, int Writes, int Scheduled, int ConnectorCalls);

    private Task<CreatedLoop> CreateLoopAsync(string body = LoopRequests.Example) => CreateLoopAsync(_client, body);

    private static async Task<CreatedLoop> CreateLoopAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/api/v1/loops", LoopRequests.Json(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await ReadObjectAsync(response);
        return new CreatedLoop((string)created["loopId"]!, (string)created["candidateId"]!, (string)created["interviews"]![0]!["interviewId"]!);
    }

    private Task<HttpResponseMessage> PatchAsync(string interviewId, string body) =>
        _client.PatchAsync($"/api/v1/interviews/{interviewId}", LoopRequests.Json(body));

    private async Task<JsonObject> PatchOkAsync(string interviewId, string body)
    {
        using var response = await PatchAsync(interviewId, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PATCH {body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await ReadObjectAsync(response);
    }

    private async Task<JsonObject> GetInterviewAsync(string loopId)
    {
        var loop = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/loops/{loopId}");
        return Assert.Single(loop!["interviews"]!.AsArray())!.AsObject();
    }

    private async Task<LoopTrace> SnapshotAsync(string loopId) => new(
        await _client.GetStringAsync($"/api/v1/loops/{loopId}"),
        _factory.Tables.Writes.Count,
        _factory.Scheduler.Scheduled.Count,
        _factory.Connector.Calls.Count);

    private async Task AssertUnchangedAsync(string loopId, LoopTrace before)
    {
        Assert.Equal(before.Writes, _factory.Tables.Writes.Count);
        Assert.Equal(before.Scheduled, _factory.Scheduler.Scheduled.Count);
        Assert.Equal(before.ConnectorCalls, _factory.Connector.Calls.Count);
        Assert.Equal(before.Loop, await _client.GetStringAsync($"/api/v1/loops/{loopId}"));
    }

    private static async Task AssertValidationProblemAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ReadObjectAsync(response))["errors"]?.AsObject();
        Assert.NotNull(errors);
        Assert.True(errors.ContainsKey(field), $"No error for '{field}' in {errors.ToJsonString()}");
        Assert.All(errors, e => Assert.NotEmpty(e.Value!.AsArray()));
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?.AsObject() ?? throw new Xunit.Sdk.XunitException("The response has no JSON body.");

    /// <summary>
    /// Types <paramref name="text"/> in a personal chat, as Teams delivers it, and returns what the bot posted back
    /// there. Saying anything also teaches the bot where the sender's chat is.
    /// </summary>
    private async Task<Reply> SayAsync(string aadObjectId, string conversationId, string text)
    {
        var activity = Activities.PersonalMessage(text, aadObjectId, "29:" + aadObjectId, conversationId);
        // A fresh id each time, or the inbox would drop the message as a redelivery.
        activity.Id = "message-" + Interlocked.Increment(ref _messages);
        var callsBefore = _factory.Connector.Calls.Count;
        using var response = await _client.PostAsync("/api/messages", LoopRequests.Json(JsonSerializer.Serialize(activity, TeamsJson.Options)));
        Assert.True(response.IsSuccessStatusCode, $"'{text}': {(int)response.StatusCode}");
        var replies = _factory.Connector.Calls.Skip(callsBefore).Where(c => c.ConversationId == conversationId && c.Activity is not null).ToList();
        Assert.NotEmpty(replies);
        var cards = replies.SelectMany(c => c.Activity!.Attachments ?? []).Select(a => JsonNode.Parse(JsonSerializer.Serialize(a.Content))!).ToList();
        return new Reply(
            string.Join("\n", replies.Select(c => c.Activity!.Text).Concat(cards.Select(CardJson.VisibleText))),
            [.. cards.SelectMany(CardJson.Actions).Select(a => (string?)a["data"]?["interviewId"]).OfType<string>()]);
    }

    /// <summary>Presses a scorecard button with a complete scorecard, as the interviewer's card would.</summary>
    private async Task<JsonObject> InvokeAsync(string verb, string interviewId, string aadObjectId)
    {
        var activity = Activities.CardAction(verb, ScorecardInputs.Data(interviewId, 0, ScorecardInputs.Complete()), aadObjectId);
        using var response = await _client.PostAsync("/api/messages", LoopRequests.Json(JsonSerializer.Serialize(activity, TeamsJson.Options)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadObjectAsync(response);
    }

    private async Task<int> SweepAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeliveryJobs>().SweepAsync(CancellationToken.None);
    }

    /// <summary>Moves the clock past the end, delivers the scorecard, and returns where it went as stored.</summary>
    private async Task<(string? ConversationId, string? ActivityId)> DeliverAsync(CreatedLoop loop)
    {
        _factory.Time.SetUtcNow(ExampleEnd.AddMinutes(5));
        Assert.Equal(1, await SweepAsync());
        var delivery = await _factory.Services.GetRequiredService<HiringStore>().GetDeliveryAsync(loop.CandidateId, loop.InterviewId);
        Assert.Equal(Domain.Delivery.DeliveryStatus.Delivered, delivery!.Value.Status);
        Assert.NotNull(delivery.Value.ActivityId);
        return (delivery.Value.ConversationId, delivery.Value.ActivityId);
    }

    private async Task<List<DueEntry>> DueEntriesAsync(DateTimeOffset upTo)
    {
        var entries = new List<DueEntry>();
        await foreach (var entry in _factory.Services.GetRequiredService<HiringStore>().GetDueAsync(upTo))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private List<ConnectorCall> ScorecardsTo(string conversationId) =>
        [.. _factory.Connector.Sent.Where(c => c.ConversationId == conversationId && c.Activity?.Text?.StartsWith("Your interview has ended", StringComparison.Ordinal) == true)];

    private static string Title(ConnectorCall call) =>
        call.Activity?.Attachments is [var card, ..]
            ? (string?)CardJson.OfType(JsonNode.Parse(JsonSerializer.Serialize(card.Content))!, "TextBlock")[0]["text"] ?? string.Empty
            : call.Activity?.Text ?? string.Empty;

    // Every reminder card offers a snooze; nothing else the bot sends does.
    private List<ConnectorCall> RemindersTo(string conversationId) =>
        [.. _factory.Connector.Sent.Where(c => c.ConversationId == conversationId && JsonSerializer.Serialize(c.Activity, TeamsJson.Options).Contains(ReminderVerbs.Snooze, StringComparison.Ordinal))];
}
