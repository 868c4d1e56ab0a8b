using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Teams.Tests.Clients;

/// <summary>
/// Plays the Bot Framework connector and the Entra ID token endpoint: records every request with the
/// fake clock's time and answers from a script. Answers are given synchronously, so the time recorded
/// is the time the request left the client.
/// </summary>
internal sealed class FakeConnector(TimeProvider clock) : HttpMessageHandler
{
    public const string Token = "eyJ0eXAiOiJKV1QifQ.bot-token";

    private readonly ConcurrentQueue<ConnectorRequest> _requests = new();
    private readonly ConcurrentQueue<TokenRequest> _tokenRequests = new();
    private int _nextId;
    private int _discoveryRequests;

    /// <summary>
    /// Answers connector requests, given the request, how many earlier requests carried the same text and the
    /// request's cancellation token. Returning null answers 201 with a new id.
    /// </summary>
    public Func<ConnectorRequest, int, CancellationToken, Task<HttpResponseMessage>?>? Script { get; set; }

    public IReadOnlyList<ConnectorRequest> Requests => [.. _requests];

    public IReadOnlyList<TokenRequest> TokenRequests => [.. _tokenRequests];

    /// <summary>How often MSAL asked for the authority's instance metadata.</summary>
    public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);

    /// <summary>The requests that were answered with success, one per activity the conversation now shows.</summary>
    public IReadOnlyList<ConnectorRequest> Accepted => [.. _requests.Where(r => r.Answer is { } status && (int)status is >= 200 and < 300)];

    public static HttpResponseMessage Status(HttpStatusCode status, TimeSpan? retryAfter = null, string? json = null)
    {
        var response = new HttpResponseMessage(status);
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
        }

        if (json is not null)
        {
            response.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (uri.AbsolutePath.EndsWith("/discovery/instance", StringComparison.Ordinal))
        {
            // MSAL asks Entra ID which hosts are aliases of the authority; the public cloud's answer.
            Interlocked.Increment(ref _discoveryRequests);
            return Task.FromResult(Status(
                HttpStatusCode.OK,
                json: $$"""
                {
                  "tenant_discovery_endpoint": "https://{{uri.Host}}/common/v2.0/.well-known/openid-configuration",
                  "api-version": "1.1",
                  "metadata": [ { "preferred_network": "{{uri.Host}}", "preferred_cache": "{{uri.Host}}", "aliases": [ "{{uri.Host}}" ] } ]
                }
                """));
        }

        if (uri.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal) || uri.AbsolutePath.EndsWith("/msi/token", StringComparison.Ordinal))
        {
            return AnswerTokenRequestAsync(request, cancellationToken);
        }

        var activity = (request.Content as JsonContent)?.Value switch
        {
            Activity a => a,
            ConversationParameters p => p.Activity,
            _ => null,
        };
        var recorded = new ConnectorRequest(
            clock.GetUtcNow(),
            request.Method,
            uri,
            ConversationIdOf(uri),
            activity?.Text,
            request.Headers.Authorization?.ToString());
        var earlier = _requests.Count(r => r.Text is not null && r.Text == recorded.Text);
        _requests.Enqueue(recorded);

        var scripted = Script?.Invoke(recorded, earlier, cancellationToken);
        if (scripted is null)
        {
            recorded.Answer = HttpStatusCode.Created;
            var id = Interlocked.Increment(ref _nextId);
            return Task.FromResult(Status(HttpStatusCode.Created, json: $$"""{ "id": "activity-{{id}}" }"""));
        }

        return RecordAnswerAsync(recorded, scripted);
    }

    private static async Task<HttpResponseMessage> RecordAnswerAsync(ConnectorRequest recorded, Task<HttpResponseMessage> answer)
    {
        var response = await answer;
        recorded.Answer = response.StatusCode;
        return response;
    }

    private async Task<HttpResponseMessage> AnswerTokenRequestAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        _tokenRequests.Enqueue(new TokenRequest(request.Method, request.RequestUri!, form, request.Headers.TryGetValues("X-IDENTITY-HEADER", out var header) ? header.Single() : null));
        if (TokenFailure is { } failure)
        {
            return Status(failure, json: """{ "error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided." }""");
        }

        var json = request.RequestUri!.AbsolutePath.EndsWith("/msi/token", StringComparison.Ordinal)
            ? $$"""{ "access_token": "{{Token}}", "expires_on": "{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}", "resource": "https://api.botframework.com", "token_type": "Bearer" }"""
            : $$"""{ "token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": "{{Token}}" }""";
        return Status(HttpStatusCode.OK, json: json);
    }

    /// <summary>When set, the token endpoint refuses every request with this status.</summary>
    public HttpStatusCode? TokenFailure { get; set; }

    private static string? ConversationIdOf(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/');
        var index = Array.IndexOf(segments, "conversations");
        return index >= 0 && index + 1 < segments.Length ? Uri.UnescapeDataString(segments[index + 1]) : null;
    }
}

/// <summary>One request the fake connector received, with the fake clock's time and the status it answered.</summary>
internal sealed record ConnectorRequest(DateTimeOffset At, HttpMethod Method, Uri Uri, string? ConversationId, string? Text, string? Authorization)
{
    public HttpStatusCode? Answer { get; set; }
}

/// <summary>One request to the token endpoint.</summary>
internal sealed record TokenRequest(HttpMethod Method, Uri Uri, string Form, string? IdentityHeader);
