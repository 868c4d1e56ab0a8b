using InterviewBot.Domain.Access;
using InterviewBot.Domain.Hiring;
using static InterviewBot.Domain.Tests.Build;

namespace InterviewBot.Domain.Tests.Access;

public sealed class AccessRulesTests
{
    private static readonly Person Recruiter = new("aad-recruiter-1", "Sam Recruiter");
    private static readonly Person HiringManager = new("aad-manager-1", "Alex Manager");

    private static readonly HiringLoop Loop = new("loop-1", "candidate-1", "senior-ml-engineer", [Recruiter], [HiringManager], Start);

    [Fact]
    public void CanWriteScorecard_TheInterviewer_IsAllowed()
    {
        Assert.True(AccessRules.CanWriteScorecard(InterviewerId, Interview()));
    }

    [Fact]
    public void CanWriteScorecard_InterviewerIdInOtherCase_IsAllowed()
    {
        // Teams and Graph report the same object id in different casing.
        Assert.True(AccessRules.CanWriteScorecard(InterviewerId.ToUpperInvariant(), Interview()));
    }

    [Theory]
    [InlineData("aad-recruiter-1")]
    [InlineData("aad-manager-1")]
    [InlineData("5f1c7e2a-0b9d-4c3e-9a41-7d2b8e6f0a12")]
    [InlineData("")]
    public void CanWriteScorecard_AnyoneElse_IsRefused(string caller)
    {
        Assert.False(AccessRules.CanWriteScorecard(caller, Interview()));
    }

    [Fact]
    public void CanWriteScorecard_NoCallerIdentity_IsRefused()
    {
        Assert.False(AccessRules.CanWriteScorecard(null, Interview()));
    }

    [Theory]
    [InlineData("aad-recruiter-1")]
    [InlineData("AAD-RECRUITER-1")]
    [InlineData("aad-manager-1")]
    [InlineData("Aad-Manager-1")]
    public void CanManageLoop_RecruiterOrHiringManager_IsAllowed(string caller)
    {
        Assert.True(AccessRules.CanManageLoop(caller, Loop));
    }

    [Fact]
    public void CanManageLoop_InterviewerWhoIsNeither_IsRefused()
    {
        Assert.False(AccessRules.CanManageLoop(InterviewerId, Loop));
    }

    [Fact]
    public void CanManageLoop_NoCallerIdentity_IsRefused()
    {
        Assert.False(AccessRules.CanManageLoop(null, Loop));
    }

    [Fact]
    public void CanManageLoop_LoopWithoutHiringManagers_StillAllowsItsRecruiter()
    {
        var loop = Loop with { HiringManagers = [] };

        Assert.True(AccessRules.CanManageLoop("aad-recruiter-1", loop));
        Assert.False(AccessRules.CanManageLoop("aad-manager-1", loop));
    }

    [Fact]
    public void CanManageLoop_ConfiguredAdmin_IsAllowedButCannotWriteTheScorecard()
    {
        var admins = new[] { "AAD-ADMIN-1" };

        Assert.True(AccessRules.CanManageLoop("aad-admin-1", Loop, admins));
        Assert.False(AccessRules.CanManageLoop("aad-someone", Loop, admins));
        Assert.False(AccessRules.CanWriteScorecard("aad-admin-1", Interview()));
    }
}
