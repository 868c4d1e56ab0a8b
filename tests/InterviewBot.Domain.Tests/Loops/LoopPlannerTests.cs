using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Scorecards;
using static InterviewBot.Domain.Tests.Build;

namespace InterviewBot.Domain.Tests.Loops;

public sealed class LoopPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Plan_IssueExample_PlansTheLoopWithFeedbackDueADayAfterTheInterview()
    {
        var (plan, errors) = LoopPlanner.Plan(LoopRequest(), Catalog, Ids(), Now);

        Assert.Empty(errors);
        Assert.NotNull(plan);
        Assert.Equal("Jordan Lee", plan.Candidate.Name);
        Assert.Equal("ats-4411", plan.Candidate.ExternalId);
        Assert.Equal(Now, plan.Candidate.CreatedAt);
        Assert.Equal("senior-ml-engineer", plan.Loop.TemplateId);
        Assert.Equal(plan.Candidate.Id, plan.Loop.CandidateId);
        Assert.Equal(["aad-recruiter-1"], plan.Loop.Recruiters.Select(p => p.AadObjectId));
        Assert.Equal(["aad-manager-1"], plan.Loop.HiringManagers.Select(p => p.AadObjectId));
        var interview = Assert.Single(plan.Interviews);
        Assert.Equal(plan.Loop.Id, interview.LoopId);
        Assert.Equal(plan.Candidate.Id, interview.CandidateId);
        Assert.Equal(InterviewerId, interview.Interviewer.AadObjectId);
        Assert.Equal("ml-system-design-case", interview.ExerciseId);
        Assert.Equal([Design, MlOps], interview.Focus);
        Assert.Equal(DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), interview.Start);
        Assert.Equal(DateTimeOffset.Parse("2026-11-27T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture), interview.End);
        Assert.Equal(DateTimeOffset.Parse("2026-11-28T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture), interview.FeedbackDue);
    }

    [Fact]
    public void Plan_SeveralInterviews_GivesEachItsOwnId()
    {
        var request = LoopRequest(interviews: [InterviewRequest(), InterviewRequest("hands-on-coding")]);

        var (plan, _) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.NotNull(plan);
        var ids = new[] { plan.Candidate.Id, plan.Loop.Id }.Concat(plan.Interviews.Select(i => i.Id)).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Plan_NoTemplate_UsesTheSeniorMlEngineerTemplate()
    {
        var (plan, errors) = LoopPlanner.Plan(LoopRequest(template: null), Catalog, Ids(), Now);

        Assert.Empty(errors);
        Assert.Equal("senior-ml-engineer", plan!.Loop.TemplateId);
    }

    [Fact]
    public void Plan_NoFocus_UsesTheExercisesDefaultFocus()
    {
        var request = LoopRequest(interviews: [InterviewRequest("debugging-scenario", focus: null), InterviewRequest("hands-on-coding", focus: [])]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Empty(errors);
        Assert.Equal(Template.FindExercise("debugging-scenario")!.Focus, plan!.Interviews[0].Focus);
        Assert.Equal(Template.FindExercise("hands-on-coding")!.Focus, plan.Interviews[1].Focus);
    }

    [Fact]
    public void Plan_ExplicitFeedbackDue_IsKept()
    {
        var due = End.AddHours(4);
        var request = LoopRequest(interviews: [InterviewRequest(feedbackDue: due)]);

        var (plan, _) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Equal(due, plan!.Interviews.Single().FeedbackDue);
    }

    [Fact]
    public void Plan_FeedbackDueExactlyAtTheEnd_IsAccepted()
    {
        var request = LoopRequest(interviews: [InterviewRequest(feedbackDue: End)]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Empty(errors);
        Assert.Equal(End, plan!.Interviews.Single().FeedbackDue);
    }

    [Fact]
    public void Plan_TimesWithAnOffset_AreStoredInUtc()
    {
        var berlin = TimeSpan.FromHours(1);
        var request = LoopRequest(interviews:
        [
            InterviewRequest(
                start: new DateTimeOffset(2026, 11, 27, 11, 0, 0, berlin),
                end: new DateTimeOffset(2026, 11, 27, 12, 0, 0, berlin),
                feedbackDue: new DateTimeOffset(2026, 11, 28, 9, 0, 0, berlin)),
        ]);

        var (plan, _) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        var interview = plan!.Interviews.Single();
        Assert.Equal(TimeSpan.Zero, interview.Start.Offset);
        Assert.Equal(TimeSpan.Zero, interview.End.Offset);
        Assert.Equal(TimeSpan.Zero, interview.FeedbackDue.Offset);
        Assert.Equal(Start, interview.Start);
        Assert.Equal(End, interview.End);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero), interview.FeedbackDue);
    }

    [Fact]
    public void Plan_DefaultFeedbackDueFromAnOffsetEnd_IsInUtc()
    {
        var request = LoopRequest(interviews:
        [
            InterviewRequest(start: Start.ToOffset(TimeSpan.FromHours(-5)), end: End.ToOffset(TimeSpan.FromHours(-5))),
        ]);

        var (plan, _) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        var due = plan!.Interviews.Single().FeedbackDue;
        Assert.Equal(TimeSpan.Zero, due.Offset);
        Assert.Equal(End.AddHours(24), due);
    }

    [Fact]
    public void Plan_SameRecruiterTwiceInDifferentCase_IsListedOnce()
    {
        var request = LoopRequest(recruiters:
        [
            PersonRequest("AAD-RECRUITER-1", "Sam Recruiter"),
            PersonRequest("aad-recruiter-1", "Sam R."),
            PersonRequest("aad-recruiter-2", "Kim Recruiter"),
        ]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Empty(errors);
        Assert.Equal(["AAD-RECRUITER-1", "aad-recruiter-2"], plan!.Loop.Recruiters.Select(p => p.AadObjectId));
    }

    [Fact]
    public void Plan_PaddedText_IsTrimmed()
    {
        var request = LoopRequest(
            template: "  senior-ml-engineer ",
            candidate: new CandidateRequest("  Jordan Lee ", " ats-4411 "),
            interviews: [InterviewRequest(exercise: " hands-on-coding ", focus: [" production-engineering "])]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Empty(errors);
        Assert.Equal("Jordan Lee", plan!.Candidate.Name);
        Assert.Equal("ats-4411", plan.Candidate.ExternalId);
        Assert.Equal("hands-on-coding", plan.Interviews.Single().ExerciseId);
        Assert.Equal(["production-engineering"], plan.Interviews.Single().Focus);
    }

    [Fact]
    public void Plan_NoExternalIdOrHiringManagers_IsFine()
    {
        var request = LoopRequest(candidate: new CandidateRequest("Jordan Lee", null)) with { HiringManagers = null };

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Empty(errors);
        Assert.Null(plan!.Candidate.ExternalId);
        Assert.Empty(plan.Loop.HiringManagers);
    }

    [Fact]
    public void Plan_NullRequest_ReportsTheMissingBody()
    {
        var (plan, errors) = LoopPlanner.Plan(null, Catalog, Ids(), Now);

        Assert.Null(plan);
        Assert.Equal("$", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Plan_CandidateNameMissing_ReportsCandidateName(string? name)
    {
        var request = LoopRequest(candidate: new CandidateRequest(name, "ats-4411"));

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        Assert.Equal("candidate.name", Assert.Single(errors).Field);
    }

    [Fact]
    public void Plan_CandidateMissing_ReportsCandidateName()
    {
        var request = LoopRequest() with { Candidate = null };

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        Assert.Equal("candidate.name", Assert.Single(errors).Field);
    }

    [Fact]
    public void Plan_UnknownTemplate_ReportsTemplateListingTheKnownOnes()
    {
        var (plan, errors) = LoopPlanner.Plan(LoopRequest(template: "staff-data-scientist"), Catalog, Ids(), Now);

        Assert.Null(plan);
        var error = Assert.Single(errors);
        Assert.Equal("template", error.Field);
        Assert.Contains("staff-data-scientist", error.Message, StringComparison.Ordinal);
        Assert.Contains("senior-ml-engineer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoRecruiters_ReportsRecruiters()
    {
        var (plan, errors) = LoopPlanner.Plan(LoopRequest(recruiters: []), Catalog, Ids(), Now);

        Assert.Null(plan);
        Assert.Equal("recruiters", Assert.Single(errors).Field);
    }

    [Fact]
    public void Plan_NoInterviews_ReportsInterviews()
    {
        var (plan, errors) = LoopPlanner.Plan(LoopRequest(interviews: []), Catalog, Ids(), Now);

        Assert.Null(plan);
        Assert.Equal("interviews", Assert.Single(errors).Field);
    }

    [Fact]
    public void Plan_TooManyInterviews_ReportsInterviews()
    {
        var interviews = Enumerable.Range(0, LoopPlanner.MaxInterviews + 1).Select(_ => InterviewRequest()).ToList();

        var (plan, errors) = LoopPlanner.Plan(LoopRequest(interviews: interviews), Catalog, Ids(), Now);

        Assert.Null(plan);
        Assert.Equal("interviews", Assert.Single(errors).Field);
    }

    [Fact]
    public void Plan_UnknownExerciseInSecondInterview_ReportsItsPathListingKnownExercises()
    {
        var request = LoopRequest(interviews: [InterviewRequest(), InterviewRequest("whiteboard-puzzles")]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        var error = Assert.Single(errors);
        Assert.Equal("interviews[1].exercise", error.Field);
        Assert.Contains("whiteboard-puzzles", error.Message, StringComparison.Ordinal);
        Assert.Contains("data-quality-exercise", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MissingExercise_ReportsItsPath()
    {
        var request = LoopRequest(interviews: [InterviewRequest(exercise: " ")]);

        var (_, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Equal("interviews[0].exercise", Assert.Single(errors).Field);
    }

    [Fact]
    public void Plan_UnknownFocusDimension_ReportsItsIndex()
    {
        var request = LoopRequest(interviews: [InterviewRequest(focus: [Design, "charisma"])]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        var error = Assert.Single(errors);
        Assert.Equal("interviews[0].focus[1]", error.Field);
        Assert.Contains("charisma", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_FocusListedTwice_ReportsTheRepeat()
    {
        var request = LoopRequest(interviews: [InterviewRequest(focus: [Design, MlOps, Design])]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        var error = Assert.Single(errors);
        Assert.Equal("interviews[0].focus[2]", error.Field);
        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NullFocusEntry_ReportsItsIndex()
    {
        var request = LoopRequest(interviews: [InterviewRequest(focus: [null, Design])]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        Assert.Equal("interviews[0].focus[0]", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    public void Plan_EndNotAfterStart_ReportsEnd(int minutesAfterStart)
    {
        var request = LoopRequest(interviews: [InterviewRequest(end: Start.AddMinutes(minutesAfterStart))]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        var error = Assert.Single(errors);
        Assert.Equal("interviews[0].end", error.Field);
        Assert.Contains("after the start", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_InterviewLongerThanTwelveHours_ReportsEnd()
    {
        var request = LoopRequest(interviews: [InterviewRequest(end: Start.AddHours(12).AddMinutes(1))]);

        var (_, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Equal("interviews[0].end", Assert.Single(errors).Field);
    }

    [Fact]
    public void Plan_MissingStartAndEnd_ReportsBoth()
    {
        var request = LoopRequest(interviews: [InterviewRequest() with { Start = null, End = null }]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        Assert.Equal(["interviews[0].start", "interviews[0].end"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Plan_FeedbackDueBeforeTheEnd_ReportsFeedbackDue()
    {
        var request = LoopRequest(interviews: [InterviewRequest(feedbackDue: End.AddMinutes(-1))]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        Assert.Equal("interviews[0].feedbackDue", Assert.Single(errors).Field);
    }

    [Fact]
    public void Plan_OverlongCandidateName_ReportsCandidateName()
    {
        var request = LoopRequest(candidate: new CandidateRequest(new string('J', LoopPlanner.MaxNameLength + 1), "ats-4411"));

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        var error = Assert.Single(errors);
        Assert.Equal("candidate.name", error.Field);
        Assert.Contains("200", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NameAtTheLimit_IsAccepted()
    {
        var request = LoopRequest(candidate: new CandidateRequest(new string('J', LoopPlanner.MaxNameLength), "ats-4411"));

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Empty(errors);
        Assert.Equal(LoopPlanner.MaxNameLength, plan!.Candidate.Name.Length);
    }

    [Fact]
    public void Plan_OverlongInterviewerNameAndExternalId_ReportsBothPaths()
    {
        var request = LoopRequest(
            candidate: new CandidateRequest("Jordan Lee", new string('9', LoopPlanner.MaxIdLength + 1)),
            interviews: [InterviewRequest(interviewer: PersonRequest(InterviewerId, new string('P', 201)))]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        Assert.Equal(["candidate.externalId", "interviews[0].interviewer.name"], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("Jordan\u0000Lee")]
    [InlineData("Jordan\nLee")]
    [InlineData("Jordan\u001bLee")]
    public void Plan_ControlCharactersInAName_ReportsThatName(string name)
    {
        var request = LoopRequest(candidate: new CandidateRequest(name, "ats-4411"));

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        var error = Assert.Single(errors);
        Assert.Equal("candidate.name", error.Field);
        Assert.Contains("Control characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ControlCharacterInARecruitersId_ReportsThatPath()
    {
        var request = LoopRequest(recruiters: [PersonRequest("aad\u0007recruiter", "Sam Recruiter")]);

        var (_, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Equal("recruiters[0].aadObjectId", Assert.Single(errors).Field);
    }

    [Fact]
    public void Plan_NullEntries_ReportEachPath()
    {
        var request = LoopRequest(
            recruiters: [PersonRequest("aad-recruiter-1", "Sam Recruiter"), null],
            interviews: [null, InterviewRequest() with { Interviewer = null }]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        Assert.Equal(["recruiters[1]", "interviews[0]", "interviews[1].interviewer"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Plan_InterviewerWithoutIdOrName_ReportsBothFields()
    {
        var request = LoopRequest(interviews: [InterviewRequest(interviewer: PersonRequest(" ", ""))]);

        var (_, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Equal(["interviews[0].interviewer.aadObjectId", "interviews[0].interviewer.name"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Plan_ManyProblems_ReportsEveryOneAtOnceAndNoPlan()
    {
        var request = new LoopRequest(
            new CandidateRequest(null, "ats-4411"),
            "senior-ml-engineer",
            [],
            null,
            [
                InterviewRequest(focus: [Design, "charisma"]),
                InterviewRequest("whiteboard-puzzles", end: Start.AddMinutes(-5)),
                InterviewRequest(feedbackDue: End.AddHours(-2)) with { Start = null },
            ]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        Assert.Equal(
            [
                "candidate.name",
                "recruiters",
                "interviews[0].focus[1]",
                "interviews[1].exercise",
                "interviews[1].end",
                "interviews[2].start",
                "interviews[2].feedbackDue",
            ],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void Plan_OneBadInterviewAmongGoodOnes_ProducesNoPlan()
    {
        var request = LoopRequest(interviews: [InterviewRequest(), InterviewRequest(), InterviewRequest(exercise: "nope")]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("aad/ivy")]
    [InlineData("ivy#1")]
    [InlineData("ivy?x")]
    [InlineData("ivy\\x")]
    public void Plan_InterviewerIdWithCharactersIdsNeverHave_NamesTheField(string id)
    {
        var request = LoopRequest(interviews: [InterviewRequest(interviewer: PersonRequest(id, "Ivy"))]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        Assert.Contains(errors, e => e.Field == "interviews[0].interviewer.aadObjectId");
    }

    [Theory]
    [InlineData(1500)]
    [InlineData(9999)]
    public void Plan_InterviewInAnImplausibleYear_NamesStartAndEnd(int year)
    {
        var start = new DateTimeOffset(year, 6, 1, 10, 0, 0, TimeSpan.Zero);
        var request = LoopRequest(interviews: [InterviewRequest(start: start, end: start.AddHours(1))]);

        var (plan, errors) = LoopPlanner.Plan(request, Catalog, Ids(), Now);

        Assert.Null(plan);
        Assert.Contains(errors, e => e.Field == "interviews[0].start");
        Assert.Contains(errors, e => e.Field == "interviews[0].end");
    }
}
