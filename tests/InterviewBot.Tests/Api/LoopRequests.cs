using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace InterviewBot.Tests.Api;

/// <summary>Request bodies for the loops API, starting from the documented example.</summary>
internal static class LoopRequests
{
    public const string Example = """
        {
          "candidate": { "name": "Jordan Lee", "externalId": "ats-4411" },
          "template": "senior-ml-engineer",
          "recruiters":     [ { "aadObjectId": "11111111-1111-1111-1111-111111111111", "name": "Riley Recruiter" } ],
          "hiringManagers": [ { "aadObjectId": "22222222-2222-2222-2222-222222222222", "name": "Morgan Manager" } ],
          "interviews": [ { "interviewer": { "aadObjectId": "33333333-3333-3333-3333-333333333333", "name": "Ivy Interviewer" },
                            "exercise": "ml-system-design-case",
                            "focus": ["ml-systems-design", "mlops-operations"],
                            "start": "2026-11-27T10:00:00Z", "end": "2026-11-27T11:00:00Z" } ]
        }
        """;

    public const string InterviewerId = "33333333-3333-3333-3333-333333333333";

    /// <summary>The example with <paramref name="change"/> applied to its JSON.</summary>
    public static string ExampleWith(Action<JsonObject> change)
    {
        var body = JsonNode.Parse(Example)!.AsObject();
        change(body);
        return body.ToJsonString();
    }

    public static JsonObject FirstInterview(JsonObject body) => body["interviews"]![0]!.AsObject();

    public static HttpContent Json(string body) => new StringContent(body, Encoding.UTF8, "application/json");

    public static HttpContent WithContentType(string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }
}
