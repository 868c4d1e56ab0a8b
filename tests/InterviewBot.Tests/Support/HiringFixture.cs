using InterviewBot.Reminders;
using InterviewBot.Conversations;
using InterviewBot.Debriefs;
using InterviewBot.Delivery;
using InterviewBot.Domain.Delivery;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Loops;
using InterviewBot.Loops;
using InterviewBot.Scorecards;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;
using InterviewBot.Storage.Tables;
using InterviewBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InterviewBot.Tests.Support;

/// <summary>
/// The host's services over a real embedded store in a fresh directory, with a fake clock and recording fakes for
/// everything that would leave the process.
/// </summary>
internal sealed class HiringFixture : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public HiringFixture()
    {
        Time = new FakeTimeProvider(TestData.Now);
        Tables = new RecordingTableStore(new EmbeddedTableStore(_directory.Path, timeProvider: Time));
        Store = new HiringStore(Tables, Time);
        Users = new UserDirectory(Tables);
    }

    public FakeTimeProvider Time { get; }

    public RecordingTableStore Tables { get; }

    public HiringStore Store { get; }

    public UserDirectory Users { get; }

    public RecordingDeliveryScheduler Scheduler { get; } = new();

    public RecordingConnectorClient Connector { get; } = new();

    /// <summary>
    /// Reminder settings of loops this fixture creates. By default reminders come a month after an interview, so
    /// tests about delivery see only deliveries; reminder tests set the real defaults.
    /// </summary>
    public ReminderOptions ReminderOptions { get; set; } = new() { FirstNudgeAfterEnd = TimeSpan.FromDays(30) };

    public LoopService Loops => new(Store, TestData.Templates, Users, Options.Create(ReminderOptions), Scheduler, Time, NullLogger<LoopService>.Instance);

    public ScorecardActions Actions => new(Store, Users, TestData.Templates, Debriefs(), Time, NullLogger<ScorecardActions>.Instance);

    public DebriefService Debriefs(string? tenantId = null) =>
        new(Store, TestData.Templates, Users, Connector, Options.Create(new DeliveryOptions { TenantId = tenantId }), Time, NullLogger<DebriefService>.Instance);

    public PersonalChats Chats(string? tenantId = null) =>
        new(Users, Connector, Options.Create(new DeliveryOptions { TenantId = tenantId }), Time);

    public DeliveryService Delivery(string? tenantId = null) =>
        new(Store, Users, TestData.Templates, Chats(tenantId), Connector, Time, NullLogger<DeliveryService>.Instance);

    public ReminderService Reminders(ReminderOptions? options = null) =>
        new(Store, TestData.Templates, Chats(), Options.Create(options ?? ReminderOptions), Time, NullLogger<ReminderService>.Instance);

    public DeliveryJobs Jobs => new(Delivery(), Reminders(), Store, Time, NullLogger<DeliveryJobs>.Instance, debriefs: Debriefs());

    public RememberUsers RememberUsers => new(Users, Store, Scheduler, Time, NullLogger<RememberUsers>.Instance);

    /// <summary>Creates a loop with one interview through the same service the REST API uses.</summary>
    public async Task<Interview> CreateInterviewAsync(
        DateTimeOffset? start = null,
        DateTimeOffset? end = null,
        string interviewerId = TestData.InterviewerId,
        string candidateName = "Jordan Lee",
        IReadOnlyList<string>? focus = null,
        IReadOnlyList<PersonRequest>? recruiters = null)
    {
        var interviewer = new PersonRequest(interviewerId, interviewerId == TestData.InterviewerId ? TestData.InterviewerName : "Other Interviewer");
        var request = new LoopRequest(
            new CandidateRequest(candidateName, "ats-4411"),
            TestData.TemplateId,
            recruiters ?? [new PersonRequest(TestData.RecruiterId, "Riley Recruiter")],
            [new PersonRequest(TestData.HiringManagerId, "Morgan Manager")],
            [new InterviewRequest(interviewer, TestData.Exercise, [.. focus ?? TestData.Focus], start ?? TestData.InterviewStart, end ?? TestData.InterviewEnd, null)]);
        var (plan, errors) = await Loops.CreateAsync(request);
        Assert.True(plan is not null, "The test loop was refused: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        return plan.Interviews[0];
    }

    /// <summary>Creates one candidate's loop with an interview for each of <paramref name="interviewerIds"/>, in that order.</summary>
    public async Task<IReadOnlyList<Interview>> CreatePanelAsync(params string[] interviewerIds)
    {
        var request = new LoopRequest(
            new CandidateRequest("Jordan Lee", "ats-4411"),
            TestData.TemplateId,
            [new PersonRequest(TestData.RecruiterId, "Riley Recruiter")],
            [new PersonRequest(TestData.HiringManagerId, "Morgan Manager")],
            [.. interviewerIds.Select((id, i) => new InterviewRequest(
                new PersonRequest(id, "Interviewer " + id),
                TestData.Exercise,
                [.. TestData.Focus],
                TestData.InterviewStart.AddHours(-i),
                TestData.InterviewEnd.AddHours(-i),
                null))]);
        var (plan, errors) = await Loops.CreateAsync(request);
        Assert.True(plan is not null, "The test loop was refused: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        return [.. interviewerIds.Select(id => plan.Interviews.Single(i => i.Interviewer.AadObjectId == id))];
    }

    /// <summary>The delivery of an interview's scorecard as stored; the interview must have one.</summary>
    public async Task<ScorecardDelivery> StoredDeliveryAsync(string candidateId, string interviewId) =>
        (await Store.GetDeliveryAsync(candidateId, interviewId))!.Value;

    /// <summary>The delivery jobs' queue entries due at <paramref name="now"/> (reminders have their own).</summary>
    public async Task<List<DueEntry>> DueEntriesAsync(DateTimeOffset now, string kind = HiringStore.DeliveryKind)
    {
        var entries = new List<DueEntry>();
        await foreach (var entry in Store.GetDueAsync(now))
        {
            if (entry.Kind == kind)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    public void Dispose()
    {
        Tables.Dispose();
        _directory.Dispose();
    }
}
