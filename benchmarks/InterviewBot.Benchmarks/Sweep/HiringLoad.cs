using InterviewBot.Domain.Delivery;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.People;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Templates;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;

namespace InterviewBot.Benchmarks.Sweep;

/// <summary>
/// Fills a store with open interviews the way the REST API creates them: each loop planned by
/// <see cref="LoopPlanner"/> and stored by <see cref="HiringStore.CreateLoopAsync"/> with one pending delivery and
/// the planned reminders per interview. The first <see cref="SweepScenario.Due"/> × <see cref="SweepScenario.Batches"/>
/// interviews end in batches of <see cref="SweepScenario.Due"/>, batch <c>k</c> within the <see cref="BatchWindow"/>
/// before <see cref="SweepTime"/>(k); the rest end over the following weeks. So a sweep at each batch's time finds
/// exactly that batch due, and one store serves several measured sweeps.
/// </summary>
internal sealed class HiringLoad(SweepScenario scenario, DateTimeOffset now, TemplateCatalog templates)
{
    public const string TenantId = "tenant-benchmark";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    public const string BotId = "28:interviewbot-benchmark";

    /// <summary>
    /// Between two batches' sweeps. Short enough that no reminder of an earlier batch (the first comes two hours
    /// after an interview ends) falls due during the last sweep, which would add work to it.
    /// </summary>
    public static readonly TimeSpan BatchSpacing = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long before its sweep a batch's interviews end. A minute short of the spacing, because the due index
    /// files entries by the second: an entry due a split second after a sweep would otherwise be read by it, found
    /// not yet due and left for the next.
    /// </summary>
    public static readonly TimeSpan BatchWindow = BatchSpacing - TimeSpan.FromMinutes(1);

    /// <summary>The most batches one store may hold under that rule.</summary>
    public const int MaxBatches = 20;

    public static readonly TimeSpan FutureWindow = TimeSpan.FromDays(28);
    private static readonly TimeSpan CreatedBefore = TimeSpan.FromHours(1);
    private static readonly TimeSpan InterviewLength = TimeSpan.FromHours(1);
    private const int InterviewerCount = 1000;

    /// <summary>
    /// When the loops are created: an hour before the first sweep, so every interview lies ahead and its due entry is
    /// filed under its own hour, as it would be in a running system.
    /// </summary>
    public DateTimeOffset CreatedAt => now - CreatedBefore;

    /// <summary>When the sweep of batch <paramref name="batch"/> (from 0) runs.</summary>
    public DateTimeOffset SweepTime(int batch) => now + (BatchSpacing * batch);

    public async Task FillAsync(HiringStore store, UserDirectory users, int concurrency, Action<int>? loopsDone = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(users);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };

        // Every interviewer has a personal chat with the bot, so each due delivery is one send and not a detour
        // through the tenant's route or a new conversation.
        await Parallel.ForEachAsync(Enumerable.Range(0, Math.Min(InterviewerCount, scenario.Interviews)), parallel, async (i, ct) =>
            await users.RememberAsync(
                new KnownUser(InterviewerId(i), "29:interviewer-" + i, "Interviewer " + i, TenantId, ServiceUrl, BotId, "a:personal-" + i, null, CreatedAt),
                TimeSpan.Zero,
                ct).ConfigureAwait(false)).ConfigureAwait(false);

        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, scenario.Loops), parallel, async (loop, ct) =>
        {
            var plan = Plan(loop);
            var deliveries = plan.Interviews.Select(i => ScorecardDelivery.For(i.Id, i.CandidateId, i.End, CreatedAt)).ToList();

            // No interviewer has told Teams a time zone, so reminders are planned in UTC, as the host plans them.
            var followUps = plan.Interviews
                .Select(i => InterviewFollowUp.Plan(i.Id, i.CandidateId, ReminderPolicy.Plan(i, ReminderSettings.Default, TimeZoneInfo.Utc)))
                .ToList();
            await store.CreateLoopAsync(plan, deliveries, followUps, ct).ConfigureAwait(false);
            loopsDone?.Invoke(Interlocked.Increment(ref done));
        }).ConfigureAwait(false);
    }

    private LoopPlan Plan(int loop)
    {
        var template = templates.Get(TemplateCatalog.DefaultTemplateId);
        var exercise = template.Exercises[0].Id;
        var first = loop * scenario.InterviewsPerLoop;
        var interviews = Enumerable.Range(first, Math.Min(scenario.InterviewsPerLoop, scenario.Interviews - first))
            .Select(n =>
            {
                var end = End(n);
                return (InterviewRequest?)new InterviewRequest(new PersonRequest(InterviewerId(n % InterviewerCount), "Interviewer " + (n % InterviewerCount)), exercise, null, end - InterviewLength, end, null);
            })
            .ToList();
        var request = new LoopRequest(
            new CandidateRequest("Candidate " + loop, "ats-" + loop),
            template.Id,
            [new PersonRequest("aad-recruiter-" + (loop % 20), "Recruiter " + (loop % 20))],
            [new PersonRequest("aad-manager-" + (loop % 50), "Manager " + (loop % 50))],
            interviews);

        // Ids as random as the API's, but the same on every run.
        var random = new Random(loop);
        var (plan, errors) = LoopPlanner.Plan(request, templates, () => NewId(random), CreatedAt);
        return plan ?? throw new InvalidOperationException("A generated loop was refused: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
    }

    private DateTimeOffset End(int interview)
    {
        var dueTotal = scenario.Due * scenario.Batches;
        if (interview < dueTotal)
        {
            return SweepTime(interview / scenario.Due) - (BatchWindow * (interview % scenario.Due) / scenario.Due);
        }

        return SweepTime(scenario.Batches - 1) + TimeSpan.FromMinutes(1) + (FutureWindow * (interview - dueTotal) / (scenario.Interviews - dueTotal));
    }

    private static string InterviewerId(int i) => "aad-interviewer-" + i;

    private static string NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString("N");
    }
}
