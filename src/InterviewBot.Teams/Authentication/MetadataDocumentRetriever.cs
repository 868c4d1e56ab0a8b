using Microsoft.IdentityModel.Protocols;

namespace InterviewBot.Teams.Authentication;

/// <summary>Fetches OpenID metadata and key sets through the named metadata <see cref="HttpClient"/>.</summary>
/// <remarks>
/// A client is taken from the factory for each fetch instead of being held by the long-lived
/// configuration manager, so that handler rotation (and with it DNS changes) still applies.
/// </remarks>
internal sealed class MetadataDocumentRetriever(IHttpClientFactory httpClientFactory, bool requireHttps) : IDocumentRetriever
{
    public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        var client = httpClientFactory.CreateClient(BotAuthenticationOptions.MetadataHttpClientName);
        return new HttpDocumentRetriever(client) { RequireHttps = requireHttps }.GetDocumentAsync(address, cancel);
    }
}
