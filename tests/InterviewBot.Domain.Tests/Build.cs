using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;

namespace InterviewBot.Domain.Tests;

/// <summary>Ready-made domain values for tests: the shipped template, an interview, drafts and loop requests.</summary>
internal static class Build
{
    public const string InterviewerId = "5f1c7e2a-0b9d-4c3e-9a41-7d2b8e6f0a11";
    public const string Design = "ml-systems-design";
    public const string MlOps = "mlops-operations";
    public const string Communication = "communication";

    public static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = new(2026, 11, 27, 11, 0, 0, TimeSpan.Zero);

    public static TemplateCatalog Catalog { get; } = TemplateCatalog.BuiltIn();

    public static ScorecardTemplate Template { get; } = Catalog.Get(TemplateCatalog.DefaultTemplateId);

    public static Person Interviewer { get; } = new(InterviewerId, "Priya Shah");

    /// <summary>The example interview: the design case, rating design and MLOps only.</summary>
    public static Interview Interview(params string[] focus) => new(
        "interview-1",
        "loop-1",
        "candidate-1",
        Interviewer,
        "ml-system-design-case",
        focus.Length > 0 ? focus : [Design, MlOps],
        Start,
        End,
        End + global::InterviewBot.Domain.Hiring.Interview.DefaultFeedbackWindow);

    public static DraftBuilder Draft() => new();

    /// <summary>A draft that passes every submit rule for <see cref="Interview"/>'s default focus.</summary>
    public static ScorecardDraft CompleteDraft() => Draft()
        .Rate(Design, 4, "Split online features from the batch store and sized the cache from p99 latency.")
        .Rate(MlOps, 3, "Planned drift alerts and a rollback, but had only read about incidents.")
        .Recommend(Recommendation.Hire)
        .Build();

    public static Scorecard Stored(ScorecardDraft draft, ScorecardStatus status, int version, DateTimeOffset? submittedAt = null) => new(
        "interview-1",
        "candidate-1",
        InterviewerId,
        draft.Ratings,
        draft.Signals,
        draft.Recommendation,
        draft.PrivateNote,
        status,
        End,
        submittedAt ?? End,
        status == ScorecardStatus.Submitted ? submittedAt ?? End : null,
        version);

    public static PersonRequest PersonRequest(string id, string name) => new(id, name);

    public static InterviewRequest InterviewRequest(
        string? exercise = "ml-system-design-case",
        IReadOnlyList<string?>? focus = null,
        DateTimeOffset? start = null,
        DateTimeOffset? end = null,
        DateTimeOffset? feedbackDue = null,
        PersonRequest? interviewer = null) => new(
            interviewer ?? PersonRequest(InterviewerId, "Priya Shah"),
            exercise,
            focus,
            start ?? Start,
            end ?? End,
            feedbackDue);

    /// <summary>The example request from the issue that asked for loop set-up over the REST API.</summary>
    public static LoopRequest LoopRequest(
        string? template = TemplateCatalog.DefaultTemplateId,
        IReadOnlyList<InterviewRequest?>? interviews = null,
        IReadOnlyList<PersonRequest?>? recruiters = null,
        CandidateRequest? candidate = null) => new(
            candidate ?? new CandidateRequest("Jordan Lee", "ats-4411"),
            template,
            recruiters ?? [PersonRequest("aad-recruiter-1", "Sam Recruiter")],
            [PersonRequest("aad-manager-1", "Alex Manager")],
            interviews ?? [InterviewRequest(focus: [Design, MlOps])]);

    /// <summary>Hands out predictable ids so a test can tell the candidate, loop and interview apart.</summary>
    public static Func<string> Ids()
    {
        var next = 0;
        return () => $"id-{++next}";
    }
}

/// <summary>Builds what an interviewer typed on the card, one field at a time.</summary>
internal sealed class DraftBuilder
{
    private readonly List<DimensionRating> _ratings = [];
    private readonly List<string> _signals = [];
    private Recommendation? _recommendation;
    private string _note = string.Empty;

    public DraftBuilder Rate(string dimensionId, int score, string evidence = "Walked through a concrete example.")
    {
        _ratings.Add(new DimensionRating(dimensionId, score, false, evidence));
        return this;
    }

    public DraftBuilder NotAssessed(string dimensionId, string evidence = "")
    {
        _ratings.Add(new DimensionRating(dimensionId, null, true, evidence));
        return this;
    }

    public DraftBuilder Rating(DimensionRating rating)
    {
        _ratings.Add(rating);
        return this;
    }

    public DraftBuilder Signal(params string[] ids)
    {
        _signals.AddRange(ids);
        return this;
    }

    public DraftBuilder Recommend(Recommendation recommendation)
    {
        _recommendation = recommendation;
        return this;
    }

    public DraftBuilder Note(string note)
    {
        _note = note;
        return this;
    }

    public ScorecardDraft Build() => new([.. _ratings], [.. _signals], _recommendation, _note);
}
