using InterviewBot.Domain.Debriefs;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;

namespace InterviewBot.Domain.Tests.Debriefs;

/// <summary>Builds a candidate's loop one interview and one scorecard at a time, and aggregates it.</summary>
internal sealed class DebriefLoop
{
    // The other dimension ids of the shipped template, beside Build.Design, Build.MlOps and Build.Communication.
    public const string Production = "production-engineering";
    public const string Judgment = "applied-ml-judgment";
    public const string Data = "data-engineering-collaboration";
    public const string Leadership = "leadership";

    /// <summary>The morning of the first interview; later interviews start an hour apart.</summary>
    public static readonly DateTimeOffset Day = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private readonly List<Interview> _interviews = [];
    private readonly List<Scorecard> _scorecards = [];
    private readonly Dictionary<string, NotHeldReason> _notHeld = new(StringComparer.Ordinal);

    public Candidate Candidate { get; set; } = new("candidate-1", "Jordan Lee", "ats-4411", Day.AddDays(-7));

    public CalibrationHistory History { get; set; } = CalibrationHistory.Empty;

    public DebriefPosting? LastPosting { get; set; }

    /// <summary>Two days after the interviews: a day past the usual feedback deadline.</summary>
    public DateTimeOffset Now { get; set; } = Day.AddDays(2);

    public IReadOnlyList<Scorecard> Scorecards => _scorecards;

    /// <summary>Adds a design-case interview run by <paramref name="name"/>, rating <paramref name="focus"/> (the exercise's focus when empty).</summary>
    public Interview Interview(string name, params string[] focus) => Add(name, "ml-system-design-case", focus);

    /// <summary>Adds an interview of another exercise, rating that exercise's focus.</summary>
    public Interview ExerciseInterview(string name, string exerciseId) => Add(name, exerciseId, []);

    private Interview Add(string name, string exerciseId, string[] focus)
    {
        var n = _interviews.Count + 1;
        var start = Day.AddHours(n - 1);
        var interview = new Interview(
            $"interview-{n}",
            "loop-1",
            Candidate.Id,
            new Person($"aad-{n}", name),
            exerciseId,
            focus.Length > 0 ? focus : Build.Template.FindExercise(exerciseId)!.Focus,
            start,
            start.AddHours(1),
            start.AddHours(1) + global::InterviewBot.Domain.Hiring.Interview.DefaultFeedbackWindow);
        _interviews.Add(interview);
        return interview;
    }

    /// <summary>Adds an interview as it is, for tests about ordering and dates.</summary>
    public Interview Add(Interview interview)
    {
        _interviews.Add(interview);
        return interview;
    }

    /// <summary>Submits <paramref name="draft"/> for <paramref name="interview"/>, as the next version of its scorecard.</summary>
    public Scorecard Submit(Interview interview, DraftBuilder draft) => Save(interview, draft, ScorecardStatus.Submitted);

    public Scorecard SaveDraft(Interview interview, DraftBuilder draft) => Save(interview, draft, ScorecardStatus.Draft);

    public void MarkNotHeld(Interview interview, NotHeldReason reason) => _notHeld[interview.Id] = reason;

    public DebriefInput Input() => new(
        Build.Template,
        Candidate,
        new HiringLoop("loop-1", Candidate.Id, Build.Template.Id, [new Person("aad-recruiter", "Sam Recruiter")], [new Person("aad-manager", "Alex Manager")], Day.AddDays(-7)),
        [.. _interviews],
        [.. _scorecards],
        new Dictionary<string, NotHeldReason>(_notHeld, StringComparer.Ordinal),
        History,
        LastPosting,
        Now);

    public Debrief Aggregate() => DebriefAggregator.Aggregate(Input());

    private Scorecard Save(Interview interview, DraftBuilder draft, ScorecardStatus status)
    {
        var built = draft.Build();
        var previous = _scorecards.Where(s => s.InterviewId == interview.Id).MaxBy(s => s.Version);
        var at = interview.End.AddHours(1 + _scorecards.Count);
        var scorecard = new Scorecard(
            interview.Id,
            interview.CandidateId,
            interview.Interviewer.AadObjectId,
            built.Ratings,
            built.Signals,
            built.Recommendation,
            built.PrivateNote,
            status,
            previous?.CreatedAt ?? at,
            at,
            status == ScorecardStatus.Submitted ? previous?.SubmittedAt ?? at : null,
            (previous?.Version ?? 0) + 1);
        _scorecards.Add(scorecard);
        return scorecard;
    }
}
