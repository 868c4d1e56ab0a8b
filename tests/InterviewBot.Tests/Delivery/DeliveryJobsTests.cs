using InterviewBot.Conversations;
using InterviewBot.Delivery;
using InterviewBot.Domain.Delivery;
using InterviewBot.Domain.People;
using InterviewBot.Hosting;
using InterviewBot.Storage.Hiring;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;
using InterviewBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InterviewBot.Tests.Delivery;

public sealed class DeliveryJobsTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly HiringFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task SweepAsync_DueAndNotYetDue_DeliversOnlyWhatIsDue()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        var ended = await _fixture.CreateInterviewAsync();
        var later = await _fixture.CreateInterviewAsync(TestData.Now.AddHours(2), TestData.Now.AddHours(3));

        var attempted = await _fixture.Jobs.SweepAsync(CancellationToken.None);

        Assert.Equal(1, attempted);
        Assert.Single(_fixture.Connector.Sent);
        Assert.Equal(DeliveryStatus.Delivered, (await _fixture.StoredDeliveryAsync(ended.CandidateId, ended.Id)).Status);
        Assert.Equal(DeliveryStatus.Pending, (await _fixture.StoredDeliveryAsync(later.CandidateId, later.Id)).Status);
        Assert.DoesNotContain(await _fixture.DueEntriesAsync(TestData.Now), e => e.SubjectId == ended.Id);
        Assert.Contains(await _fixture.DueEntriesAsync(later.End), e => e.SubjectId == later.Id);
    }

    [Fact]
    public async Task SweepAsync_WhenTheLaterInterviewEnds_DeliversItToo()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        await _fixture.CreateInterviewAsync();
        var later = await _fixture.CreateInterviewAsync(TestData.Now.AddHours(2), TestData.Now.AddHours(3));
        await _fixture.Jobs.SweepAsync(CancellationToken.None);
        _fixture.Time.Advance(TimeSpan.FromHours(3));

        var attempted = await _fixture.Jobs.SweepAsync(CancellationToken.None);

        Assert.Equal(1, attempted);
        Assert.Equal(2, _fixture.Connector.Sent.Count);
        Assert.Equal(DeliveryStatus.Delivered, (await _fixture.StoredDeliveryAsync(later.CandidateId, later.Id)).Status);
        Assert.Empty(await _fixture.DueEntriesAsync(_fixture.Time.GetUtcNow()));
    }

    [Fact]
    public async Task SweepAsync_DeliveryAlreadyDone_RemovesItsEntryWithoutSending()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        var interview = await _fixture.CreateInterviewAsync();
        await _fixture.Delivery().DeliverAsync(interview.CandidateId, interview.Id);
        Assert.Contains(await _fixture.DueEntriesAsync(TestData.Now), e => e.SubjectId == interview.Id);

        var attempted = await _fixture.Jobs.SweepAsync(CancellationToken.None);

        Assert.Equal(0, attempted);
        Assert.Single(_fixture.Connector.Sent);
        Assert.Empty(await _fixture.DueEntriesAsync(TestData.Now));
    }

    [Fact]
    public async Task SweepAsync_AfterAFailedAttempt_RetriesOnceTheBackoffEnds()
    {
        var interview = await _fixture.CreateInterviewAsync();
        await _fixture.Jobs.SweepAsync(CancellationToken.None);
        Assert.Equal(DeliveryStatus.Pending, (await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id)).Status);
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        _fixture.Time.Advance(TimeSpan.FromMinutes(1));

        var attempted = await _fixture.Jobs.SweepAsync(CancellationToken.None);

        Assert.Equal(1, attempted);
        Assert.Single(_fixture.Connector.Sent);
        Assert.Equal(DeliveryStatus.Delivered, (await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id)).Status);
        Assert.Empty(await _fixture.DueEntriesAsync(_fixture.Time.GetUtcNow()));
    }

    [Fact]
    public async Task SweepAsync_AfterTeamsSaidNotInRoster_DropsTheEntryWithoutTryingAgain()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        await _fixture.Users.RememberAsync(new KnownUser(TestData.RecruiterId, "29:riley", "Riley", TestData.TenantId, TestData.ServiceUrl, TestData.BotId, "a:personal-riley", null, TestData.Now), TimeSpan.Zero);
        var interview = await _fixture.CreateInterviewAsync();
        _fixture.Connector.FailIn(TestData.InterviewerConversationId, DeliveryServiceTests.NotInRoster());
        var first = await _fixture.Jobs.SweepAsync(CancellationToken.None);
        _fixture.Time.Advance(TimeSpan.FromHours(2));

        var second = await _fixture.Jobs.SweepAsync(CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        Assert.Single(_fixture.Connector.Sent, c => c.ConversationId == TestData.InterviewerConversationId && c.Activity?.Text?.StartsWith("Your interview has ended", StringComparison.Ordinal) == true);
        Assert.Single(_fixture.Connector.Sent, c => c.ConversationId == "a:personal-riley" && System.Text.Json.JsonSerializer.Serialize(c.Activity).Contains("An interviewer cannot be reached", StringComparison.Ordinal));
        Assert.DoesNotContain(await _fixture.DueEntriesAsync(_fixture.Time.GetUtcNow()), e => e.Kind == HiringStore.DeliveryKind);
        Assert.Equal(DeliveryStatus.Unreachable, (await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id)).Status);
    }

    [Fact]
    public async Task SweepAsync_TwoSweepsAtOnce_SendEachCardExactlyOnce()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        var interviews = new[]
        {
            await _fixture.CreateInterviewAsync(candidateName: "Candidate A"),
            await _fixture.CreateInterviewAsync(candidateName: "Candidate B"),
            await _fixture.CreateInterviewAsync(candidateName: "Candidate C"),
        };
        var first = _fixture.Jobs;
        var second = _fixture.Jobs;
        // Both sweeps read each interview before either claims it, so every delivery is contested.
        _fixture.Tables.HoldQueriesUntil("Candidates", 2);

        await Task.WhenAll(
            Task.Run(() => first.SweepAsync(CancellationToken.None)),
            Task.Run(() => second.SweepAsync(CancellationToken.None)));

        var sentFor = _fixture.Connector.Sent
            .Select(s => (string?)System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(s.Activity!.Attachments![0].Content))!["actions"]![0]!["data"]!["interviewId"])
            .Order(StringComparer.Ordinal);
        Assert.Equal(interviews.Select(i => i.Id).Order(StringComparer.Ordinal), sentFor);
        foreach (var interview in interviews)
        {
            var delivery = await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id);
            Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
            Assert.Equal(1, delivery.Attempts);
        }
    }

    [Fact]
    public async Task SweepAsync_EntryWhoseLoopIsStillBeingWritten_KeepsItUntilAnHourHasPassed()
    {
        // Entries are filed before the candidate partition; a sweep in between must not drop them.
        await _fixture.Store.AddDueAsync(HiringStore.DeliveryKind, "candidate-being-written", "interview-being-written", TestData.Now);

        await _fixture.Jobs.SweepAsync(CancellationToken.None);
        var keptWhileFresh = await _fixture.DueEntriesAsync(_fixture.Time.GetUtcNow());
        _fixture.Time.Advance(TimeSpan.FromHours(2));
        await _fixture.Jobs.SweepAsync(CancellationToken.None);

        Assert.Contains(keptWhileFresh, e => e.SubjectId == "interview-being-written");
        Assert.DoesNotContain(await _fixture.DueEntriesAsync(_fixture.Time.GetUtcNow()), e => e.SubjectId == "interview-being-written");
    }

    [Fact]
    public async Task SweepAsync_ManyDueDeliveries_SendsSeveralAtOnceButNeverMoreThanConfigured()
    {
        await _fixture.Users.RememberAsync(TestData.KnownInterviewer(), TimeSpan.Zero);
        var interviews = new List<Domain.Hiring.Interview>();
        for (var i = 0; i < 10; i++)
        {
            interviews.Add(await _fixture.CreateInterviewAsync(candidateName: $"Candidate {i}"));
        }

        // Every send waits until three are in flight, which one delivery after another would never reach.
        var connector = new OverlappingConnector(holdUntilInFlight: 3);

        var attempted = await JobsWith(connector, concurrency: 3).SweepAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(10, attempted);
        Assert.Equal(10, connector.Sent);
        Assert.Equal(3, connector.MostInFlight);
        foreach (var interview in interviews)
        {
            Assert.Equal(DeliveryStatus.Delivered, (await _fixture.StoredDeliveryAsync(interview.CandidateId, interview.Id)).Status);
        }

        Assert.Empty(await _fixture.DueEntriesAsync(TestData.Now));
    }

    private DeliveryJobs JobsWith(IConnectorClient connector, int concurrency)
    {
        var chats = new PersonalChats(_fixture.Users, connector, Options.Create(new DeliveryOptions()), _fixture.Time);
        var delivery = new DeliveryService(_fixture.Store, _fixture.Users, TestData.Templates, chats, connector, _fixture.Time, NullLogger<DeliveryService>.Instance);
        return new DeliveryJobs(delivery, _fixture.Reminders(), _fixture.Store, _fixture.Time, NullLogger<DeliveryJobs>.Instance, Options.Create(new JobsOptions { SweepConcurrency = concurrency }));
    }

    /// <summary>A Teams connector whose sends all wait until a number of them are in flight at once, then all go through.</summary>
    private sealed class OverlappingConnector(int holdUntilInFlight) : IConnectorClient
    {
        private readonly TaskCompletionSource _enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _mostInFlight;
        private int _sent;

        public int MostInFlight => Volatile.Read(ref _mostInFlight);

        public int Sent => Volatile.Read(ref _sent);

        public async Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default)
        {
            var inFlight = Interlocked.Increment(ref _inFlight);
            int most;
            while (inFlight > (most = Volatile.Read(ref _mostInFlight)) && Interlocked.CompareExchange(ref _mostInFlight, inFlight, most) != most)
            {
            }

            if (inFlight >= holdUntilInFlight)
            {
                _enough.TrySetResult();
            }

            await _enough.Task.WaitAsync(cancellationToken);
            Interlocked.Decrement(ref _inFlight);
            return new ResourceResponse("activity-" + Interlocked.Increment(ref _sent));
        }

        public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
