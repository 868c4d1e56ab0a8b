using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewBot.Cards;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Scorecards;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Api;

[Collection(WebHostCollection.Name)]
public sealed class LoopsApiTests(InterviewBotFactory factory) : IClassFixture<InterviewBotFactory>
{
    private static readonly DateTimeOffset ExampleEnd = new(2026, 11, 27, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Post_DocumentedExample_Returns201WithIdsAndFeedbackDueADayAfterTheEnd()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/loops", LoopRequests.Json(LoopRequests.Example));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ReadObjectAsync(response);
        var loopId = (string?)body["loopId"];
        Assert.False(string.IsNullOrWhiteSpace(loopId));
        Assert.False(string.IsNullOrWhiteSpace((string?)body["candidateId"]));
        Assert.Equal($"/api/v1/loops/{loopId}", response.Headers.Location?.OriginalString);
        var interview = Assert.Single(body["interviews"]!.AsArray())!;
        Assert.False(string.IsNullOrWhiteSpace((string?)interview["interviewId"]));
        Assert.Equal(LoopRequests.InterviewerId, (string?)interview["interviewerAadObjectId"]);
        Assert.Equal("ml-system-design-case", (string?)interview["exercise"]);
        Assert.Equal(ExampleEnd.AddHours(24), interview["feedbackDue"]!.GetValue<DateTimeOffset>());
        Assert.Contains(factory.Scheduler.Scheduled, s => s.InterviewId == (string?)interview["interviewId"] && s.CandidateId == (string?)body["candidateId"] && s.DueAt == ExampleEnd);
    }

    [Fact]
    public async Task Get_CreatedLoop_ReturnsItWithEveryScorecardNotStarted()
    {
        using var client = factory.CreateClient();
        var created = await CreateAsync(client, LoopRequests.Example);

        using var response = await client.GetAsync($"/api/v1/loops/{created["loopId"]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var loop = await ReadObjectAsync(response);
        Assert.Equal((string?)created["loopId"], (string?)loop["loopId"]);
        Assert.Equal("Jordan Lee", (string?)loop["candidate"]!["name"]);
        Assert.Equal("ats-4411", (string?)loop["candidate"]!["externalId"]);
        Assert.Equal("senior-ml-engineer", (string?)loop["template"]);
        Assert.Equal("Senior Machine Learning Engineer", (string?)loop["role"]);
        Assert.Equal("Riley Recruiter", (string?)loop["recruiters"]![0]!["name"]);
        Assert.Equal("Morgan Manager", (string?)loop["hiringManagers"]![0]!["name"]);
        var interview = Assert.Single(loop["interviews"]!.AsArray())!;
        Assert.Equal((string?)created["interviews"]![0]!["interviewId"], (string?)interview["interviewId"]);
        Assert.Equal("Ivy Interviewer", (string?)interview["interviewer"]!["name"]);
        Assert.Equal("ML system design case", (string?)interview["exerciseName"]);
        Assert.Equal(["ml-systems-design", "mlops-operations"], interview["focus"]!.AsArray().Select(f => (string?)f));
        Assert.Equal(ExampleEnd.AddHours(-1), interview["start"]!.GetValue<DateTimeOffset>());
        Assert.Equal(ExampleEnd, interview["end"]!.GetValue<DateTimeOffset>());
        Assert.Equal(ExampleEnd.AddHours(24), interview["feedbackDue"]!.GetValue<DateTimeOffset>());
        Assert.Equal("NotStarted", (string?)interview["scorecard"]!["status"]);
        Assert.False((bool?)interview["scorecard"]!["overdue"]);
        Assert.Equal("Pending", (string?)interview["delivery"]!["status"]);
    }

    [Fact]
    public async Task Post_WithoutTemplateOrFocus_UsesTheDefaultTemplateAndTheExercisesFocus()
    {
        using var client = factory.CreateClient();
        var body = LoopRequests.ExampleWith(b =>
        {
            b.Remove("template");
            LoopRequests.FirstInterview(b).Remove("focus");
        });

        var created = await CreateAsync(client, body);

        var loop = await client.GetFromJsonAsync<JsonObject>($"/api/v1/loops/{created["loopId"]}");
        Assert.Equal("senior-ml-engineer", (string?)loop!["template"]);
        Assert.Equal(
            ["ml-systems-design", "mlops-operations", "communication", "leadership"],
            loop["interviews"]![0]!["focus"]!.AsArray().Select(f => (string?)f));
    }

    [Fact]
    public async Task Get_AfterTheScorecardIsSubmitted_ShowsItsStatusButNeverItsContent()
    {
        using var client = factory.CreateClient();
        var created = await CreateAsync(client, LoopRequests.Example);
        var interviewId = (string)created["interviews"]![0]!["interviewId"]!;
        var inputs = ScorecardInputs.Complete(evidence: "EVIDENCE-MARKER said p99 matters");
        inputs["privateNote"] = "NOTE-MARKER hire quickly";
        await SubmitThroughTeamsAsync(client, interviewId, inputs);

        using var response = await client.GetAsync($"/api/v1/loops/{created["loopId"]}");

        var text = await response.Content.ReadAsStringAsync();
        var loop = JsonNode.Parse(text)!;
        var scorecard = loop["interviews"]![0]!["scorecard"]!;
        Assert.Equal("Submitted", (string?)scorecard["status"]);
        Assert.NotNull(scorecard["submittedAt"]);
        Assert.DoesNotContain("EVIDENCE-MARKER", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NOTE-MARKER", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hire", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pragmatic-tradeoffs", text, StringComparison.Ordinal);
        var names = CardJson.Objects(loop).SelectMany(o => o.Select(p => p.Key)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(names, n => n is "ratings" or "rating" or "score" or "evidence" or "privateNote" or "recommendation" or "signals");
    }

    [Fact]
    public async Task Get_LoopOfARequisitionWithItsOwnSettings_ShowsTheSettingsInForce()
    {
        using var client = factory.CreateClient();
        var body = LoopRequests.ExampleWith(b =>
        {
            b["requisition"] = "REQ-1042";
            b["reminders"] = new JsonObject { ["firstNudgeAfterHours"] = 1, ["maxOverdueReminders"] = 1, ["workingHours"] = new JsonObject { ["start"] = "08:00", ["end"] = "16:30" } };
            b["debrief"] = new JsonObject { ["autoPost"] = true };
        });
        using var created = await client.PostAsync("/api/v1/loops", LoopRequests.Json(body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var loopId = (string?)(await ReadObjectAsync(created))["loopId"];

        var loop = await ReadObjectAsync(await client.GetAsync($"/api/v1/loops/{loopId}"));

        Assert.Equal("REQ-1042", (string?)loop["requisition"]);
        var reminders = loop["reminders"]!;
        Assert.Equal(1, (double)reminders["firstNudgeAfterHours"]!);
        Assert.Equal(1, (int)reminders["maxOverdueReminders"]!);
        Assert.Equal(24, (double)reminders["overdueIntervalHours"]!);
        Assert.Equal(4, (double)reminders["cooldownHours"]!);
        Assert.Equal("08:00", (string?)reminders["workingHours"]!["start"]);
        Assert.Equal("16:30", (string?)reminders["workingHours"]!["end"]);
        Assert.Equal(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], reminders["workingHours"]!["days"]!.AsArray().Select(d => (string?)d));
        Assert.True((bool)loop["debrief"]!["lockOnPost"]!);
        Assert.True((bool)loop["debrief"]!["autoPost"]!);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404ProblemDetails()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/loops/no-such-loop");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (int?)(await ReadObjectAsync(response))["status"]);
    }

    public static TheoryData<string, string, string[]> InvalidBodies => new()
    {
        { "malformed JSON", """{ "candidate": { "name": "Jordan Lee" """, ["candidate"] },
        { "truncated document", "{", ["$"] },
        { "empty body", string.Empty, ["$"] },
        { "null body", "null", ["$"] },
        { "array body", "[]", ["$"] },
        { "empty object", "{}", ["candidate.name", "recruiters", "interviews"] },
        { "start is not a time", LoopRequests.ExampleWith(b => LoopRequests.FirstInterview(b)["start"] = "tomorrow"), ["interviews[0].start"] },
        { "end is a number", LoopRequests.ExampleWith(b => LoopRequests.FirstInterview(b)["end"] = 1700000000), ["interviews[0].end"] },
        { "interviews is a string", LoopRequests.ExampleWith(b => b["interviews"] = "all of them"), ["interviews"] },
        { "candidate name is a number", LoopRequests.ExampleWith(b => b["candidate"]!["name"] = 42), ["candidate.name"] },
        { "unknown top-level field", LoopRequests.ExampleWith(b => b["colour"] = "blue"), ["colour"] },
        { "unknown nested field", LoopRequests.ExampleWith(b => LoopRequests.FirstInterview(b)["room"] = "4.12"), ["interviews[0].room"] },
        { "missing candidate name", LoopRequests.ExampleWith(b => b["candidate"]!.AsObject().Remove("name")), ["candidate.name"] },
        { "candidate name too long", LoopRequests.ExampleWith(b => b["candidate"]!["name"] = new string('x', 201)), ["candidate.name"] },
        { "no recruiters", LoopRequests.ExampleWith(b => b["recruiters"] = new JsonArray()), ["recruiters"] },
        { "recruiter without id", LoopRequests.ExampleWith(b => b["recruiters"]![0]!.AsObject().Remove("aadObjectId")), ["recruiters[0].aadObjectId"] },
        { "no interviews", LoopRequests.ExampleWith(b => b["interviews"] = new JsonArray()), ["interviews"] },
        { "missing interviewer", LoopRequests.ExampleWith(b => LoopRequests.FirstInterview(b).Remove("interviewer")), ["interviews[0].interviewer"] },
        { "missing start and end", LoopRequests.ExampleWith(b => { LoopRequests.FirstInterview(b).Remove("start"); LoopRequests.FirstInterview(b).Remove("end"); }), ["interviews[0].start", "interviews[0].end"] },
        { "unknown template", LoopRequests.ExampleWith(b => b["template"] = "astronaut"), ["template"] },
        { "unknown exercise", LoopRequests.ExampleWith(b => LoopRequests.FirstInterview(b)["exercise"] = "whiteboard-trivia"), ["interviews[0].exercise"] },
        { "unknown focus", LoopRequests.ExampleWith(b => LoopRequests.FirstInterview(b)["focus"]![1] = "charisma"), ["interviews[0].focus[1]"] },
        { "focus listed twice", LoopRequests.ExampleWith(b => LoopRequests.FirstInterview(b)["focus"]![1] = "ml-systems-design"), ["interviews[0].focus[1]"] },
        { "end before start", LoopRequests.ExampleWith(b => LoopRequests.FirstInterview(b)["end"] = "2026-11-27T09:00:00Z"), ["interviews[0].end"] },
        { "negative nudge hours", LoopRequests.ExampleWith(b => b["reminders"] = new JsonObject { ["firstNudgeAfterHours"] = -2 }), ["reminders.firstNudgeAfterHours"] },
        { "overdue interval under the cooldown", LoopRequests.ExampleWith(b => b["reminders"] = new JsonObject { ["overdueIntervalHours"] = 1 }), ["reminders.overdueIntervalHours"] },
        { "working day that is no day", LoopRequests.ExampleWith(b => b["reminders"] = new JsonObject { ["workingHours"] = new JsonObject { ["days"] = new JsonArray("Monday", "Caturday") } }), ["reminders.workingHours.days[1]"] },
        { "unknown reminder setting", LoopRequests.ExampleWith(b => b["reminders"] = new JsonObject { ["nagHarder"] = true }), ["reminders.nagHarder"] },
        { "feedback due before the end", LoopRequests.ExampleWith(b => LoopRequests.FirstInterview(b)["feedbackDue"] = "2026-11-27T10:30:00Z"), ["interviews[0].feedbackDue"] },
        {
            "several fields wrong at once",
            LoopRequests.ExampleWith(b =>
            {
                b["candidate"]!["name"] = " ";
                LoopRequests.FirstInterview(b)["exercise"] = "whiteboard-trivia";
                LoopRequests.FirstInterview(b)["end"] = "2026-11-27T09:00:00Z";
            }),
            ["candidate.name", "interviews[0].exercise", "interviews[0].end"]
        },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Post_InvalidBody_Returns400NamingEachBadFieldAndStoresNothing(string problem, string body, string[] fields)
    {
        using var client = factory.CreateClient();
        var writesBefore = factory.Tables.Writes.Count;
        var scheduledBefore = factory.Scheduler.Scheduled.Count;

        using var response = await client.PostAsync("/api/v1/loops", LoopRequests.Json(body));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{problem}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ReadObjectAsync(response))["errors"]?.AsObject();
        Assert.NotNull(errors);
        Assert.All(fields, f => Assert.True(errors.ContainsKey(f), $"{problem}: no error for '{f}' in {errors.ToJsonString()}"));
        Assert.All(errors, e => Assert.NotEmpty(e.Value!.AsArray()));
        Assert.Equal(writesBefore, factory.Tables.Writes.Count);
        Assert.Equal(scheduledBefore, factory.Scheduler.Scheduled.Count);
    }

    [Fact]
    public async Task Post_InvalidBodies_LeaveNoCandidateBehind()
    {
        using var client = factory.CreateClient();
        var writesBefore = factory.Tables.Writes.Count;

        foreach (var row in InvalidBodies)
        {
            using var response = await client.PostAsync("/api/v1/loops", LoopRequests.Json((string)row[1]));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.DoesNotContain(factory.Tables.Writes.Skip(writesBefore), w => w.Table is "Candidates" or "Lookup" or "InterviewerIndex" or "Due");
        using var missing = await client.GetAsync("/api/v1/loops/anything");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task Post_NotJson_Returns415AndStoresNothing(string contentType)
    {
        using var client = factory.CreateClient();
        var writesBefore = factory.Tables.Writes.Count;

        using var response = await client.PostAsync("/api/v1/loops", LoopRequests.WithContentType(LoopRequests.Example, contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(writesBefore, factory.Tables.Writes.Count);
    }

    [Fact]
    public async Task Post_JsonWithCharset_IsAccepted()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/loops", LoopRequests.WithContentType(LoopRequests.Example, "application/json; charset=utf-8"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Health_Always_AnswersOk()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonObject> CreateAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/api/v1/loops", LoopRequests.Json(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadObjectAsync(response);
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?.AsObject() ?? throw new Xunit.Sdk.XunitException("The response has no JSON body.");

    // Through the messaging endpoint, as Teams delivers a click in the unauthenticated Development mode.
    private static async Task SubmitThroughTeamsAsync(HttpClient client, string interviewId, Dictionary<string, object?> inputs)
    {
        var activity = Activities.CardAction(ScorecardVerbs.Submit, ScorecardInputs.Data(interviewId, 0, inputs), LoopRequests.InterviewerId);
        using var response = await client.PostAsync("/api/messages", LoopRequests.Json(JsonSerializer.Serialize(activity, TeamsJson.Options)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await ReadObjectAsync(response);
        Assert.Equal(AdaptiveCardInvokeResponse.CardType, (string?)answer["type"]);
        Assert.Contains("Scorecard submitted", CardJson.VisibleText(answer["value"]!), StringComparison.Ordinal);
    }
}
