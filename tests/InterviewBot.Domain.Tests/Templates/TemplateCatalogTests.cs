using System.Text;
using InterviewBot.Domain.Templates;

namespace InterviewBot.Domain.Tests.Templates;

public sealed class TemplateCatalogTests
{
    private static readonly string[] SeedDimensionIds =
    [
        "ml-systems-design",
        "production-engineering",
        "applied-ml-judgment",
        "mlops-operations",
        "data-engineering-collaboration",
        "communication",
        "leadership",
    ];

    [Fact]
    public void BuiltIn_DefaultTemplate_IsTheSeniorMlEngineerRole()
    {
        var template = TemplateCatalog.BuiltIn().Find(TemplateCatalog.DefaultTemplateId);

        Assert.NotNull(template);
        Assert.Equal("senior-ml-engineer", template.Id);
        Assert.Equal("Senior Machine Learning Engineer", template.Role);
    }

    [Fact]
    public void BuiltIn_SeniorMlEngineer_HasExactlyTheSevenSeedDimensionsInOrder()
    {
        var template = TemplateCatalog.BuiltIn().Get("senior-ml-engineer");

        Assert.Equal(SeedDimensionIds, template.Dimensions.Select(d => d.Id));
    }

    [Fact]
    public void BuiltIn_EveryDimension_DescribesFiveDistinctLevels()
    {
        var template = TemplateCatalog.BuiltIn().Get("senior-ml-engineer");

        Assert.All(template.Dimensions, d =>
        {
            Assert.Equal(5, d.Levels.Count);
            Assert.All(d.Levels, level => Assert.False(string.IsNullOrWhiteSpace(level), $"{d.Id} has an empty level"));
            Assert.Equal(5, d.Levels.Distinct(StringComparer.Ordinal).Count());
            Assert.False(string.IsNullOrWhiteSpace(d.Assesses), $"{d.Id} does not say what it assesses");
        });
    }

    // The rubric's top level is the seed's "What 5 looks like" column, word for word, so that the
    // scorecard interviewers see is the one the hiring team agreed on.
    [Theory]
    [InlineData("ml-systems-design", "ML systems design", "Designs scalable, observable, secure end-to-end ML systems with clear trade-offs.")]
    [InlineData("production-engineering", "Production engineering", "Strong code quality, testing discipline, CI/CD competence, service reliability thinking.")]
    [InlineData("applied-ml-judgment", "Applied ML judgment", "Sound evaluation, leakage awareness, error analysis, appropriate model selection.")]
    [InlineData("mlops-operations", "MLOps & operations", "Monitoring, incident response, rollout safety, reproducibility and governance maturity.")]
    [InlineData("data-engineering-collaboration", "Data engineering collaboration", "Understands data contracts, validation, feature pipelines, point-in-time correctness.")]
    [InlineData("communication", "Communication", "Clear, structured explanations; strong stakeholder alignment behaviors.")]
    [InlineData("leadership", "Leadership (Senior IC)", "Mentors, influences standards, leads workstreams; improves team effectiveness.")]
    public void BuiltIn_LevelFive_MatchesTheSeedScorecard(string dimensionId, string name, string whatFiveLooksLike)
    {
        var dimension = TemplateCatalog.BuiltIn().Get("senior-ml-engineer").FindDimension(dimensionId);

        Assert.NotNull(dimension);
        Assert.Equal(name, dimension.Name);
        Assert.Equal(whatFiveLooksLike, dimension.Describe(5));
    }

    [Fact]
    public void Describe_EachScore_ReturnsThatLevelsRubricLine()
    {
        var dimension = TemplateCatalog.BuiltIn().Get("senior-ml-engineer").FindDimension("ml-systems-design")!;

        Assert.StartsWith("Cannot outline an end-to-end ML system", dimension.Describe(1), StringComparison.Ordinal);
        Assert.Equal(dimension.Levels[2], dimension.Describe(3));
        Assert.Equal(dimension.Levels[4], dimension.Describe(5));
    }

    [Theory]
    [InlineData("ml-system-design-case")]
    [InlineData("hands-on-coding")]
    [InlineData("debugging-scenario")]
    [InlineData("data-quality-exercise")]
    public void BuiltIn_SeedExercise_HasDefaultFocusOnExistingDimensions(string exerciseId)
    {
        var template = TemplateCatalog.BuiltIn().Get("senior-ml-engineer");

        var exercise = template.FindExercise(exerciseId);

        Assert.NotNull(exercise);
        Assert.False(string.IsNullOrWhiteSpace(exercise.Name));
        Assert.NotEmpty(exercise.Focus);
        Assert.All(exercise.Focus, f => Assert.NotNull(template.FindDimension(f)));
        Assert.Equal(exercise.Focus.Count, exercise.Focus.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void BuiltIn_SeniorMlEngineer_HasExactlyTheFourSeedExercises()
    {
        var template = TemplateCatalog.BuiltIn().Get("senior-ml-engineer");

        Assert.Equal(
            ["ml-system-design-case", "hands-on-coding", "debugging-scenario", "data-quality-exercise"],
            template.Exercises.Select(e => e.Id));
    }

    [Fact]
    public void BuiltIn_Exercises_TogetherCoverEveryDimension()
    {
        var template = TemplateCatalog.BuiltIn().Get("senior-ml-engineer");

        var covered = template.Exercises.SelectMany(e => e.Focus).ToHashSet(StringComparer.Ordinal);

        Assert.All(template.Dimensions, d => Assert.Contains(d.Id, covered));
    }

    // Signal ids are stored on submitted scorecards, so renaming one orphans existing feedback.
    [Theory]
    [InlineData(SignalKind.Strong, new[] { "shipped-ml-in-production", "monitoring-by-default", "concrete-incidents", "pragmatic-tradeoffs", "reusable-thinking" })]
    [InlineData(SignalKind.Weak, new[] { "accuracy-only", "no-drift-detection", "weak-cicd-testing", "avoids-ownership" })]
    [InlineData(SignalKind.RedFlag, new[] { "claims-perfect-results", "no-production-responsibility", "ships-without-guardrails", "blames-stakeholders" })]
    public void BuiltIn_Signals_AreTheSeedsSignalsOfEachKind(SignalKind kind, string[] expectedIds)
    {
        var template = TemplateCatalog.BuiltIn().Get("senior-ml-engineer");

        var signals = template.Signals.Where(s => s.Kind == kind).ToList();

        Assert.Equal(expectedIds, signals.Select(s => s.Id));
        Assert.All(signals, s => Assert.False(string.IsNullOrWhiteSpace(s.Text)));
    }

    [Fact]
    public void BuiltIn_Signals_HaveDistinctIdsAndTexts()
    {
        var signals = TemplateCatalog.BuiltIn().Get("senior-ml-engineer").Signals;

        Assert.Equal(13, signals.Count);
        Assert.Equal(signals.Count, signals.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(signals.Count, signals.Select(s => s.Text).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Get_UnknownId_ThrowsNamingTheId()
    {
        var catalog = TemplateCatalog.BuiltIn();

        var ex = Assert.Throws<KeyNotFoundException>(() => catalog.Get("staff-data-scientist"));

        Assert.Contains("staff-data-scientist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_NullOrUnknownId_ReturnsNull()
    {
        var catalog = TemplateCatalog.BuiltIn();

        Assert.Null(catalog.Find(null));
        Assert.Null(catalog.Find("Senior-ML-Engineer"));
    }

    [Fact]
    public void Ctor_TwoTemplatesWithTheSameId_ThrowsNamingTheId()
    {
        var template = TemplateCatalog.BuiltIn().Get("senior-ml-engineer");

        var ex = Assert.Throws<InvalidOperationException>(() => new TemplateCatalog([template, template with { Role = "Copy" }]));

        Assert.Contains("senior-ml-engineer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidTemplate_ReadsEveryPart()
    {
        var template = Parse(TemplateJson.Valid());

        Assert.Equal("tiny-role", template.Id);
        Assert.Equal("Tiny Role", template.Role);
        Assert.Equal(["design", "coding"], template.Dimensions.Select(d => d.Id));
        Assert.Equal("design five", template.FindDimension("design")!.Describe(5));
        Assert.Equal(["design"], template.FindExercise("case")!.Focus);
        Assert.Equal(SignalKind.RedFlag, template.FindSignal("bluffs")!.Kind);
    }

    [Fact]
    public void Parse_DimensionMissingALevel_ThrowsNamingTheDimensionAndSource()
    {
        var json = TemplateJson.Valid(designLevels: """{ "1": "a", "2": "b", "3": "c", "5": "e" }""");

        var ex = Assert.Throws<InvalidOperationException>(() => Parse(json, "tiny-role.json"));

        Assert.Contains("tiny-role.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dimension 'design' must describe every level from 1 to 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BlankLevel_ThrowsNamingTheDimension()
    {
        var json = TemplateJson.Valid(designLevels: """{ "1": "a", "2": "b", "3": "  ", "4": "d", "5": "e" }""");

        var ex = Assert.Throws<InvalidOperationException>(() => Parse(json));

        Assert.Contains("dimension 'design'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExerciseWithUnknownFocusDimension_ThrowsNamingExerciseAndDimension()
    {
        var json = TemplateJson.Valid(caseFocus: """[ "design", "vibes" ]""");

        var ex = Assert.Throws<InvalidOperationException>(() => Parse(json));

        Assert.Contains("exercise 'case' names unknown dimension 'vibes'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExerciseWithoutFocus_ThrowsNamingTheExercise()
    {
        var json = TemplateJson.Valid(caseFocus: "[]");

        var ex = Assert.Throws<InvalidOperationException>(() => Parse(json));

        Assert.Contains("exercise 'case' has no focus dimensions", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidJson_ThrowsSayingItIsNotValidJson()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Parse("""{ "id": "tiny-role", "dimensions": [ """, "broken.json"));

        Assert.Contains("broken.json is not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownSignalKind_ThrowsInsteadOfGuessing()
    {
        var json = TemplateJson.Valid().Replace("\"redFlag\"", "\"amber\"", StringComparison.Ordinal);

        var ex = Assert.Throws<InvalidOperationException>(() => Parse(json));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateDimensionIds_ThrowsSayingIdsAreNotUnique()
    {
        var json = TemplateJson.Valid(secondDimensionId: "design");

        var ex = Assert.Throws<InvalidOperationException>(() => Parse(json));

        Assert.Contains("dimension ids are not unique", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingIdAndRole_ReportsBothProblemsAtOnce()
    {
        var json = TemplateJson.Valid().Replace("\"id\": \"tiny-role\",", string.Empty, StringComparison.Ordinal)
            .Replace("\"role\": \"Tiny Role\",", string.Empty, StringComparison.Ordinal);

        var ex = Assert.Throws<InvalidOperationException>(() => Parse(json));

        Assert.Contains("id is missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("role is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoDimensions_Throws()
    {
        var json = """{ "id": "empty", "role": "Empty", "dimensions": [], "exercises": [], "signals": [] }""";

        var ex = Assert.Throws<InvalidOperationException>(() => Parse(json));

        Assert.Contains("there are no dimensions", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JsonNull_ThrowsSayingTheTemplateIsEmpty()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Parse("null", "blank.json"));

        Assert.Contains("blank.json is empty", ex.Message, StringComparison.Ordinal);
    }

    // A stray null in a hand-edited template must fail like any other mistake, naming the file,
    // rather than crash start-up with a NullReferenceException.
    [Theory]
    [InlineData("\"dimensions\": [", "\"dimensions\": [ null,")]
    [InlineData("\"exercises\": [", "\"exercises\": [ null,")]
    [InlineData("\"signals\": [", "\"signals\": [ null,")]
    public void Parse_NullEntryInAList_ThrowsInvalidTemplateNamingTheSource(string list, string withNull)
    {
        var json = TemplateJson.Valid().Replace(list, withNull, StringComparison.Ordinal);

        var ex = Record.Exception(() => Parse(json, "tiny-role.json"));

        var invalid = Assert.IsType<InvalidOperationException>(ex);
        Assert.Contains("tiny-role.json", invalid.Message, StringComparison.Ordinal);
    }

    private static ScorecardTemplate Parse(string json, string source = "test.json")
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return TemplateCatalog.Parse(stream, source);
    }

    /// <summary>A small valid template, with the parts the tests break exposed as parameters.</summary>
    private static class TemplateJson
    {
        public static string Valid(
            string designLevels = """{ "1": "design one", "2": "design two", "3": "design three", "4": "design four", "5": "design five" }""",
            string caseFocus = """[ "design" ]""",
            string secondDimensionId = "coding") => $$"""
            {
              "id": "tiny-role",
              "role": "Tiny Role",
              "summary": "A role small enough to read.",
              "dimensions": [
                { "id": "design", "name": "Design", "assesses": "How they design.", "levels": {{designLevels}} },
                { "id": "{{secondDimensionId}}", "name": "Coding", "levels": { "1": "c1", "2": "c2", "3": "c3", "4": "c4", "5": "c5" } }
              ],
              "exercises": [
                { "id": "case", "name": "Case", "focus": {{caseFocus}} }
              ],
              "signals": [
                { "id": "ships", "kind": "strong", "text": "Ships." },
                { "id": "bluffs", "kind": "redFlag", "text": "Bluffs." }
              ]
            }
            """;
    }
}
