using System.Collections.Concurrent;
using System.Net;
using System.Text;
using InterviewBot.Teams.Clients;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewBot.EndToEnd.Tests.Infrastructure;

/// <summary>One request for the bot's token: where it went and the form it posted.</summary>
public sealed record EntraTokenRequest(Uri Uri, IReadOnlyDictionary<string, string> Form);

/// <summary>
/// Plays Microsoft Entra ID's token endpoint for the bot's outbound token. It sits in the bot's own HTTP client for
/// tokens, because MSAL only talks to an https authority, and hands out <see cref="Token"/> to whoever asks.
/// </summary>
public sealed class EntraTokenEndpoint
{
    /// <summary>The access token every request gets; it is what the connector must see in the Authorization header.</summary>
    public const string Token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.e2e-bot-token.";

    private readonly ConcurrentQueue<EntraTokenRequest> _requests = new();

    public IReadOnlyList<EntraTokenRequest> Requests => [.. _requests];

    /// <summary>Routes the host's token requests here; pass to <see cref="BotHost.StartAsync"/>.</summary>
    public void Intercept(IServiceCollection services) =>
        services.AddHttpClient(ConnectorOptions.TokenHttpClientName).ConfigurePrimaryHttpMessageHandler(() => new Handler(this));

    private sealed class Handler(EntraTokenEndpoint endpoint) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (uri.AbsolutePath.EndsWith("/discovery/instance", StringComparison.Ordinal))
            {
                // MSAL may ask which hosts are aliases of the authority; the public cloud's answer for this host.
                return Json($$"""
                    {
                      "tenant_discovery_endpoint": "https://{{uri.Host}}/common/v2.0/.well-known/openid-configuration",
                      "api-version": "1.1",
                      "metadata": [ { "preferred_network": "{{uri.Host}}", "preferred_cache": "{{uri.Host}}", "aliases": [ "{{uri.Host}}" ] } ]
                    }
                    """);
            }

            if (!uri.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            }

            var form = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            endpoint._requests.Enqueue(new EntraTokenRequest(uri, QueryHelpers.ParseQuery(form).ToDictionary(p => p.Key, p => p.Value.ToString())));
            return Json($$"""{ "token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": "{{Token}}" }""");
        }

        private static HttpResponseMessage Json(string json) =>
            new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
