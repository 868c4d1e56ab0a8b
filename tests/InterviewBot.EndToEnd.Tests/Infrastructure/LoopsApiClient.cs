using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InterviewBot.EndToEnd.Tests.Infrastructure;

/// <summary>A loop the REST API created: its id and the id of its one interview.</summary>
public sealed record CreatedLoop(string LoopId, string InterviewId);

/// <summary>A loop as the REST API reports it: the raw JSON, which is what an ATS would store.</summary>
public sealed record LoopReport(string Json)
{
    public JsonElement Root => JsonDocument.Parse(Json).RootElement;

    public JsonElement Interview(string interviewId) =>
        Root.GetProperty("interviews").EnumerateArray().Single(i => i.GetProperty("interviewId").GetString() == interviewId);

    public string ScorecardStatus(string interviewId) => Interview(interviewId).GetProperty("scorecard").GetProperty("status").GetString()!;

    public string? SubmittedAt(string interviewId) =>
        Interview(interviewId).GetProperty("scorecard").TryGetProperty("submittedAt", out var at) && at.ValueKind == JsonValueKind.String ? at.GetString() : null;

    public string? DeliveryStatus(string interviewId) =>
        Interview(interviewId).TryGetProperty("delivery", out var delivery) && delivery.ValueKind == JsonValueKind.Object ? delivery.GetProperty("status").GetString() : null;
}

/// <summary>Calls the loops REST API the way an ATS does, over the network.</summary>
public sealed class LoopsApiClient(HttpClient host)
{
    public const string Exercise = "ml-system-design-case";

    /// <summary>Creates a loop with one interview of <paramref name="interviewerAadObjectId"/> that ended a minute ago.</summary>
    public async Task<CreatedLoop> CreateEndedInterviewAsync(string candidateName, string interviewerAadObjectId, string interviewerName, string recruiterAadObjectId)
    {
        var now = DateTimeOffset.UtcNow;
        var request = new JsonObject
        {
            ["candidate"] = new JsonObject { ["name"] = candidateName, ["externalId"] = "ats-" + Guid.NewGuid().ToString("N")[..8] },
            ["template"] = "senior-ml-engineer",
            ["recruiters"] = new JsonArray(new JsonObject { ["aadObjectId"] = recruiterAadObjectId, ["name"] = "Riley Recruiter" }),
            ["interviews"] = new JsonArray(new JsonObject
            {
                ["interviewer"] = new JsonObject { ["aadObjectId"] = interviewerAadObjectId, ["name"] = interviewerName },
                ["exercise"] = Exercise,
                ["start"] = now.AddMinutes(-61).ToString("O"),
                ["end"] = now.AddMinutes(-1).ToString("O"),
            }),
        };
        using var response = await host.PostAsJsonAsync("api/v1/loops", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/v1/loops answered {(int)response.StatusCode}: {body}");
        var created = JsonDocument.Parse(body).RootElement;
        return new CreatedLoop(created.GetProperty("loopId").GetString()!, created.GetProperty("interviews")[0].GetProperty("interviewId").GetString()!);
    }

    public async Task<LoopReport> GetAsync(string loopId)
    {
        using var response = await host.GetAsync(new Uri("api/v1/loops/" + Uri.EscapeDataString(loopId), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/v1/loops/{loopId} answered {(int)response.StatusCode}: {body}");
        return new LoopReport(body);
    }
}
