using System.Globalization;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;
using InterviewBot.Teams.Cards;

namespace InterviewBot.Cards;

/// <summary>The verbs of the scorecard card's Action.Execute buttons.</summary>
internal static class ScorecardVerbs
{
    public const string Save = "scorecard.save";
    public const string Submit = "scorecard.submit";
    public const string Edit = "scorecard.edit";
    public const string Open = "scorecard.open";
}

/// <summary>What a scorecard card is about: the interview and what surrounds it.</summary>
internal sealed record ScorecardSubject(Candidate Candidate, Interview Interview, ScorecardTemplate Template, string? TimeZone)
{
    public Exercise? Exercise => Template.FindExercise(Interview.ExerciseId);
}

/// <summary>How a banner at the top of a card reads.</summary>
internal enum BannerTone
{
    Info,
    Good,
    Warning,
}

/// <summary>A one-line message at the top of a card: what just happened.</summary>
internal sealed record Banner(string Text, BannerTone Tone = BannerTone.Info);

/// <summary>Builds the scorecard cards: the form an interviewer fills in and the read-only view after submitting.</summary>
internal static class ScorecardCard
{
    /// <summary>
    /// The editable form, showing <paramref name="values"/> (what is stored, or what was just typed) and any
    /// <paramref name="errors"/> next to their fields. <paramref name="baseVersion"/> travels with the buttons so a
    /// stale card is detected.
    /// </summary>
    public static AdaptiveCard Form(ScorecardSubject subject, ScorecardDraft values, int baseVersion, IReadOnlyList<FieldError> errors, Banner? banner, bool editingSubmitted = false)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(errors);
        var body = new List<AdaptiveElement>();
        body.AddRange(Header(subject, editingSubmitted ? "Edit your scorecard" : "Scorecard"));
        if (errors.Count > 0)
        {
            body.Add(BannerBlock(new Banner(errors.Count == 1 ? "One thing needs fixing before you submit (see below). Everything you typed is kept." : $"{errors.Count} things need fixing before you submit (see below). Everything you typed is kept.", BannerTone.Warning)));
        }
        else if (banner is not null)
        {
            body.Add(BannerBlock(banner));
        }

        // Errors about fields this card has no input for (a forged or outdated field) are shown at the top.
        var shownFields = subject.Interview.Focus.SelectMany(d => new[] { ScorecardFields.Rating(d), ScorecardFields.Evidence(d) })
            .Concat([ScorecardFields.Signals, ScorecardFields.Recommendation, ScorecardFields.PrivateNote])
            .ToHashSet(StringComparer.Ordinal);
        body.AddRange(errors.Where(e => !shownFields.Contains(e.Field)).Select(e => ErrorBlock(e.Message)));

        body.Add(new TextBlock("Score only what you observed. Nobody sees your feedback until you submit, and you see nobody else's.") { Wrap = true, IsSubtle = true, Size = TextSize.Small });
        foreach (var dimensionId in subject.Interview.Focus)
        {
            var dimension = subject.Template.FindDimension(dimensionId);
            if (dimension is not null)
            {
                body.Add(DimensionInputs(dimension, values.Ratings.FirstOrDefault(r => r.DimensionId == dimensionId) ?? DimensionRating.Empty(dimensionId), errors));
            }
        }

        body.Add(SignalsInput(subject.Template, values.Signals, errors));
        body.Add(new Container([
            new InputChoiceSet(ScorecardFields.Recommendation, [.. Enum.GetValues<Recommendation>().Reverse().Select(r => new Choice(r.Display(), r.ToString()))])
            {
                Label = "Overall recommendation",
                Style = ChoiceInputStyle.Expanded,
                Value = values.Recommendation?.ToString(),
            },
            .. ErrorsFor(ScorecardFields.Recommendation, errors),
        ]) { Separator = true, Spacing = Spacing.Large });
        body.Add(new Container([
            new InputText(ScorecardFields.PrivateNote)
            {
                Label = "Private note for the recruiter (optional; never shown to other interviewers or in the debrief)",
                IsMultiline = true,
                MaxLength = ScorecardLimits.PrivateNoteMaxLength,
                Value = values.PrivateNote,
            },
            .. ErrorsFor(ScorecardFields.PrivateNote, errors),
        ]));

        var data = ActionData(subject.Interview.Id, baseVersion);
        var actions = new List<AdaptiveAction>();
        if (!editingSubmitted)
        {
            actions.Add(new ActionExecute { Title = "Save draft", Verb = ScorecardVerbs.Save, Data = data, AssociatedInputs = AssociatedInputs.Auto });
        }

        actions.Add(new ActionExecute { Title = editingSubmitted ? "Submit changes" : "Submit", Verb = ScorecardVerbs.Submit, Data = data, AssociatedInputs = AssociatedInputs.Auto, Style = ActionStyle.Positive });
        return Card(body, actions, $"Scorecard for {subject.Candidate.Name}");
    }

    /// <summary>The read-only view of a submitted scorecard, with an Edit button.</summary>
    public static AdaptiveCard Submitted(ScorecardSubject subject, Scorecard scorecard, Banner? banner)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(scorecard);
        var body = new List<AdaptiveElement>();
        body.AddRange(Header(subject, "Scorecard submitted"));
        body.Add(BannerBlock(banner ?? new Banner($"Submitted {CardTime.Format(scorecard.SubmittedAt ?? scorecard.UpdatedAt, subject.TimeZone)}. Thank you.", BannerTone.Good)));
        foreach (var rating in scorecard.Ratings)
        {
            var dimension = subject.Template.FindDimension(rating.DimensionId);
            var name = dimension?.Name ?? rating.DimensionId;
            var score = rating.Score is { } s && dimension is not null
                ? $"{s}/5 · {dimension.Describe(s)}"
                : "Not assessed";
            var items = new List<AdaptiveElement>
            {
                new TextBlock(name) { Weight = TextWeight.Bolder, Wrap = true },
                new TextBlock(score) { Wrap = true, IsSubtle = rating.Score is null },
            };
            if (!string.IsNullOrWhiteSpace(rating.Evidence))
            {
                items.Add(UserText.Block(rating.Evidence, ScorecardLimits.EvidenceMaxLength));
            }

            body.Add(new Container(items) { Separator = true });
        }

        var signals = scorecard.Signals.Select(subject.Template.FindSignal).OfType<Signal>().ToList();
        body.Add(new TextBlock("Signals") { Weight = TextWeight.Bolder, Separator = true });
        body.Add(new TextBlock(signals.Count == 0 ? "None picked" : string.Join("\n", signals.Select(s => $"- {KindLabel(s.Kind)}: {s.Text}"))) { Wrap = true });
        body.Add(new FactSet([new Fact("Recommendation", scorecard.Recommendation?.Display() ?? "—")]) { Separator = true });
        if (!string.IsNullOrWhiteSpace(scorecard.PrivateNote))
        {
            body.Add(new TextBlock("Private note (only you and the recruiters see this)") { Weight = TextWeight.Bolder, Size = TextSize.Small });
            body.Add(UserText.Block(scorecard.PrivateNote, ScorecardLimits.PrivateNoteMaxLength, subtle: true));
        }

        var actions = new List<AdaptiveAction>
        {
            new ActionExecute { Title = "Edit", Verb = ScorecardVerbs.Edit, Data = ActionData(subject.Interview.Id, scorecard.Version) },
        };
        return Card(body, actions, $"Scorecard for {subject.Candidate.Name} submitted");
    }

    /// <summary>A small card that replaces a button's card when the action cannot be done, saying what to do instead.</summary>
    public static AdaptiveCard Notice(string title, string text, Banner? banner = null)
    {
        var body = new List<AdaptiveElement> { new TextBlock(title) { Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true, Style = TextBlockStyle.Heading } };
        if (banner is not null)
        {
            body.Add(BannerBlock(banner));
        }

        body.Add(new TextBlock(text) { Wrap = true });
        return Card(body, null, title);
    }

    public static Dictionary<string, object?> ActionData(string interviewId, int baseVersion) => new()
    {
        ["interviewId"] = interviewId,
        ["baseVersion"] = baseVersion,
    };

    internal static string KindLabel(SignalKind kind) => kind switch
    {
        SignalKind.Strong => "Strong",
        SignalKind.Weak => "Weak",
        SignalKind.RedFlag => "Red flag",
        _ => kind.ToString(),
    };

    private static IEnumerable<AdaptiveElement> Header(ScorecardSubject subject, string title)
    {
        yield return new TextBlock(title) { Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading };
        yield return UserText.Labelled("Candidate:", subject.Candidate.Name, 200);
        yield return new FactSet([
            new Fact("Role", subject.Template.Role),
            new Fact("Exercise", subject.Exercise?.Name ?? subject.Interview.ExerciseId),
            new Fact("Interview", CardTime.Range(subject.Interview.Start, subject.Interview.End, subject.TimeZone)),
            new Fact("Feedback due", CardTime.Format(subject.Interview.FeedbackDue, subject.TimeZone)),
        ]);
    }

    private static Container DimensionInputs(Dimension dimension, DimensionRating rating, IReadOnlyList<FieldError> errors)
    {
        var ratingId = ScorecardFields.Rating(dimension.Id);
        var evidenceId = ScorecardFields.Evidence(dimension.Id);
        var choices = Enumerable.Range(Dimension.MinScore, Dimension.MaxScore)
            .Reverse()
            .Select(score => new Choice($"{score} · {dimension.Describe(score)}", score.ToString(CultureInfo.InvariantCulture)))
            .Append(new Choice("Not assessed in this interview", ScorecardFields.NotAssessedValue))
            .ToList();
        var value = rating.Score?.ToString(CultureInfo.InvariantCulture) ?? (rating.NotAssessed ? ScorecardFields.NotAssessedValue : null);
        return new Container([
            new TextBlock(dimension.Name) { Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true },
            new TextBlock(dimension.Assesses) { Wrap = true, IsSubtle = true, Size = TextSize.Small },
            new InputChoiceSet(ratingId, choices) { Label = $"{dimension.Name}: your rating", Style = ChoiceInputStyle.Expanded, Wrap = true, Value = value },
            .. ErrorsFor(ratingId, errors),
            new InputText(evidenceId)
            {
                Label = "Evidence: what the candidate said or did",
                Placeholder = "Quote or describe what you observed; required for every score.",
                IsMultiline = true,
                MaxLength = ScorecardLimits.EvidenceMaxLength,
                Value = rating.Evidence,
            },
            .. ErrorsFor(evidenceId, errors),
        ]) { Separator = true, Spacing = Spacing.Large };
    }

    private static Container SignalsInput(ScorecardTemplate template, IReadOnlyList<string> selected, IReadOnlyList<FieldError> errors)
    {
        var choices = template.Signals.Select(s => new Choice($"{KindLabel(s.Kind)}: {s.Text}", s.Id)).ToList();
        return new Container([
            new InputChoiceSet(ScorecardFields.Signals, choices)
            {
                Label = "Signals you observed (optional)",
                Style = ChoiceInputStyle.Expanded,
                IsMultiSelect = true,
                Wrap = true,
                Value = selected.Count == 0 ? null : string.Join(',', selected),
            },
            .. ErrorsFor(ScorecardFields.Signals, errors),
        ]) { Separator = true, Spacing = Spacing.Large };
    }

    private static IEnumerable<AdaptiveElement> ErrorsFor(string field, IReadOnlyList<FieldError> errors) =>
        errors.Where(e => e.Field == field).Select(e => ErrorBlock(e.Message));

    // Error messages can quote what the client sent, so they are TextRuns, never markdown.
    private static RichTextBlock ErrorBlock(string message) =>
        new([new TextRun(UserText.Clean(message, 500)) { Color = TextColor.Attention, Size = TextSize.Small }]) { Spacing = Spacing.None };

    // A TextRun, not a TextBlock: banners may quote names, which must never be read as markdown.
    private static Container BannerBlock(Banner banner) =>
        new([new RichTextBlock([new TextRun(UserText.Clean(banner.Text, 1000)) { Weight = TextWeight.Bolder }])])
        {
            Style = banner.Tone switch
            {
                BannerTone.Good => ContainerStyle.Good,
                BannerTone.Warning => ContainerStyle.Attention,
                _ => ContainerStyle.Emphasis,
            },
        };

    private static AdaptiveCard Card(List<AdaptiveElement> body, List<AdaptiveAction>? actions, string fallback) => new()
    {
        Body = body,
        Actions = actions,
        FallbackText = fallback,
        MSTeams = new MSTeamsCardOptions { Width = "Full" },
    };
}
