using System.Collections.Concurrent;
using InterviewBot.Teams.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace InterviewBot.Teams.Authentication;

/// <summary>The OpenID metadata and signing keys of each issuer the bot accepts, cached and refreshed.</summary>
/// <remarks>
/// A <see cref="ConfigurationManager{T}"/> per metadata address does the caching and the periodic
/// refresh. A token naming a key the cache lacks needs more than that: the manager's
/// <see cref="ConfigurationManager{T}.RequestRefresh"/> fetches in the background and answers the
/// waiting request from the stale keys, so that request would be refused. Here the metadata is
/// fetched at once instead, at most once per <see cref="BotAuthenticationOptions.MetadataMinimumRefreshInterval"/>,
/// and the result is served until the manager's own next refresh replaces it.
/// </remarks>
internal sealed class OpenIdMetadataCache(
    IHttpClientFactory httpClientFactory,
    IOptions<BotOptions> options,
    TimeProvider timeProvider,
    ILogger<OpenIdMetadataCache> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Source> _sources = new(StringComparer.Ordinal);

    /// <summary>The metadata at <paramref name="metadataUrl"/>, fetched when missing or older than the refresh interval.</summary>
    public Task<OpenIdConnectConfiguration> GetAsync(string metadataUrl, CancellationToken cancellationToken) =>
        For(metadataUrl).GetAsync(cancellationToken);

    /// <summary>
    /// Fetches the metadata again because a token named a key missing from <paramref name="current"/>;
    /// null when nothing newer is to be had, because the last such fetch was too recent or failed.
    /// </summary>
    public Task<OpenIdConnectConfiguration?> RefreshAsync(string metadataUrl, OpenIdConnectConfiguration current, string? keyId, CancellationToken cancellationToken) =>
        For(metadataUrl).RefreshAsync(current, keyId, cancellationToken);

    public void Dispose()
    {
        foreach (var source in _sources.Values)
        {
            source.Dispose();
        }
    }

    private Source For(string metadataUrl) => _sources.GetOrAdd(metadataUrl, url => new Source(url, httpClientFactory, options.Value.Authentication, timeProvider, logger));

    private sealed class Source : IDisposable
    {
        private readonly string _url;
        private readonly IDocumentRetriever _retriever;
        private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;
        private readonly TimeSpan _minimumRefreshInterval;
        private readonly TimeProvider _time;
        private readonly ILogger _logger;
        private readonly SemaphoreSlim _refreshGate = new(1, 1);
        private long? _lastRefreshTimestamp;
        private Override? _override;

        public Source(string url, IHttpClientFactory httpClientFactory, BotAuthenticationOptions settings, TimeProvider time, ILogger logger)
        {
            BotAuthenticationOptions.IsAcceptableMetadataUrl(url, out var isLoopbackHttp);
            _url = url;
            _retriever = new MetadataDocumentRetriever(httpClientFactory, requireHttps: !isLoopbackHttp);
            _manager = new ConfigurationManager<OpenIdConnectConfiguration>(url, new OpenIdConnectConfigurationRetriever(), _retriever)
            {
                AutomaticRefreshInterval = settings.MetadataRefreshInterval,
            };
            _minimumRefreshInterval = settings.MetadataMinimumRefreshInterval;
            _time = time;
            _logger = logger;
        }

        public async Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken)
        {
            var managed = await _manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            var fresher = Volatile.Read(ref _override);
            return fresher is not null && ReferenceEquals(fresher.Replaces, managed) ? fresher.Configuration : managed;
        }

        public async Task<OpenIdConnectConfiguration?> RefreshAsync(OpenIdConnectConfiguration current, string? keyId, CancellationToken cancellationToken)
        {
            await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Requests that hit the same new key together share the one fetch made for the first.
                var latest = await GetAsync(cancellationToken).ConfigureAwait(false);
                if (!ReferenceEquals(latest, current))
                {
                    return latest;
                }

                if (_lastRefreshTimestamp is { } last && _time.GetElapsedTime(last) < _minimumRefreshInterval)
                {
                    return null;
                }

                _lastRefreshTimestamp = _time.GetTimestamp();
                OpenIdConnectConfiguration fresh;
                try
                {
                    fresh = await OpenIdConnectConfigurationRetriever.GetAsync(_url, _retriever, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Log.MetadataUnavailable(_logger, ex, _url);
                    return null;
                }

                Log.MetadataRefreshedForUnknownKey(_logger, _url, keyId);
                var managed = await _manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _override, new Override(managed, fresh));
                return fresh;
            }
            finally
            {
                _refreshGate.Release();
            }
        }

        public void Dispose() => _refreshGate.Dispose();

        // Metadata fetched out of turn, valid until the manager's own copy changes (it is then at least as new).
        private sealed record Override(OpenIdConnectConfiguration Replaces, OpenIdConnectConfiguration Configuration);
    }
}
