using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using InterviewBot.Teams.Authentication;
using InterviewBot.Teams.Schema;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace InterviewBot.Teams.Clients;

/// <summary>Calls the Bot Framework v3 REST API on a channel's service URL.</summary>
/// <remarks>
/// Retries, rate limits and timeouts belong to the handlers of the <see cref="HttpClient"/>; see
/// <see cref="ConnectorResilience"/> and <see cref="ConnectorServiceCollectionExtensions.AddTeamsConnector"/>.
/// </remarks>
public sealed class ConnectorClient : IConnectorClient
{
    private readonly HttpClient _httpClient;
    private readonly IBotTokenProvider _tokenProvider;
    private readonly ITrustedServiceUrls? _trustedServiceUrls;
    private readonly TimeProvider _time;
    private readonly ILogger<ConnectorClient> _logger;

    /// <param name="httpClient">The typed client, with the connector's handlers.</param>
    /// <param name="tokenProvider">Where the bot's token comes from.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="trustedServiceUrls">The service URLs the token may go to; without it, no token leaves the process.</param>
    /// <param name="timeProvider">The clock Retry-After dates are read with.</param>
    public ConnectorClient(
        HttpClient httpClient,
        IBotTokenProvider tokenProvider,
        ILogger<ConnectorClient> logger,
        ITrustedServiceUrls? trustedServiceUrls = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _httpClient = httpClient;
        _tokenProvider = tokenProvider;
        _trustedServiceUrls = trustedServiceUrls;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger;
    }

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        var uri = BuildUri(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities");
        var context = new ConnectorRequestContext("SendToConversation", conversationId, activity.GetTenantId());
        return SendAsync(HttpMethod.Post, uri, serviceUrl, activity, context, static () => new ResourceResponse(), cancellationToken);
    }

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(replyToId);
        ArgumentNullException.ThrowIfNull(activity);
        var uri = BuildUri(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(replyToId)}");
        var context = new ConnectorRequestContext("ReplyToActivity", conversationId, activity.GetTenantId());
        return SendAsync(HttpMethod.Post, uri, serviceUrl, activity, context, static () => new ResourceResponse(), cancellationToken);
    }

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        var uri = BuildUri(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}");
        var context = new ConnectorRequestContext("UpdateActivity", conversationId, activity.GetTenantId());
        return SendAsync(HttpMethod.Put, uri, serviceUrl, activity, context, static () => new ResourceResponse(), cancellationToken);
    }

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var uri = BuildUri(serviceUrl, "v3/conversations");

        // A new conversation is in no thread yet; only the tenant's budget applies.
        var context = new ConnectorRequestContext("CreateConversation", null, TenantOf(parameters));
        return SendAsync(HttpMethod.Post, uri, serviceUrl, parameters, context, static () => new ConversationResourceResponse(), cancellationToken);
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

    private static string? TenantOf(ConversationParameters parameters)
    {
        if (!string.IsNullOrEmpty(parameters.TenantId))
        {
            return parameters.TenantId;
        }

        var fromChannelData = parameters.ChannelData switch
        {
            TeamsChannelData teams => teams.Tenant?.Id,
            JsonElement { ValueKind: JsonValueKind.Object } json => new Activity { ChannelData = json }.GetTenantId(),
            _ => null,
        };
        return string.IsNullOrEmpty(fromChannelData) ? parameters.Activity?.GetTenantId() : fromChannelData;
    }

    private async Task<TResponse> SendAsync<TBody, TResponse>(
        HttpMethod method,
        Uri uri,
        string serviceUrl,
        TBody body,
        ConnectorRequestContext context,
        Func<TResponse> empty,
        CancellationToken cancellationToken)
    {
        var operation = context.Operation;
        string? token = null;
        if (_tokenProvider.IssuesTokens)
        {
            // The service URL comes from an activity; had nobody vouched for it, whoever wrote the
            // activity would receive the bot's token.
            if (_trustedServiceUrls?.IsTrusted(serviceUrl) != true)
            {
                Log.UntrustedServiceUrlRefused(_logger, operation, serviceUrl);
                throw new ConnectorException(
                    HttpStatusCode.Forbidden,
                    ConnectorErrorCodes.UntrustedServiceUrl,
                    $"{operation} was not sent: the service URL is not trusted, so the bot's token may not go there.");
            }

            token = await _tokenProvider.GetTokenAsync(serviceUrl, cancellationToken).ConfigureAwait(false);
        }

        using var request = new HttpRequestMessage(method, uri)
        {
            Content = JsonContent.Create(body, options: TeamsJson.Options),
        };
        request.Options.Set(ConnectorRequestContext.Key, context);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            Log.ConnectorCallFailed(_logger, operation, (int)HttpStatusCode.GatewayTimeout, ConnectorErrorCodes.Timeout);
            throw new ConnectorException(
                HttpStatusCode.GatewayTimeout,
                ConnectorErrorCodes.Timeout,
                $"{operation} got no answer in time.",
                innerException: ex,
                isOutcomeUnknown: MayHaveBeenCarriedOut(request, Outcome.FromException<HttpResponseMessage>(ex)));
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ConnectorCallFailed(_logger, operation, (int)HttpStatusCode.ServiceUnavailable, ConnectorErrorCodes.Unreachable);
            throw new ConnectorException(
                HttpStatusCode.ServiceUnavailable,
                ConnectorErrorCodes.Unreachable,
                $"{operation} could not reach the service URL.",
                innerException: ex,
                isOutcomeUnknown: MayHaveBeenCarriedOut(request, Outcome.FromException<HttpResponseMessage>(ex)));
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var exception = await CreateExceptionAsync(
                    response,
                    operation,
                    MayHaveBeenCarriedOut(request, Outcome.FromResult(response)),
                    _time,
                    cancellationToken).ConfigureAwait(false);
                Log.ConnectorCallFailed(_logger, operation, (int)exception.StatusCode, exception.ErrorCode);
                throw exception;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
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

    private static bool MayHaveBeenCarriedOut(HttpRequestMessage request, Outcome<HttpResponseMessage> lastOutcome) =>
        (request.Options.TryGetValue(ConnectorResilience.EarlierAttemptMayHaveSucceeded, out var earlier) && earlier)
        || ConnectorResilience.MayHaveBeenCarriedOut(request.Method, lastOutcome);

    private static async Task<ConnectorException> CreateExceptionAsync(
        HttpResponseMessage response,
        string operation,
        bool isOutcomeUnknown,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (code, detail) = ReadError(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var status = response.StatusCode;
        var message = $"{operation} failed with {(int)status} {status}"
            + (code is null ? string.Empty : $" ({code})")
            + (string.IsNullOrWhiteSpace(detail) ? "." : $": {detail}");
        return new ConnectorException(status, code, message, ConnectorResilience.GetRetryAfter(response, time), isOutcomeUnknown: isOutcomeUnknown);
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
