namespace InterviewBot.Domain.Templates;

/// <summary>A role's scorecard: the dimensions interviewers rate, the exercises they run and the signals they may pick.</summary>
public sealed record ScorecardTemplate(
    string Id,
    string Role,
    string Summary,
    IReadOnlyList<Dimension> Dimensions,
    IReadOnlyList<Exercise> Exercises,
    IReadOnlyList<Signal> Signals)
{
    public Dimension? FindDimension(string id) => Dimensions.FirstOrDefault(d => d.Id == id);

    public Exercise? FindExercise(string id) => Exercises.FirstOrDefault(e => e.Id == id);

    public Signal? FindSignal(string id) => Signals.FirstOrDefault(s => s.Id == id);
}

/// <summary>One rated dimension, with a described rubric for every level from 1 to 5.</summary>
public sealed record Dimension(string Id, string Name, string Assesses, IReadOnlyList<string> Levels)
{
    public const int MinScore = 1;
    public const int MaxScore = 5;

    /// <summary>The rubric line for a score between 1 and 5.</summary>
    public string Describe(int score) => Levels[score - MinScore];
}

/// <summary>An interview exercise and the dimensions it assesses unless a loop says otherwise.</summary>
public sealed record Exercise(string Id, string Name, string Description, IReadOnlyList<string> Focus);

/// <summary>Whether a signal counts for or against the candidate.</summary>
public enum SignalKind
{
    Strong,
    Weak,
    RedFlag,
}

/// <summary>An observation an interviewer can tick on the scorecard.</summary>
public sealed record Signal(string Id, SignalKind Kind, string Text);
