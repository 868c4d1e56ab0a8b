namespace InterviewBot.Teams.Clients;

/// <summary>Supplies the bearer token for calls to a channel's service URL.</summary>
public interface IBotTokenProvider
{
    /// <summary>The access token for <paramref name="serviceUrl"/>; null sends the request without an Authorization header.</summary>
    ValueTask<string?> GetTokenAsync(string serviceUrl, CancellationToken cancellationToken = default);
}

/// <summary>Sends no token: for a local connector such as the Microsoft 365 Agents Playground, which expects none.</summary>
public sealed class NoBotTokenProvider : IBotTokenProvider
{
    public ValueTask<string?> GetTokenAsync(string serviceUrl, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(null);
}
