using InterviewBot.Storage.Tables;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Loops;

/// <summary>Loops and interviews are found by id through lookup rows, whichever way those rows were written.</summary>
public sealed class LookupRowsTests : IDisposable
{
    private readonly HiringFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task GetLoop_LookupRowsWrittenWithTheEarlierConstantRowKey_StillFindsTheLoopAndInterview()
    {
        var interview = await _fixture.CreateInterviewAsync();
        var lookup = _fixture.Tables.GetTable("Lookup");
        foreach (var key in new[] { "loop|" + interview.LoopId, "interview|" + interview.Id })
        {
            var row = await lookup.GetAsync(key, key);
            Assert.NotNull(row);
            await lookup.DeleteAsync(key, key);
            await lookup.InsertAsync(new StoredRow(key, "-", row.Properties));
        }

        var loop = await _fixture.Store.GetLoopAsync(interview.LoopId);
        var context = await _fixture.Store.GetInterviewAsync(interview.Id);

        Assert.Equal(interview.CandidateId, loop?.Candidate.Id);
        Assert.Equal(interview.Id, context?.Interview.Id);
    }

    [Fact]
    public async Task GetLoop_UnknownId_FindsNothing()
    {
        await _fixture.CreateInterviewAsync();

        Assert.Null(await _fixture.Store.GetLoopAsync("no-such-loop"));
    }
}
