using System.Collections.Concurrent;
using InterviewBot.Teams.Hosting;
using Microsoft.Extensions.Options;

namespace InterviewBot.Teams.Authentication;

/// <summary>The configured service URLs plus those authenticated activities have named, kept for the process's life.</summary>
internal sealed class TrustedServiceUrls : ITrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, byte> _origins = new(StringComparer.OrdinalIgnoreCase);

    public TrustedServiceUrls(IOptions<BotOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var url in options.Value.EffectiveTrustedServiceUrls)
        {
            Trust(url);
        }
    }

    public void Trust(string serviceUrl)
    {
        if (Origin(serviceUrl) is { } origin)
        {
            _origins.TryAdd(origin, 0);
        }
    }

    public bool IsTrusted(string serviceUrl) => Origin(serviceUrl) is { } origin && _origins.ContainsKey(origin);

    // The token goes to whoever answers at the origin, so that is the unit of trust; paths do not
    // matter, and a URL carrying credentials or another scheme is never trusted.
    private static string? Origin(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.UserInfo)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}
