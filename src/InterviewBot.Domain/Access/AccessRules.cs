using InterviewBot.Domain.Hiring;

namespace InterviewBot.Domain.Access;

/// <summary>Who may do what, decided from the authenticated caller's Entra object id and the stored records alone.</summary>
public static class AccessRules
{
    /// <summary>Only the interview's own interviewer may write, submit or edit its scorecard.</summary>
    public static bool CanWriteScorecard(string? callerAadObjectId, Interview interview)
    {
        ArgumentNullException.ThrowIfNull(interview);
        return interview.Interviewer.Is(callerAadObjectId);
    }

    /// <summary>Recruiters and hiring managers run the loop: status, nudges, debriefs.</summary>
    public static bool CanManageLoop(string? callerAadObjectId, HiringLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return loop.Recruiters.Any(p => p.Is(callerAadObjectId)) || loop.HiringManagers.Any(p => p.Is(callerAadObjectId));
    }

    /// <summary>
    /// Recruiters, hiring managers and configured admins may manage a loop. Admins never gain the right to write
    /// someone else's scorecard: independence of feedback is not an administrative setting.
    /// </summary>
    public static bool CanManageLoop(string? callerAadObjectId, HiringLoop loop, IReadOnlyCollection<string> admins)
    {
        ArgumentNullException.ThrowIfNull(admins);
        return CanManageLoop(callerAadObjectId, loop)
            || (callerAadObjectId is not null && admins.Any(a => string.Equals(a, callerAadObjectId, StringComparison.OrdinalIgnoreCase)));
    }
}
