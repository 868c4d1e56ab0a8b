using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.People;
using InterviewBot.Domain.Templates;

namespace InterviewBot.Tests.Support;

/// <summary>The people, ids and times the tests share. Ids are opaque strings, as Teams and Entra ids are.</summary>
internal static class TestData
{
    public const string TenantId = "tenant-contoso";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    public const string BotId = "28:interviewbot-app";

    public const string InterviewerId = "aad-ivy";
    public const string InterviewerTeamsId = "29:ivy";
    public const string InterviewerName = "Ivy Interviewer";
    public const string InterviewerConversationId = "a:personal-ivy";

    public const string StrangerId = "aad-sam";
    public const string TeamId = "19:team-general@thread.tacv2";
    public const string HiringChannelId = "19:ml-hiring@thread.tacv2";
    public const string RecruiterId = "aad-riley";
    public const string HiringManagerId = "aad-morgan";

    public const string TemplateId = TemplateCatalog.DefaultTemplateId;
    public const string Exercise = "ml-system-design-case";
    public static readonly IReadOnlyList<string> Focus = ["ml-systems-design", "mlops-operations"];

    /// <summary>An hour after <see cref="InterviewEnd"/>: the scorecard is due to go out.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset InterviewStart = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset InterviewEnd = new(2026, 11, 27, 11, 0, 0, TimeSpan.Zero);

    public static readonly TemplateCatalog Templates = TemplateCatalog.BuiltIn();

    public static ScorecardTemplate Template => Templates.Get(TemplateId);

    public static Person Interviewer => new(InterviewerId, InterviewerName);

    public static KnownUser KnownInterviewer(string? personalConversationId = InterviewerConversationId, string? timeZone = null) =>
        new(InterviewerId, InterviewerTeamsId, InterviewerName, TenantId, ServiceUrl, BotId, personalConversationId, timeZone, Now);

    public static Interview Interview(IReadOnlyList<string>? focus = null) => new(
        "interview-1",
        "loop-1",
        "candidate-1",
        Interviewer,
        Exercise,
        focus ?? Focus,
        InterviewStart,
        InterviewEnd,
        InterviewEnd + Domain.Hiring.Interview.DefaultFeedbackWindow);

    public static Candidate Candidate(string name = "Jordan Lee") => new("candidate-1", name, "ats-4411", Now.AddDays(-3));
}
