namespace InterviewBot.Teams.Clients;

/// <summary>Supplies the bearer token for calls to a channel's service URL.</summary>
public interface IBotTokenProvider
{
    /// <summary>
    /// Whether this provider hands out the bot's token at all. When it does, the connector only calls
    /// service URLs that are trusted; when it does not, nothing secret leaves the process and any URL may be called.
    /// </summary>
    bool IssuesTokens => true;

    /// <summary>The access token for <paramref name="serviceUrl"/>; null sends the request without an Authorization header.</summary>
    ValueTask<string?> GetTokenAsync(string serviceUrl, CancellationToken cancellationToken = default);
}

/// <summary>Sends no token: for a local connector such as the Microsoft 365 Agents Playground, which expects none.</summary>
public sealed class NoBotTokenProvider : IBotTokenProvider
{
    public bool IssuesTokens => false;

    public ValueTask<string?> GetTokenAsync(string serviceUrl, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(null);
}
