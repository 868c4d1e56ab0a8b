using System.Globalization;
using System.Text;
using InterviewBot.Domain.Debriefs;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Teams.Cards;

namespace InterviewBot.Cards;

/// <summary>The verbs of the buttons on the "scorecards are missing" card.</summary>
internal static class DebriefVerbs
{
    /// <summary>Post the debrief now, labelled as partial in the channel.</summary>
    public const string PostPartial = "debrief.partial";

    /// <summary>Remind every interviewer whose scorecard is missing.</summary>
    public const string Remind = "debrief.remind";

    public const string LoopIdField = "loopId";
}

/// <summary>
/// The debrief as Teams shows it: the card posted to the hiring channel, and the card the requester gets while
/// scorecards are missing. Pure functions of a <see cref="Debrief"/>; every name, exercise, dimension and piece of
/// evidence is a TextRun, so nothing anyone typed is read as markdown or as a mention.
/// </summary>
internal static class DebriefCard
{
    /// <summary>
    /// The most the channel card may weigh as JSON. Teams refuses messages over about 28 KB, and the activity
    /// around the card needs some room too.
    /// </summary>
    public const int MaxCardBytes = 26 * 1024;

    private const int NameLength = 80;

    /// <summary>A red flag shows this many of the raiser's evidence excerpts; all of them are under the dimensions.</summary>
    private const int RedFlagEvidencePerReport = 2;

    /// <summary>
    /// How much the channel card shows, from everything down to a compact summary, tried in turn until it fits:
    /// evidence is shortened first; then only the evidence behind each dimension's lowest and highest score is
    /// kept, which is what a panel needs to weigh a spread; then evidence is left out; last, names are shortened and
    /// each dimension's scores share a line.
    /// </summary>
    private static readonly Detail[] Details =
    [
        new(Excerpt.DefaultLength, ExtremesOnly: false, NameLength, Compact: false),
        new(200, ExtremesOnly: false, NameLength, Compact: false),
        new(140, ExtremesOnly: false, NameLength, Compact: false),
        new(100, ExtremesOnly: false, NameLength, Compact: false),
        new(200, ExtremesOnly: true, NameLength, Compact: false),
        new(120, ExtremesOnly: true, NameLength, Compact: false),
        new(60, ExtremesOnly: true, NameLength, Compact: false),
        new(0, ExtremesOnly: false, 40, Compact: false),
        new(0, ExtremesOnly: false, 24, Compact: true),
    ];

    /// <summary>The debrief card for the hiring channel. Evidence is shortened as much as needed to stay under <see cref="MaxCardBytes"/>.</summary>
    public static AdaptiveCard ForChannel(Debrief debrief)
    {
        ArgumentNullException.ThrowIfNull(debrief);
        AdaptiveCard card = null!;
        foreach (var detail in Details)
        {
            card = Build(debrief, detail);
            if (Encoding.UTF8.GetByteCount(AdaptiveCardSerializer.Serialize(card)) <= MaxCardBytes)
            {
                break;
            }
        }

        return card;
    }

    /// <summary>
    /// The requester's card while scorecards are missing: who, for which interview, and how late, with buttons to
    /// post a partial debrief anyway or to remind them. Never shows a rating.
    /// </summary>
    public static AdaptiveCard Missing(Debrief debrief, string? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(debrief);
        var completion = debrief.Completion;
        var body = new List<AdaptiveElement>
        {
            new TextBlock(completion.Missing.Count == 1 ? "1 scorecard is missing" : $"{completion.Missing.Count} scorecards are missing") { Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            UserText.Labelled("Candidate:", debrief.Candidate.Name, 200),
            new TextBlock($"{completion.Submitted} of {completion.Expected} scorecards are in. A debrief posted now is labelled as partial in the channel, and anyone there who has not written their feedback yet will see the others' first.") { Wrap = true, IsSubtle = true },
        };
        foreach (var missing in completion.Missing)
        {
            body.Add(new RichTextBlock([
                new TextRun(UserText.Clean(missing.Panelist.Interviewer.Name, NameLength)) { Weight = TextWeight.Bolder },
                new TextRun(" · " + UserText.Clean(missing.Panelist.ExerciseName, 200)),
                missing.IsLate
                    ? new TextRun($" · overdue by {Lateness.Describe(missing.Late)}") { Color = TextColor.Attention }
                    : new TextRun($" · due {CardTime.Format(missing.FeedbackDue, timeZone)}") { IsSubtle = true },
            ]) { Separator = true });
        }

        var data = new Dictionary<string, object?> { [DebriefVerbs.LoopIdField] = debrief.LoopId };
        return new AdaptiveCard
        {
            Body = body,
            Actions =
            [
                new ActionExecute { Title = "Post partial debrief", Verb = DebriefVerbs.PostPartial, Data = data },
                new ActionExecute { Title = "Remind them", Verb = DebriefVerbs.Remind, Data = data, Style = ActionStyle.Positive },
            ],
            FallbackText = "Scorecards are missing for " + UserText.Clean(debrief.Candidate.Name, 100),
            MSTeams = new MSTeamsCardOptions { Width = "Full" },
        };
    }

    /// <summary>A mean as the card writes it, one decimal: "3.5".</summary>
    public static string FormatMean(double mean) => DimensionSummary.RoundForDisplay(mean).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>How a tally line starts: "Strong Hire: 2".</summary>
    public static string TallyLabel(RecommendationTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return $"{tally.Recommendation.Display()}: {tally.Count}";
    }

    private static AdaptiveCard Build(Debrief debrief, Detail detail)
    {
        var body = new List<AdaptiveElement>();
        body.AddRange(Header(debrief, detail));
        body.AddRange(Completion(debrief, detail));
        body.AddRange(Recommendations(debrief, detail));
        if (MeansChart(debrief) is { } chart)
        {
            body.Add(chart);
        }

        body.AddRange(Dimensions(debrief, detail));
        body.AddRange(CoverageGaps(debrief));
        body.AddRange(RedFlags(debrief, detail));
        body.AddRange(Signals("Strong signals", "signals.strong", debrief.StrongSignals, detail));
        body.AddRange(Signals("Weak signals", "signals.weak", debrief.WeakSignals, detail));
        body.AddRange(NotHeld(debrief, detail));
        var footer = "Scores run from 1 to 5. Private notes are never shown here.";
        footer += detail switch
        {
            { ExcerptLength: 0 } => " Evidence is left out so that the debrief fits in one Teams message.",
            { ExtremesOnly: true } => " Evidence is shortened, and shown for each dimension's lowest and highest score only, so that the debrief fits in one Teams message.",
            { ExcerptLength: < Excerpt.DefaultLength } => " Evidence is shortened so that the debrief fits in one Teams message.",
            _ => string.Empty,
        };

        body.Add(new TextBlock(footer) { Wrap = true, IsSubtle = true, Size = TextSize.Small, Separator = true, Spacing = Spacing.Large });
        var candidate = UserText.Clean(debrief.Candidate.Name, 100);
        return new AdaptiveCard
        {
            Body = body,
            FallbackText = (debrief.IsPartial ? "Partial debrief: " : "Debrief: ") + candidate,
            MSTeams = new MSTeamsCardOptions { Width = "Full" },
        };
    }

    private static IEnumerable<AdaptiveElement> Header(Debrief debrief, Detail detail)
    {
        yield return new TextBlock(debrief.IsPartial ? "Partial debrief" : "Debrief") { Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading };
        yield return UserText.Labelled("Candidate:", debrief.Candidate.Name, 200);
        yield return new RichTextBlock([
            new TextRun(UserText.Clean(debrief.Role, 200)),
            new TextRun(" · " + LoopDates(debrief.FirstInterviewStart, debrief.LastInterviewEnd)) { IsSubtle = true },
        ]) { Spacing = Spacing.None };
        if (debrief.IsPartial)
        {
            var completion = debrief.Completion;
            yield return new Container([
                new TextBlock($"Partial debrief — {completion.Submitted} of {completion.Expected} scorecards") { Weight = TextWeight.Bolder, Wrap = true },
                new RichTextBlock([
                    new TextRun("Still missing: "),
                    new TextRun(Names(completion.Missing.Select(m => m.Panelist), detail)),
                ]) { Spacing = Spacing.None },
            ]) { Id = "partial", Style = ContainerStyle.Warning };
        }

        if (debrief.ChangedSincePosted)
        {
            yield return new Container([
                new TextBlock("Updated: a scorecard changed after the debrief was posted") { Weight = TextWeight.Bolder, Wrap = true },
                new RichTextBlock([.. debrief.ChangedAfterPosting.SelectMany((c, i) => new[]
                {
                    new TextRun((i == 0 ? string.Empty : "; ") + Name(c.Panelist, detail)) { Weight = TextWeight.Bolder },
                    new TextRun(c.PostedVersion is null ? " submitted after posting" : " edited after posting"),
                })]) { Spacing = Spacing.None },
            ]) { Id = "changed", Style = ContainerStyle.Accent };
        }
    }

    private static IEnumerable<AdaptiveElement> Completion(Debrief debrief, Detail detail)
    {
        var completion = debrief.Completion;
        yield return Heading("Scorecards");
        yield return new TextBlock($"{completion.Submitted} of {completion.Expected} submitted") { Id = "completion", Wrap = true, Spacing = Spacing.None };
        foreach (var missing in completion.Missing)
        {
            yield return new RichTextBlock([
                new TextRun(Name(missing.Panelist, detail)) { Weight = TextWeight.Bolder },
                new TextRun(" · " + UserText.Clean(missing.Panelist.ExerciseName, 200)),
                missing.IsLate
                    ? new TextRun($" · overdue by {Lateness.Describe(missing.Late)}") { Color = TextColor.Attention }
                    : new TextRun(" · not due yet") { IsSubtle = true },
            ]) { Spacing = Spacing.Small };
        }
    }

    private static IEnumerable<AdaptiveElement> Recommendations(Debrief debrief, Detail detail)
    {
        yield return Heading("Overall recommendations");
        foreach (var tally in debrief.Recommendations)
        {
            var inlines = new List<TextRun> { new(TallyLabel(tally)) { Weight = TextWeight.Bolder, IsSubtle = tally.Count == 0 ? true : null } };
            if (tally.Count > 0)
            {
                inlines.Add(new TextRun(" · " + Names(tally.By, detail)));
            }

            yield return new RichTextBlock(inlines) { Id = "tally." + tally.Recommendation, Spacing = Spacing.Small };
        }
    }

    // A Teams chart of the means, with the same numbers as a plain list for clients that have no charts.
    private static VerticalBarChart? MeansChart(Debrief debrief)
    {
        var scored = debrief.Dimensions.Where(d => d.DisplayMean is not null).ToList();
        if (scored.Count == 0)
        {
            return null;
        }

        var fallback = new Container([
            new TextBlock("Mean score per dimension") { Weight = TextWeight.Bolder, Wrap = true },
            .. scored.Select(d => new RichTextBlock([new TextRun(UserText.Clean(d.Name, 200) + ": "), new TextRun(FormatMean(d.Mean!.Value)) { Weight = TextWeight.Bolder }]) { Spacing = Spacing.None }),
        ]) { Id = "means-list" };
        return new VerticalBarChart([.. scored.Select(d => new BarChartPoint(UserText.Clean(d.Name, 200), d.DisplayMean!.Value))])
        {
            Id = "means-chart",
            Title = "Mean score per dimension (1–5)",
            YAxisTitle = "Mean",
            ShowBarValues = true,
            Separator = true,
            Spacing = Spacing.Large,
            Fallback = ElementFallback.To(fallback),
        };
    }

    private static IEnumerable<AdaptiveElement> Dimensions(Debrief debrief, Detail detail)
    {
        yield return Heading("By dimension");
        foreach (var dimension in debrief.Dimensions)
        {
            var items = new List<AdaptiveElement>
            {
                new RichTextBlock([
                    new TextRun(UserText.Clean(dimension.Name, 200)) { Weight = TextWeight.Bolder },
                    new TextRun(" · " + Summary(dimension)) { IsSubtle = dimension.Mean is null ? true : null },
                ]),
            };
            if (dimension.HasDisagreement)
            {
                items.Add(new TextBlock("⚠ Disagreement: " + DisagreementText(dimension)) { Color = TextColor.Attention, Weight = TextWeight.Bolder, Wrap = true, Spacing = Spacing.None });
            }

            if (detail.Compact && dimension.Entries.Count > 0)
            {
                items.Add(new RichTextBlock([new TextRun(string.Join(" · ", dimension.Entries.Select(e =>
                    $"{Name(e.Panelist, detail)} {(e.Score is { } score ? score.ToString(CultureInfo.InvariantCulture) + "/5" : "not assessed")}"
                    + (e.Calibration is { } hint ? $" ({Tendency(hint)})" : string.Empty))))]) { Spacing = Spacing.Small });
            }
            else
            {
                var withEvidence = detail.ExtremesOnly
                    ? new[] { dimension.Entries.FirstOrDefault(e => e.Score == dimension.Min), dimension.Entries.FirstOrDefault(e => e.Score == dimension.Max) }.OfType<DimensionEntry>().ToHashSet()
                    : null;
                items.AddRange(dimension.Entries.Select(e => Entry(e, detail, showEvidence: withEvidence?.Contains(e) ?? true)));
            }

            yield return new Container(items) { Id = "dimension." + dimension.DimensionId, Separator = true };
        }
    }

    // One paragraph per interviewer: name, score, calibration hint, then their evidence in small print. One block
    // rather than two keeps a panel of eight within the message size with evidence still showing.
    private static RichTextBlock Entry(DimensionEntry entry, Detail detail, bool showEvidence)
    {
        var line = new List<TextRun>
        {
            new(Name(entry.Panelist, detail)) { Weight = TextWeight.Bolder },
            new(entry.Score is { } score ? $" {score}/5" : " not assessed") { IsSubtle = entry.NotAssessed ? true : null },
        };
        if (entry.Calibration is { } hint)
        {
            line.Add(new TextRun(" · " + Tendency(hint)) { Italic = true, IsSubtle = true });
        }

        if (showEvidence && detail.ExcerptLength > 0 && Excerpt.Of(entry.Excerpt, detail.ExcerptLength) is { Length: > 0 } excerpt)
        {
            line.Add(new TextRun(" — " + excerpt) { IsSubtle = true, Size = TextSize.Small });
        }

        return new RichTextBlock(line);
    }

    private static IEnumerable<AdaptiveElement> CoverageGaps(Debrief debrief)
    {
        if (debrief.CoverageGaps.Count == 0)
        {
            yield break;
        }

        yield return Heading("Not assessed by any interview");
        foreach (var gap in debrief.CoverageGaps)
        {
            var why = gap.Reason switch
            {
                CoverageGapReason.AwaitingScorecards => gap.AwaitingCount == 1 ? "waiting for 1 scorecard" : $"waiting for {gap.AwaitingCount} scorecards",
                CoverageGapReason.MarkedNotAssessed => gap.NotAssessedCount == 1 ? "marked not assessed by 1 interviewer" : $"marked not assessed by {gap.NotAssessedCount} interviewers",
                _ => "in no interview's focus",
            };
            yield return new RichTextBlock([
                new TextRun(UserText.Clean(gap.Name, 200)) { Weight = TextWeight.Bolder },
                new TextRun(" · " + why) { IsSubtle = true },
            ]) { Id = "gap." + gap.DimensionId, Spacing = Spacing.Small };
        }
    }

    private static IEnumerable<AdaptiveElement> RedFlags(Debrief debrief, Detail detail)
    {
        if (debrief.RedFlags.Count == 0)
        {
            yield break;
        }

        yield return new TextBlock($"Red flags ({debrief.RedFlags.Count})") { Weight = TextWeight.Bolder, Size = TextSize.Medium, Color = TextColor.Attention, Wrap = true, Separator = true, Spacing = Spacing.Large };
        foreach (var flag in debrief.RedFlags)
        {
            var items = new List<AdaptiveElement>
            {
                new RichTextBlock([new TextRun(UserText.Clean(flag.Text, 300)) { Weight = TextWeight.Bolder }]),
            };
            if (detail.ExcerptLength == 0)
            {
                // Without evidence, one line says who raised it.
                items.Add(new RichTextBlock([new TextRun("Raised by "), new TextRun(Names(flag.Reports.Select(r => r.RaisedBy), detail)) { Weight = TextWeight.Bolder }]) { Spacing = Spacing.Small });
            }
            else
            {
                foreach (var report in flag.Reports)
                {
                    items.Add(new RichTextBlock([
                        new TextRun("Raised by "),
                        new TextRun(Name(report.RaisedBy, detail)) { Weight = TextWeight.Bolder },
                        new TextRun(" · " + UserText.Clean(report.RaisedBy.ExerciseName, 200)) { IsSubtle = true },
                    ]) { Spacing = Spacing.Small });
                    // The lowest scores are most likely what the red flag rests on; the rest is in the dimensions above.
                    var shown = report.Evidence.OrderBy(e => e.Score ?? int.MaxValue).Take(detail.ExtremesOnly ? 1 : RedFlagEvidencePerReport).ToList();
                    items.AddRange(shown.Select(evidence => new RichTextBlock([
                        new TextRun(UserText.Clean(evidence.DimensionName, 200) + (evidence.Score is { } score ? $" ({score}/5)" : " (not assessed)") + ": ") { Size = TextSize.Small, Weight = TextWeight.Bolder },
                        new TextRun(Excerpt.Of(evidence.Excerpt, detail.ExcerptLength)) { Size = TextSize.Small },
                    ]) { Spacing = Spacing.None }));
                    if (report.Evidence.Count > shown.Count)
                    {
                        var more = report.Evidence.Count - shown.Count;
                        items.Add(new TextBlock(more == 1 ? "+ evidence on 1 more dimension, shown above" : $"+ evidence on {more} more dimensions, shown above") { IsSubtle = true, Size = TextSize.Small, Wrap = true, Spacing = Spacing.None });
                    }
                }
            }

            yield return new Container(items) { Id = "redflag." + flag.SignalId, Style = ContainerStyle.Attention };
        }
    }

    private static IEnumerable<AdaptiveElement> Signals(string title, string id, IReadOnlyList<SignalTally> signals, Detail detail)
    {
        if (signals.Count == 0)
        {
            yield break;
        }

        yield return Heading(title, id);
        foreach (var signal in signals)
        {
            yield return new RichTextBlock([
                new TextRun(UserText.Clean(signal.Text, 300)),
                new TextRun(" · " + Names(signal.By, detail)) { IsSubtle = true },
            ]) { Spacing = Spacing.Small };
        }
    }

    private static IEnumerable<AdaptiveElement> NotHeld(Debrief debrief, Detail detail)
    {
        if (debrief.NotHeld.Count == 0)
        {
            yield break;
        }

        yield return Heading("Interviews that did not happen", "notheld");
        foreach (var interview in debrief.NotHeld)
        {
            yield return new RichTextBlock([
                new TextRun(Name(interview.Panelist, detail)) { Weight = TextWeight.Bolder },
                new TextRun(" · " + UserText.Clean(interview.Panelist.ExerciseName, 200)),
                new TextRun(" · " + Reminders.ReminderActions.Describe(interview.Reason)) { IsSubtle = true },
            ]) { Spacing = Spacing.Small };
        }
    }

    private static TextBlock Heading(string text, string? id = null) =>
        new(text) { Id = id, Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true, Separator = true, Spacing = Spacing.Large };

    private static string Summary(DimensionSummary dimension)
    {
        var parts = new List<string>();
        if (dimension.Mean is { } mean)
        {
            parts.Add("mean " + FormatMean(mean));
            parts.Add(dimension.Min == dimension.Max ? $"all {dimension.Min}" : $"range {dimension.Min}–{dimension.Max}");
        }
        else
        {
            parts.Add("no scores");
        }

        if (dimension.NotAssessedCount > 0)
        {
            parts.Add($"{dimension.NotAssessedCount} not assessed");
        }

        return string.Join(" · ", parts);
    }

    private static string DisagreementText(DimensionSummary dimension) => string.Join("; ", dimension.Disagreements.Select(reason => reason switch
    {
        DisagreementReason.ScoreSpread => $"scores range from {dimension.Min} to {dimension.Max}",
        DisagreementReason.HireAndNoHire => "interviewers recommending Hire and No Hire both scored it",
        _ => reason.ToString(),
    }));

    private static string Tendency(CalibrationHint hint) =>
        hint.Tendency == CalibrationTendency.Harsher ? "usually harsher" : "usually more lenient";

    private static string Name(Panelist panelist, Detail detail) => UserText.Clean(panelist.Interviewer.Name, detail.NameLength);

    private static string Names(IEnumerable<Panelist> panelists, Detail detail) =>
        string.Join(", ", panelists.Select(p => Name(p, detail)));

    // The channel sees one loop in one place, so dates read in UTC; a loop usually spans a day or two.
    private static string LoopDates(DateTimeOffset? first, DateTimeOffset? last)
    {
        if (first is not { } start || last is not { } end)
        {
            return "no interviews took place";
        }

        var from = start.UtcDateTime;
        var to = end.UtcDateTime;
        return from.Date == to.Date
            ? from.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)
            : from.ToString(from.Year == to.Year ? "ddd d MMM" : "ddd d MMM yyyy", CultureInfo.InvariantCulture) + " – " + to.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// How much one rendering shows: excerpt length (0 for none), whether only the evidence behind each dimension's
    /// lowest and highest score is shown, name length, and whether a dimension's scores share a line.
    /// </summary>
    private sealed record Detail(int ExcerptLength, bool ExtremesOnly, int NameLength, bool Compact);
}
