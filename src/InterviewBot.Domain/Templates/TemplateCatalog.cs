using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace InterviewBot.Domain.Templates;

/// <summary>The scorecard templates the app knows, by id. Templates are data: a new role is a JSON file.</summary>
public sealed class TemplateCatalog
{
    public const string DefaultTemplateId = "senior-ml-engineer";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly FrozenDictionary<string, ScorecardTemplate> _templates;

    public TemplateCatalog(IEnumerable<ScorecardTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var byId = new Dictionary<string, ScorecardTemplate>(StringComparer.Ordinal);
        foreach (var template in templates)
        {
            if (!byId.TryAdd(template.Id, template))
            {
                throw new InvalidOperationException($"Two scorecard templates have the id '{template.Id}'.");
            }
        }

        _templates = byId.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IEnumerable<ScorecardTemplate> All => _templates.Values;

    public ScorecardTemplate? Find(string? id) => id is not null && _templates.TryGetValue(id, out var t) ? t : null;

    public ScorecardTemplate Get(string id) =>
        Find(id) ?? throw new KeyNotFoundException($"There is no scorecard template '{id}'.");

    /// <summary>The catalog of templates shipped with InterviewBot.</summary>
    public static TemplateCatalog BuiltIn() => new(LoadBuiltIn());

    /// <summary>Templates embedded in this assembly.</summary>
    public static IReadOnlyList<ScorecardTemplate> LoadBuiltIn()
    {
        var assembly = typeof(TemplateCatalog).Assembly;
        var result = new List<ScorecardTemplate>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Missing resource {name}.");
            result.Add(Parse(stream, name));
        }

        return result;
    }

    /// <summary>Reads and checks one template; a broken template fails with a message naming what is wrong.</summary>
    public static ScorecardTemplate Parse(Stream json, string source)
    {
        TemplateDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<TemplateDocument>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Scorecard template {source} is not valid JSON: {ex.Message}", ex);
        }

        return document?.ToTemplate(source)
            ?? throw new InvalidOperationException($"Scorecard template {source} is empty.");
    }

    private sealed record TemplateDocument(
        string? Id,
        string? Role,
        string? Summary,
        List<DimensionDocument?>? Dimensions,
        List<ExerciseDocument?>? Exercises,
        List<SignalDocument?>? Signals)
    {
        public ScorecardTemplate ToTemplate(string source)
        {
            var problems = new List<string>();
            if (string.IsNullOrWhiteSpace(Id))
            {
                problems.Add("id is missing");
            }

            if (string.IsNullOrWhiteSpace(Role))
            {
                problems.Add("role is missing");
            }

            var dimensions = new List<Dimension>();
            foreach (var d in Dimensions ?? [])
            {
                if (d is null)
                {
                    problems.Add("a dimension entry is empty");
                    continue;
                }

                var levels = Enumerable.Range(Dimension.MinScore, Dimension.MaxScore)
                    .Select(i => d.Levels is not null && d.Levels.TryGetValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture), out var text) ? text : null)
                    .ToList();
                if (string.IsNullOrWhiteSpace(d.Id) || string.IsNullOrWhiteSpace(d.Name))
                {
                    problems.Add("a dimension lacks an id or a name");
                    continue;
                }

                if (levels.Any(string.IsNullOrWhiteSpace))
                {
                    problems.Add($"dimension '{d.Id}' must describe every level from 1 to 5");
                    continue;
                }

                dimensions.Add(new Dimension(d.Id, d.Name, d.Assesses ?? string.Empty, levels!));
            }

            if (dimensions.Count == 0)
            {
                problems.Add("there are no dimensions");
            }

            var dimensionIds = dimensions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            if (dimensionIds.Count != dimensions.Count)
            {
                problems.Add("dimension ids are not unique");
            }

            var exercises = new List<Exercise>();
            foreach (var e in Exercises ?? [])
            {
                if (e is null)
                {
                    problems.Add("an exercise entry is empty");
                    continue;
                }

                if (string.IsNullOrWhiteSpace(e.Id) || string.IsNullOrWhiteSpace(e.Name))
                {
                    problems.Add("an exercise lacks an id or a name");
                    continue;
                }

                var focus = e.Focus ?? [];
                problems.AddRange(focus.Where(f => !dimensionIds.Contains(f)).Select(f => $"exercise '{e.Id}' names unknown dimension '{f}'"));
                if (focus.Distinct(StringComparer.Ordinal).Count() != focus.Count)
                {
                    problems.Add($"exercise '{e.Id}' lists a focus dimension twice");
                }

                if (focus.Count == 0)
                {
                    problems.Add($"exercise '{e.Id}' has no focus dimensions");
                }

                exercises.Add(new Exercise(e.Id, e.Name, e.Description ?? string.Empty, focus));
            }

            var signals = new List<Signal>();
            foreach (var s in Signals ?? [])
            {
                if (s is null)
                {
                    problems.Add("a signal entry is empty");
                    continue;
                }

                if (string.IsNullOrWhiteSpace(s.Id) || string.IsNullOrWhiteSpace(s.Text) || s.Kind is null)
                {
                    problems.Add("a signal lacks an id, a kind or a text");
                    continue;
                }

                signals.Add(new Signal(s.Id, s.Kind.Value, s.Text));
            }

            if (exercises.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count() != exercises.Count)
            {
                problems.Add("exercise ids are not unique");
            }

            if (signals.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count() != signals.Count)
            {
                problems.Add("signal ids are not unique");
            }

            if (problems.Count > 0)
            {
                throw new InvalidOperationException($"Scorecard template {source} is invalid: {string.Join("; ", problems)}.");
            }

            return new ScorecardTemplate(Id!, Role!, Summary ?? string.Empty, dimensions, exercises, signals);
        }
    }

    private sealed record DimensionDocument(string? Id, string? Name, string? Assesses, Dictionary<string, string>? Levels);

    private sealed record ExerciseDocument(string? Id, string? Name, string? Description, List<string>? Focus);

    private sealed record SignalDocument(string? Id, SignalKind? Kind, string? Text);
}
