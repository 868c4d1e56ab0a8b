using InterviewBot.Cards;
using InterviewBot.Domain.Delivery;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Storage.Hiring;
using InterviewBot.Teams.Cards;
using InterviewBot.Tests.Reminders;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Cards;

/// <summary>Every kind of card the host sends, built from realistic values, for structure and parser tests.</summary>
internal static class CardSamples
{
    /// <summary>Text that would turn into a link, a mention, formatting or broken JSON if it were ever treated as markup.</summary>
    public const string Hostile = "HOSTILE [click me](https://evil.example/phish) <at>Sam</at> **bold** _it_ \"quoted\" 'single' back\\slash {\"json\":true} </div>\nsecond line";

    public const string Evidence = "Sketched a feature store with point-in-time joins and a shadow deployment before rollout.";
    public const string PrivateNote = "Probe leadership in the next round.";

    public static ScorecardSubject Subject(string candidateName = "Jordan Lee", string? timeZone = null) =>
        new(TestData.Candidate(candidateName), TestData.Interview(), TestData.Template, timeZone);

    public static ScorecardDraft TypedDraft(string evidence = Evidence) => new(
        [
            new DimensionRating("ml-systems-design", 4, false, evidence),
            new DimensionRating("mlops-operations", null, true, string.Empty),
        ],
        ["pragmatic-tradeoffs", "monitoring-by-default"],
        Recommendation.Hire,
        PrivateNote);

    public static ScorecardDraft EmptyDraft() => new([], [], null, string.Empty);

    public static Scorecard SubmittedScorecard(string evidence = Evidence, string privateNote = PrivateNote, int version = 2) => new(
        "interview-1",
        "candidate-1",
        TestData.InterviewerId,
        [
            new DimensionRating("ml-systems-design", 4, false, evidence),
            new DimensionRating("mlops-operations", null, true, string.Empty),
        ],
        ["pragmatic-tradeoffs", "no-drift-detection", "claims-perfect-results"],
        Recommendation.Hire,
        privateNote,
        ScorecardStatus.Submitted,
        TestData.Now.AddMinutes(-30),
        TestData.Now.AddMinutes(-5),
        TestData.Now.AddMinutes(-10),
        version);

    /// <summary>A submission with a bit of everything wrong, as the rules report it.</summary>
    public static (ScorecardDraft Draft, IReadOnlyList<FieldError> Errors) InvalidSubmission()
    {
        var draft = new ScorecardDraft(
            [new DimensionRating("ml-systems-design", 4, false, string.Empty)],
            ["made-up-signal"],
            null,
            new string('n', ScorecardLimits.PrivateNoteMaxLength + 1));
        return (draft, ScorecardRules.ValidateForSubmit(TestData.Template, TestData.Interview(), draft));
    }

    public static IReadOnlyList<InterviewContext> Interviews(int count)
    {
        var template = TestData.Template;
        var list = new List<InterviewContext>();
        for (var i = 0; i < count; i++)
        {
            var end = TestData.Now.AddHours(-i * 5);
            var interview = TestData.Interview() with
            {
                Id = $"interview-{i}",
                Start = end.AddHours(-1),
                End = end,
                FeedbackDue = end + Interview.DefaultFeedbackWindow,
            };
            var scorecard = (i % 3) switch
            {
                0 => null,
                1 => new Stored<Scorecard>(SubmittedScorecard() with { InterviewId = interview.Id, Status = ScorecardStatus.Draft, SubmittedAt = null, Version = 1 }, "etag"),
                _ => new Stored<Scorecard>(SubmittedScorecard() with { InterviewId = interview.Id }, "etag"),
            };
            list.Add(new InterviewContext(
                TestData.Candidate($"Candidate {i}"),
                new HiringLoop("loop-1", "candidate-1", template.Id, [], [], TestData.Now.AddDays(-7)),
                interview,
                scorecard,
                new Stored<ScorecardDelivery>(ScorecardDelivery.For(interview.Id, "candidate-1", end, end), "etag"),
                null));
        }

        return list;
    }

    /// <summary>Every card variant by name.</summary>
    public static readonly IReadOnlyDictionary<string, Func<AdaptiveCard>> All = new Dictionary<string, Func<AdaptiveCard>>
    {
        ["form-empty"] = () => ScorecardCard.Form(Subject(), EmptyDraft(), 0, [], null),
        ["form-typed"] = () => ScorecardCard.Form(Subject(timeZone: "Europe/Berlin"), TypedDraft(), 3, [], new Banner("Draft saved.", BannerTone.Good)),
        ["form-errors"] = () =>
        {
            var (draft, errors) = InvalidSubmission();
            return ScorecardCard.Form(Subject(), draft, 1, errors, null);
        },
        ["form-stale"] = () => ScorecardCard.Form(Subject(), TypedDraft(), 4, [], new Banner("This scorecard was changed elsewhere.", BannerTone.Warning)),
        ["form-editing-submitted"] = () => ScorecardCard.Form(Subject(), ScorecardDraft.From(SubmittedScorecard()), 2, [], null, editingSubmitted: true),
        ["form-hostile"] = () => ScorecardCard.Form(Subject(Hostile), TypedDraft(Hostile), 1, [], null),
        ["form-long-text"] = () => ScorecardCard.Form(Subject(new string('N', 5000)), TypedDraft(new string('e', 5000)), 1, [], null),
        ["submitted"] = () => ScorecardCard.Submitted(Subject(), SubmittedScorecard(), null),
        ["submitted-banner"] = () => ScorecardCard.Submitted(Subject(), SubmittedScorecard(), new Banner("Already submitted.", BannerTone.Warning)),
        ["submitted-no-note"] = () => ScorecardCard.Submitted(Subject(), SubmittedScorecard(privateNote: string.Empty) with { Signals = [] }, null),
        ["submitted-hostile"] = () => ScorecardCard.Submitted(Subject(Hostile), SubmittedScorecard(Hostile, Hostile), null),
        ["submitted-long-text"] = () => ScorecardCard.Submitted(Subject(new string('N', 5000)), SubmittedScorecard(new string('e', 5000), new string('p', 5000)), null),
        ["notice"] = () => ScorecardCard.Notice("Interview not found", "Type **scorecards** to see your interviews."),
        ["notice-banner"] = () => ScorecardCard.Notice("This scorecard is not yours", "Nothing was changed.", new Banner("Refused.", BannerTone.Warning)),
        ["list-empty"] = () => ScorecardListCard.Build([], null, TestData.Now),
        ["list-mixed"] = () => ScorecardListCard.Build(Interviews(6), "Europe/Berlin", TestData.Now),
        ["list-over-limit"] = () => ScorecardListCard.Build(Interviews(ScorecardListCard.MaxShown + 5), null, TestData.Now),
        ["reminder-nudge"] = () => ReminderCardSamples.Nudge(),
        ["reminder-overdue-hostile"] = () => ReminderCardSamples.Overdue(Hostile),
        ["reminder-requested-banner"] = () => ReminderCardSamples.Requested(),
        ["reminder-escalation-hostile"] = () => ReminderCardSamples.Escalation(Hostile),
        ["loop-status-hostile"] = () => ReminderCardSamples.Status(Hostile),
        ["loop-status-long-text"] = () => ReminderCardSamples.Status(new string('N', 5000)),
        ["loop-choice-hostile"] = () => ReminderCardSamples.Choice(Hostile),
        ["loop-nudge-result-hostile"] = () => ReminderCardSamples.NudgeResult(Hostile),
    };

    public static TheoryData<string> Names => [.. All.Keys];
}
