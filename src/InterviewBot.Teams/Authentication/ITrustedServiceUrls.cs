namespace InterviewBot.Teams.Authentication;

/// <summary>The service URLs the bot may send its access token to.</summary>
/// <remarks>
/// A URL becomes trusted when it is configured, or when an activity whose token attested it
/// (a Bot Framework token's <c>serviceurl</c> claim) has been authenticated. Sending the bot's
/// token anywhere else would hand it to whoever wrote the activity.
/// </remarks>
public interface ITrustedServiceUrls
{
    /// <summary>Trusts the origin of <paramref name="serviceUrl"/> from now on.</summary>
    void Trust(string serviceUrl);

    /// <summary>Whether the origin of <paramref name="serviceUrl"/> is trusted.</summary>
    bool IsTrusted(string serviceUrl);
}
