using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace InterviewBot.Teams.Clients;

/// <summary>Gets the bot's token for the Bot Framework channels from Microsoft Entra ID through MSAL.</summary>
/// <remarks>
/// One MSAL application lives as long as the provider (a singleton), so its in-memory token cache
/// serves every call until shortly before the token expires; only then is a new one fetched.
/// </remarks>
internal sealed class MsalBotTokenProvider : IBotTokenProvider, IDisposable
{
    // The multi-tenant authority the Bot Framework issues channel tokens from.
    private const string BotFrameworkTenant = "botframework.com";
    private const string DefaultScopeSuffix = "/.default";

    // Hosts whose instance metadata MSAL knows or can discover; any other host (a test's, or a
    // private cloud's) is used as it is.
    private static readonly HashSet<string> KnownAuthorityHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "login.microsoftonline.com",
        "login.microsoftonline.us",
        "login.chinacloudapi.cn",
        "login.partner.microsoftonline.cn",
        "login.microsoft.com",
        "login.windows.net",
    };

    private readonly Func<CancellationToken, Task<AuthenticationResult>> _acquire;
    private readonly string _method;
    private readonly ILogger _logger;

    // On a cold cache, concurrent calls would each ask Entra ID for a token; one at a time, the
    // others find it in the cache. A cache hit takes microseconds, so the gate costs nothing.
    private readonly SemaphoreSlim _gate = new(1, 1);

    private MsalBotTokenProvider(Func<CancellationToken, Task<AuthenticationResult>> acquire, string method, ILogger logger)
    {
        _acquire = acquire;
        _method = method;
        _logger = logger;
    }

    public bool IssuesTokens => true;

    /// <summary>A provider for <paramref name="identity"/>: client credentials, or the user-assigned managed identity.</summary>
    public static MsalBotTokenProvider Create(BotCredentialOptions identity, ConnectorOptions connector, IMsalHttpClientFactory httpClientFactory, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(logger);
        var appId = identity.MicrosoftAppId ?? throw new ArgumentException("MicrosoftAppId is required.", nameof(identity));

        if (identity.Is(BotCredentialOptions.UserAssignedMsi))
        {
            var managedIdentity = ManagedIdentityApplicationBuilder
                .Create(ManagedIdentityId.WithUserAssignedClientId(appId))
                .WithHttpClientFactory(httpClientFactory)
                .Build();

            // Managed identity endpoints take a resource, not a scope.
            var resource = connector.OAuthScope.EndsWith(DefaultScopeSuffix, StringComparison.OrdinalIgnoreCase)
                ? connector.OAuthScope[..^DefaultScopeSuffix.Length]
                : connector.OAuthScope;
            return new MsalBotTokenProvider(
                cancellationToken => managedIdentity.AcquireTokenForManagedIdentity(resource).ExecuteAsync(cancellationToken),
                "user-assigned managed identity",
                logger);
        }

        var tenant = identity.Is(BotCredentialOptions.MultiTenant) ? BotFrameworkTenant : identity.MicrosoftAppTenantId;
        var host = new Uri(connector.AuthorityHost);
        var builder = ConfidentialClientApplicationBuilder
            .Create(appId)
            .WithClientSecret(identity.MicrosoftAppPassword)
            .WithAuthority($"{host.GetLeftPart(UriPartial.Authority)}/{tenant}")
            .WithHttpClientFactory(httpClientFactory);
        if (!KnownAuthorityHosts.Contains(host.Host))
        {
            builder = builder.WithInstanceDiscovery(false);
        }

        var application = builder.Build();
        string[] scopes = [connector.OAuthScope];
        return new MsalBotTokenProvider(
            cancellationToken => application.AcquireTokenForClient(scopes).ExecuteAsync(cancellationToken),
            "client credentials",
            logger);
    }

    public async ValueTask<string?> GetTokenAsync(string serviceUrl, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await _acquire(cancellationToken).ConfigureAwait(false);
            if (result.AuthenticationResultMetadata?.TokenSource is TokenSource.IdentityProvider)
            {
                Log.BotTokenFetched(_logger, _method, result.ExpiresOn);
            }

            return result.AccessToken;
        }
        catch (MsalServiceException ex)
        {
            Log.BotTokenFailed(_logger, ex, _method, ex.ErrorCode, ex.StatusCode);

            // Entra ID's own throttling and outages are worth a later try; a refused client is not.
            var status = ex.StatusCode is 429 or >= 500 ? (HttpStatusCode)ex.StatusCode : HttpStatusCode.Unauthorized;
            throw new ConnectorException(status, ConnectorErrorCodes.TokenUnavailable, $"No bot token could be had by {_method}: {ex.ErrorCode}.", innerException: ex);
        }
        catch (MsalException ex)
        {
            Log.BotTokenFailed(_logger, ex, _method, ex.ErrorCode, 0);
            throw new ConnectorException(HttpStatusCode.Unauthorized, ConnectorErrorCodes.TokenUnavailable, $"No bot token could be had by {_method}: {ex.ErrorCode}.", innerException: ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>Hands MSAL clients from <see cref="IHttpClientFactory"/>, so token requests share pooled, rotated handlers.</summary>
internal sealed class MsalHttpClientFactory(IHttpClientFactory httpClientFactory) : IMsalHttpClientFactory
{
    public HttpClient GetHttpClient() => httpClientFactory.CreateClient(ConnectorOptions.TokenHttpClientName);
}
