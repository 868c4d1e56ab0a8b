using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Templates;

namespace InterviewBot.Domain.Scorecards;

/// <summary>The result of asking to save or submit a scorecard.</summary>
public abstract record ScorecardOutcome
{
    /// <summary>The change was applied; store <paramref name="Scorecard"/>.</summary>
    public sealed record Saved(Scorecard Scorecard) : ScorecardOutcome;

    /// <summary>Nothing to store: the same request was already applied (a redelivery or a repeated click).</summary>
    public sealed record Unchanged(Scorecard Scorecard) : ScorecardOutcome;

    /// <summary>The input breaks a rule; nothing changes and the card shows the errors next to the fields.</summary>
    public sealed record Rejected(IReadOnlyList<FieldError> Errors) : ScorecardOutcome;

    /// <summary>The card was rendered from an older version than the stored one; show the stored one instead.</summary>
    public sealed record Stale(Scorecard Current) : ScorecardOutcome;

    /// <summary>A draft save arrived for a scorecard that is already submitted.</summary>
    public sealed record AlreadySubmitted(Scorecard Current) : ScorecardOutcome;
}

/// <summary>The rules of structured feedback: what a draft may hold, what a submission must hold, and how versions move.</summary>
public static class ScorecardRules
{
    /// <summary>Checks what any save must respect: known dimensions and signals, scores in range, text sizes.</summary>
    public static IReadOnlyList<FieldError> ValidateShape(ScorecardTemplate template, Interview interview, ScorecardDraft draft)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(interview);
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<FieldError>();
        foreach (var rating in draft.Ratings)
        {
            if (!interview.Focus.Contains(rating.DimensionId))
            {
                errors.Add(new FieldError(ScorecardFields.Rating(rating.DimensionId), $"'{rating.DimensionId}' is not a focus dimension of this interview."));
                continue;
            }

            if (rating.Score is { } score && (score < Dimension.MinScore || score > Dimension.MaxScore))
            {
                errors.Add(new FieldError(ScorecardFields.Rating(rating.DimensionId), $"Choose a score from {Dimension.MinScore} to {Dimension.MaxScore}."));
            }

            if (rating.Score is not null && rating.NotAssessed)
            {
                errors.Add(new FieldError(ScorecardFields.Rating(rating.DimensionId), "Choose either a score or \"not assessed\", not both."));
            }

            if (rating.Evidence.Length > ScorecardLimits.EvidenceMaxLength)
            {
                errors.Add(new FieldError(ScorecardFields.Evidence(rating.DimensionId), $"Evidence is limited to {ScorecardLimits.EvidenceMaxLength} characters; this has {rating.Evidence.Length}."));
            }
        }

        foreach (var twice in draft.Ratings.GroupBy(r => r.DimensionId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new FieldError(ScorecardFields.Rating(twice.Key), "This dimension was rated twice; keep one rating."));
        }

        var unknownSignals = draft.Signals.Where(s => template.FindSignal(s) is null).ToList();
        if (unknownSignals.Count > 0)
        {
            // Echo only a little of what was sent: these ids come from the client.
            var shown = unknownSignals.Take(3).Select(u => u.Length > 40 ? u[..40] + "…" : u);
            errors.Add(new FieldError(ScorecardFields.Signals, $"Unknown signal: {string.Join(", ", shown)}{(unknownSignals.Count > 3 ? " and more" : string.Empty)}."));
        }

        if (draft.PrivateNote.Length > ScorecardLimits.PrivateNoteMaxLength)
        {
            errors.Add(new FieldError(ScorecardFields.PrivateNote, $"The private note is limited to {ScorecardLimits.PrivateNoteMaxLength} characters; this has {draft.PrivateNote.Length}."));
        }

        return errors;
    }

    /// <summary>Checks what a submission must hold: every focus dimension decided, evidence for every score, a recommendation.</summary>
    public static IReadOnlyList<FieldError> ValidateForSubmit(ScorecardTemplate template, Interview interview, ScorecardDraft draft)
    {
        var errors = ValidateShape(template, interview, draft).ToList();
        foreach (var dimensionId in interview.Focus)
        {
            var rating = draft.Ratings.FirstOrDefault(r => r.DimensionId == dimensionId) ?? DimensionRating.Empty(dimensionId);
            var name = template.FindDimension(dimensionId)?.Name ?? dimensionId;
            if (rating.Score is null && !rating.NotAssessed)
            {
                errors.Add(new FieldError(ScorecardFields.Rating(dimensionId), $"Rate {name} from 1 to 5, or mark it not assessed."));
            }
            else if (rating.Score is not null && string.IsNullOrWhiteSpace(rating.Evidence))
            {
                errors.Add(new FieldError(ScorecardFields.Evidence(dimensionId), $"Write the evidence behind your {name} score: what the candidate said or did."));
            }
        }

        if (draft.Recommendation is null)
        {
            errors.Add(new FieldError(ScorecardFields.Recommendation, "Choose an overall recommendation."));
        }

        return errors;
    }

    /// <summary>Saves a draft. <paramref name="baseVersion"/> is the version the card was rendered from (0 before the first save).</summary>
    public static ScorecardOutcome SaveDraft(
        ScorecardTemplate template, Interview interview, Scorecard? current, ScorecardDraft draft, int baseVersion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(interview);
        var normalized = Normalize(template, interview, draft);
        if (current is { Status: ScorecardStatus.Submitted })
        {
            return new ScorecardOutcome.AlreadySubmitted(current);
        }

        if (current is not null && SameContent(current, normalized))
        {
            return new ScorecardOutcome.Unchanged(current);
        }

        if (current is not null && current.Version != baseVersion)
        {
            return new ScorecardOutcome.Stale(current);
        }

        var errors = ValidateShape(template, interview, normalized);
        if (errors.Count > 0)
        {
            return new ScorecardOutcome.Rejected(errors);
        }

        return new ScorecardOutcome.Saved(Apply(interview, current, normalized, ScorecardStatus.Draft, now));
    }

    /// <summary>Submits, or resubmits after an edit. A repeat of a submission already applied changes nothing.</summary>
    public static ScorecardOutcome Submit(
        ScorecardTemplate template, Interview interview, Scorecard? current, ScorecardDraft draft, int baseVersion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(interview);
        var normalized = Normalize(template, interview, draft);
        if (current is { Status: ScorecardStatus.Submitted } && SameContent(current, normalized))
        {
            return new ScorecardOutcome.Unchanged(current);
        }

        if (current is not null && current.Version != baseVersion)
        {
            return new ScorecardOutcome.Stale(current);
        }

        var errors = ValidateForSubmit(template, interview, normalized);
        if (errors.Count > 0)
        {
            return new ScorecardOutcome.Rejected(errors);
        }

        return new ScorecardOutcome.Saved(Apply(interview, current, normalized, ScorecardStatus.Submitted, now));
    }

    /// <summary>Puts a draft in a canonical form: focus order, trimmed text, signals in template order, no duplicates.</summary>
    public static ScorecardDraft Normalize(ScorecardTemplate template, Interview interview, ScorecardDraft draft)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(interview);
        ArgumentNullException.ThrowIfNull(draft);
        var ratings = draft.Ratings
            .Select(r => r with { Evidence = (r.Evidence ?? string.Empty).Trim() })
            .Where(r => r.Score is not null || r.NotAssessed || r.Evidence.Length > 0 || !interview.Focus.Contains(r.DimensionId))
            .OrderBy(r => IndexOrEnd(interview.Focus, r.DimensionId))
            .ThenBy(r => r.DimensionId, StringComparer.Ordinal)
            .ToList();
        var signals = draft.Signals
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(s => IndexOrEnd(template.Signals.Select(x => x.Id).ToList(), s))
            .ThenBy(s => s, StringComparer.Ordinal)
            .ToList();
        return new ScorecardDraft(ratings, signals, draft.Recommendation, (draft.PrivateNote ?? string.Empty).Trim());
    }

    private static int IndexOrEnd(IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == item)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static bool SameContent(Scorecard current, ScorecardDraft draft) =>
        current.Ratings.SequenceEqual(draft.Ratings)
        && current.Signals.SequenceEqual(draft.Signals, StringComparer.Ordinal)
        && current.Recommendation == draft.Recommendation
        && current.PrivateNote == draft.PrivateNote;

    private static Scorecard Apply(Interview interview, Scorecard? current, ScorecardDraft draft, ScorecardStatus status, DateTimeOffset now) =>
        new(
            interview.Id,
            interview.CandidateId,
            interview.Interviewer.AadObjectId,
            draft.Ratings,
            draft.Signals,
            draft.Recommendation,
            draft.PrivateNote,
            status,
            current?.CreatedAt ?? now,
            now,
            // The first submission is what counts for lateness; later edits move UpdatedAt only.
            status == ScorecardStatus.Submitted ? current?.SubmittedAt ?? now : current?.SubmittedAt,
            (current?.Version ?? 0) + 1);
}
