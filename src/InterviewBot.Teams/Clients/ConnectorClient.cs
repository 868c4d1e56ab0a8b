using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using InterviewBot.Teams.Schema;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace InterviewBot.Teams.Clients;

/// <summary>Calls the Bot Framework v3 REST API on a channel's service URL.</summary>
/// <remarks>Retries and timeouts are the job of the resilience handler on <see cref="HttpClient"/>; see <see cref="ConnectorResilience"/>.</remarks>
public sealed class ConnectorClient : IConnectorClient
{
    private readonly HttpClient _httpClient;
    private readonly IBotTokenProvider _tokenProvider;
    private readonly ILogger<ConnectorClient> _logger;

    public ConnectorClient(HttpClient httpClient, IBotTokenProvider tokenProvider, ILogger<ConnectorClient> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _httpClient = httpClient;
        _tokenProvider = tokenProvider;
        _logger = logger;
    }

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        var uri = BuildUri(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities");
        return SendAsync(HttpMethod.Post, uri, serviceUrl, activity, "SendToConversation", static () => new ResourceResponse(), cancellationToken);
    }

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(replyToId);
        ArgumentNullException.ThrowIfNull(activity);
        var uri = BuildUri(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(replyToId)}");
        return SendAsync(HttpMethod.Post, uri, serviceUrl, activity, "ReplyToActivity", static () => new ResourceResponse(), cancellationToken);
    }

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        var uri = BuildUri(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}");
        return SendAsync(HttpMethod.Put, uri, serviceUrl, activity, "UpdateActivity", static () => new ResourceResponse(), cancellationToken);
    }

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var uri = BuildUri(serviceUrl, "v3/conversations");
        return SendAsync(HttpMethod.Post, uri, serviceUrl, parameters, "CreateConversation", static () => new ConversationResourceResponse(), cancellationToken);
    }

    private static Uri BuildUri(string serviceUrl, string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceUrl);
        // String concatenation keeps the escaped conversation id as it is; Uri(Uri, string) would
        // resolve it as a relative reference and could reinterpret "19:…" as a scheme.
        if (!Uri.TryCreate($"{serviceUrl.TrimEnd('/')}/{relativePath}", UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The service URL must be an absolute http or https URL.", nameof(serviceUrl));
        }

        return uri;
    }

    private async Task<TResponse> SendAsync<TBody, TResponse>(
        HttpMethod method,
        Uri uri,
        string serviceUrl,
        TBody body,
        string operation,
        Func<TResponse> empty,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri)
        {
            Content = JsonContent.Create(body, options: TeamsJson.Options),
        };

        var token = await _tokenProvider.GetTokenAsync(serviceUrl, cancellationToken);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            Log.ConnectorCallFailed(_logger, operation, (int)HttpStatusCode.GatewayTimeout, "Timeout");
            throw new ConnectorException(HttpStatusCode.GatewayTimeout, "Timeout", $"{operation} got no answer in time.", innerException: ex);
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ConnectorCallFailed(_logger, operation, (int)HttpStatusCode.ServiceUnavailable, "Unreachable");
            throw new ConnectorException(HttpStatusCode.ServiceUnavailable, "Unreachable", $"{operation} could not reach the service URL.", innerException: ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var exception = await CreateExceptionAsync(response, operation, cancellationToken);
                Log.ConnectorCallFailed(_logger, operation, (int)exception.StatusCode, exception.ErrorCode);
                throw exception;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(text))
            {
                return empty();
            }

            try
            {
                return JsonSerializer.Deserialize<TResponse>(text, TeamsJson.Options) ?? empty();
            }
            catch (JsonException)
            {
                // The activity was accepted; failing now would only make a caller post it again.
                Log.ConnectorResponseUnreadable(_logger, operation, (int)response.StatusCode);
                return empty();
            }
        }
    }

    private static async Task<ConnectorException> CreateExceptionAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var (code, detail) = ReadError(await response.Content.ReadAsStringAsync(cancellationToken));
        var status = response.StatusCode;
        var message = $"{operation} failed with {(int)status} {status}"
            + (code is null ? string.Empty : $" ({code})")
            + (string.IsNullOrWhiteSpace(detail) ? "." : $": {detail}");
        return new ConnectorException(status, code, message, ConnectorResilience.GetRetryAfter(response));
    }

    // Bot Framework errors read {"error":{"code":…,"message":…}}; some gateways answer with a flat
    // object or plain text, which must not hide the status.
    private static (string? Code, string? Message) ReadError(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var error = root.TryGetProperty("error", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root;
            return (ReadString(error, "code"), ReadString(error, "message"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
