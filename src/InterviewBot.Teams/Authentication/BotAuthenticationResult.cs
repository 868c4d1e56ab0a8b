using System.Security.Claims;

namespace InterviewBot.Teams.Authentication;

/// <summary>The outcome of authenticating one request: an identity, or the rule that failed.</summary>
internal readonly record struct BotAuthenticationResult(ClaimsIdentity? Identity, BotAuthenticationFailure? Failure, string? Detail)
{
    public bool Succeeded => Identity is not null;

    public static BotAuthenticationResult Success(ClaimsIdentity identity) => new(identity, null, null);

    public static BotAuthenticationResult Fail(BotAuthenticationFailure failure, string? detail = null) => new(null, failure, detail);
}
