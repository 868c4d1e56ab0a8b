using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.Reminders;
using InterviewBot.Domain.Scorecards;
using InterviewBot.Domain.Templates;

namespace InterviewBot.Domain.Loops;

/// <summary>Turns a loop request into a loop, or into the list of every field that is wrong with it.</summary>
public static class LoopPlanner
{
    public const int MaxNameLength = 200;
    public const int MaxIdLength = 128;
    // A loop is written in one atomic batch of at most 100 rows: loop, candidate and three rows per interview.
    public const int MaxInterviews = 30;
    public const int MaxPeoplePerRole = 20;
    public static readonly TimeSpan MaxInterviewLength = TimeSpan.FromHours(12);

    /// <summary>Interviews outside these years are typing mistakes, and storage could not hold the far ends anyway.</summary>
    public static readonly DateTimeOffset EarliestTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset LatestTime = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Checks <paramref name="request"/> against <paramref name="templates"/>. Field names in errors are JSON paths
    /// such as <c>interviews[1].focus[0]</c>. <paramref name="newId"/> supplies fresh ids. The request's reminder
    /// values are checked together with <paramref name="installationReminders"/>, which fill the values it leaves out.
    /// </summary>
    public static (LoopPlan? Plan, IReadOnlyList<FieldError> Errors) Plan(
        LoopRequest? request, TemplateCatalog templates, Func<string> newId, DateTimeOffset now, ReminderSettings? installationReminders = null)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(newId);
        var errors = new List<FieldError>();
        if (request is null)
        {
            return (null, [new FieldError("$", "The request body is missing.")]);
        }

        var candidateName = RequiredText(request.Candidate?.Name, "candidate.name", MaxNameLength, errors);
        var externalId = OptionalText(request.Candidate?.ExternalId, "candidate.externalId", MaxIdLength, errors);
        var templateId = string.IsNullOrWhiteSpace(request.Template) ? TemplateCatalog.DefaultTemplateId : request.Template.Trim();
        var template = templates.Find(templateId);
        if (template is null)
        {
            errors.Add(new FieldError("template", $"Unknown template '{templateId}'. Known: {string.Join(", ", templates.All.Select(t => t.Id))}."));
        }

        var requisition = OptionalText(request.Requisition, "requisition", MaxIdLength, errors);
        var reminders = LoopSettingsReader.Reminders(request.Reminders, installationReminders ?? ReminderSettings.Default, errors);
        var channel = Channel(request.HiringChannel, now, errors);
        var recruiters = People(request.Recruiters, "recruiters", required: true, errors);
        var hiringManagers = People(request.HiringManagers, "hiringManagers", required: false, errors);
        var candidateId = newId();
        var loopId = newId();
        var interviews = new List<Interview>();
        if (request.Interviews is null || request.Interviews.Count == 0)
        {
            errors.Add(new FieldError("interviews", "At least one interview is required."));
        }
        else if (request.Interviews.Count > MaxInterviews)
        {
            errors.Add(new FieldError("interviews", $"At most {MaxInterviews} interviews per loop."));
        }
        else
        {
            for (var i = 0; i < request.Interviews.Count; i++)
            {
                var interview = PlanInterview(request.Interviews[i], $"interviews[{i}]", template, loopId, candidateId, newId, errors);
                if (interview is not null)
                {
                    interviews.Add(interview);
                }
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var candidate = new Candidate(candidateId, candidateName!, externalId, now);
        var loop = new HiringLoop(loopId, candidateId, template!.Id, recruiters, hiringManagers, now)
        {
            RequisitionId = requisition,
            Reminders = reminders,
            Debrief = LoopSettingsReader.Debrief(request.Debrief),
        };
        return (new LoopPlan(candidate, loop, interviews) { HiringChannel = channel }, errors);
    }

    /// <summary>Who linked a channel named in a loop request: the API, on behalf of the ATS.</summary>
    public const string LinkedByApi = "api";

    private static HiringChannel? Channel(HiringChannelRequest? request, DateTimeOffset now, List<FieldError> errors)
    {
        if (request is null)
        {
            return null;
        }

        var before = errors.Count;
        var channelId = RequiredText(request.ChannelId, "hiringChannel.channelId", MaxIdLength * 2, errors);
        if (channelId is not null && (!channelId.StartsWith("19:", StringComparison.Ordinal) || channelId.Any(c => c is '/' or '\\' or '#' or '?' or ';' || char.IsWhiteSpace(c))))
        {
            errors.Add(new FieldError("hiringChannel.channelId", "Give the channel's Teams id, such as 19:abc…@thread.tacv2 (from the channel's link in Teams)."));
        }

        var tenantId = OptionalText(request.TenantId, "hiringChannel.tenantId", MaxIdLength, errors);
        var name = OptionalText(request.Name, "hiringChannel.name", MaxNameLength, errors);
        return errors.Count > before ? null : new HiringChannel(channelId!, name, null, null, null, tenantId, null, LinkedByApi, now);
    }

    private static Interview? PlanInterview(
        InterviewRequest? request, string path, ScorecardTemplate? template, string loopId, string candidateId, Func<string> newId, List<FieldError> errors)
    {
        if (request is null)
        {
            errors.Add(new FieldError(path, "The interview is missing."));
            return null;
        }

        var before = errors.Count;
        var interviewer = Person(request.Interviewer, path + ".interviewer", errors);
        Exercise? exercise = null;
        if (string.IsNullOrWhiteSpace(request.Exercise))
        {
            errors.Add(new FieldError(path + ".exercise", "The exercise is required."));
        }
        else if (template is not null)
        {
            exercise = template.FindExercise(request.Exercise.Trim());
            if (exercise is null)
            {
                errors.Add(new FieldError(path + ".exercise", $"Unknown exercise '{request.Exercise}'. Known: {string.Join(", ", template.Exercises.Select(e => e.Id))}."));
            }
        }

        var focus = new List<string>();
        if (request.Focus is { Count: > 0 })
        {
            for (var j = 0; j < request.Focus.Count; j++)
            {
                var id = request.Focus[j]?.Trim();
                if (string.IsNullOrEmpty(id) || (template is not null && template.FindDimension(id) is null))
                {
                    errors.Add(new FieldError($"{path}.focus[{j}]", $"Unknown dimension '{id}'." + (template is null ? string.Empty : $" Known: {string.Join(", ", template.Dimensions.Select(d => d.Id))}.")));
                }
                else if (focus.Contains(id))
                {
                    errors.Add(new FieldError($"{path}.focus[{j}]", $"Dimension '{id}' is listed twice."));
                }
                else
                {
                    focus.Add(id);
                }
            }
        }
        else if (exercise is not null)
        {
            focus.AddRange(exercise.Focus);
        }

        if (request.Start is null)
        {
            errors.Add(new FieldError(path + ".start", "The start time is required (ISO 8601 with an offset)."));
        }

        if (request.End is null)
        {
            errors.Add(new FieldError(path + ".end", "The end time is required (ISO 8601 with an offset)."));
        }

        var outOfRange = false;
        foreach (var (time, field) in new[] { (request.Start, "start"), (request.End, "end"), (request.FeedbackDue, "feedbackDue") })
        {
            if (time is { } t && (t < EarliestTime || t >= LatestTime))
            {
                errors.Add(new FieldError($"{path}.{field}", $"Must be between {EarliestTime.Year} and {LatestTime.Year - 1}."));
                outOfRange = true;
            }
        }

        if (!outOfRange && request.Start is { } start && request.End is { } end)
        {
            if (end <= start)
            {
                errors.Add(new FieldError(path + ".end", "The end must be after the start."));
            }
            else if (end - start > MaxInterviewLength)
            {
                errors.Add(new FieldError(path + ".end", $"An interview lasts at most {MaxInterviewLength.TotalHours:0} hours."));
            }
        }

        if (!outOfRange && request.FeedbackDue is { } due && request.End is { } end2 && due < end2)
        {
            errors.Add(new FieldError(path + ".feedbackDue", "Feedback cannot be due before the interview ends."));
        }

        if (errors.Count > before || interviewer is null || exercise is null)
        {
            return null;
        }

        var ends = request.End!.Value.ToUniversalTime();
        return new Interview(
            newId(),
            loopId,
            candidateId,
            interviewer,
            exercise.Id,
            focus,
            request.Start!.Value.ToUniversalTime(),
            ends,
            (request.FeedbackDue ?? ends + Interview.DefaultFeedbackWindow).ToUniversalTime());
    }

    private static List<Person> People(IReadOnlyList<PersonRequest?>? requests, string path, bool required, List<FieldError> errors)
    {
        var people = new List<Person>();
        if (requests is null || requests.Count == 0)
        {
            if (required)
            {
                errors.Add(new FieldError(path, "At least one person is required."));
            }

            return people;
        }

        if (requests.Count > MaxPeoplePerRole)
        {
            errors.Add(new FieldError(path, $"At most {MaxPeoplePerRole} people per role."));
            return people;
        }

        for (var i = 0; i < requests.Count; i++)
        {
            var person = Person(requests[i], $"{path}[{i}]", errors);
            if (person is not null && !people.Any(p => p.Is(person.AadObjectId)))
            {
                people.Add(person);
            }
        }

        return people;
    }

    private static Person? Person(PersonRequest? request, string path, List<FieldError> errors)
    {
        if (request is null)
        {
            errors.Add(new FieldError(path, "The person is missing."));
            return null;
        }

        var id = RequiredText(request.AadObjectId, path + ".aadObjectId", MaxIdLength, errors);
        if (id is not null && id.Any(c => c is '/' or '\\' or '#' or '?'))
        {
            errors.Add(new FieldError(path + ".aadObjectId", "An Entra object id cannot contain '/', '\\', '#' or '?'."));
            id = null;
        }

        var name = RequiredText(request.Name, path + ".name", MaxNameLength, errors);
        return id is null || name is null ? null : new Person(id, name);
    }

    private static string? RequiredText(string? value, string path, int maxLength, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(path, "This field is required."));
            return null;
        }

        return OptionalText(value, path, maxLength, errors);
    }

    private static string? OptionalText(string? value, string path, int maxLength, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            errors.Add(new FieldError(path, $"At most {maxLength} characters."));
            return null;
        }

        if (trimmed.Any(char.IsControl))
        {
            errors.Add(new FieldError(path, "Control characters are not allowed."));
            return null;
        }

        return trimmed;
    }
}
