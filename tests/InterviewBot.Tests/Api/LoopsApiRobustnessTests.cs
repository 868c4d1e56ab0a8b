using System.Net;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Api;

/// <summary>Input that passes the field rules but that storage cannot hold, or that means something other than it says.</summary>
[Collection(WebHostCollection.Name)]
public sealed class LoopsApiRobustnessTests(InterviewBotFactory factory) : IClassFixture<InterviewBotFactory>
{
    [Theory]
    [InlineData("aad/ivy")]
    [InlineData("ivy#1")]
    [InlineData("ivy?x")]
    [InlineData("ivy\\x")]
    public async Task Post_InterviewerIdThatCannotBeAKey_Returns400AndStoresNothing(string interviewerId)
    {
        var body = LoopRequests.ExampleWith(b => LoopRequests.FirstInterview(b)["interviewer"]!["aadObjectId"] = interviewerId);

        await AssertRefusedAsync(body, "interviews[0].interviewer.aadObjectId");
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T01:00:00Z")]
    [InlineData("1600-06-01T10:00:00Z", "1600-06-01T11:00:00Z")]
    [InlineData("9999-12-31T10:00:00Z", "9999-12-31T11:00:00Z")]
    public async Task Post_InterviewAtATimeStorageCannotHold_Returns400AndStoresNothing(string start, string end)
    {
        var body = LoopRequests.ExampleWith(b =>
        {
            LoopRequests.FirstInterview(b)["start"] = start;
            LoopRequests.FirstInterview(b)["end"] = end;
        });

        await AssertRefusedAsync(body, "interviews[0].start", "interviews[0].end");
    }

    [Fact]
    public async Task Post_TimeWithoutOffset_Returns400InsteadOfGuessingTheServersZone()
    {
        var body = LoopRequests.ExampleWith(b =>
        {
            LoopRequests.FirstInterview(b)["start"] = "2026-11-27T10:00:00";
            LoopRequests.FirstInterview(b)["end"] = "2026-11-27T11:00:00";
        });

        await AssertRefusedAsync(body, "interviews[0].start");
    }

    private async Task AssertRefusedAsync(string body, params string[] anyOfFields)
    {
        using var client = factory.CreateClient();
        var writesBefore = factory.Tables.Writes.Count;

        using var response = await client.PostAsync("/api/v1/loops", LoopRequests.Json(body));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {text}");
        Assert.True(anyOfFields.Any(f => text.Contains($"\"{f}\"", StringComparison.Ordinal)), $"No error names {string.Join(" or ", anyOfFields)}: {text}");
        Assert.Empty(factory.Tables.Writes.Skip(writesBefore));
    }
}
