using System.Buffers;
using System.Security.Claims;
using System.Text.Json;
using InterviewBot.Teams.Authentication;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewBot.Teams.Hosting;

/// <summary>Handles one POST to the messaging endpoint: read, authenticate, filter by tenant, route, answer.</summary>
internal sealed class BotRequestHandler(
    IOptions<BotOptions> options,
    IHostEnvironment environment,
    ActivityRouter router,
    BotRequestAuthenticator authenticator,
    ILogger<BotRequestHandler> logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        var settings = options.Value;
        var cancellationToken = http.RequestAborted;

        // A request without a bearer token is refused before its body is read, so an anonymous
        // caller costs nothing; the token itself can only be judged against the activity.
        var token = string.Empty;
        if (settings.RequiresAuthentication)
        {
            if (BotRequestAuthenticator.ReadBearerToken(http.Request.Headers.Authorization, out token) is { } missing)
            {
                Log.AuthenticationFailed(logger, missing, "no token");
                Challenge(http);
                return;
            }
        }
        else if (!environment.IsDevelopment())
        {
            Log.RequestRejected(logger, "no app identity is configured outside Development");
            Challenge(http);
            return;
        }

        var body = await ReadBodyAsync(http, settings.MaxRequestBodyBytes, cancellationToken);
        if (body is not { } content)
        {
            Log.RequestTooLarge(logger, http.Request.ContentLength, settings.MaxRequestBodyBytes);
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var (activity, problem) = ReadActivity(content);
        if (activity is null)
        {
            Log.ActivityUnreadable(logger, problem ?? "unknown");
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // The token vouches for the activity's service URL and channel, so it is checked against
        // the parsed activity, and before anything acts on it.
        if (settings.RequiresAuthentication)
        {
            BotAuthenticationResult authentication;
            try
            {
                authentication = await authenticator.AuthenticateAsync(token, activity, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Log.RequestCancelled(logger);
                return;
            }

            if (!authentication.Succeeded)
            {
                Log.AuthenticationFailed(logger, authentication.Failure ?? BotAuthenticationFailure.TokenInvalid, authentication.Detail ?? "-");
                Challenge(http);
                return;
            }

            http.User = new ClaimsPrincipal(authentication.Identity!);
        }

        // Another organisation's activity is acknowledged and dropped before any middleware or
        // handler can act on it; an invoke gets the same empty 200, so the answer reveals nothing.
        if (!IsAllowedTenant(settings, activity, out var tenantId))
        {
            Log.ForeignTenantIgnored(logger, activity.Type, activity.Id, tenantId ?? "none");
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        Log.ActivityReceived(logger, activity.Type, activity.Id, activity.Name, activity.Conversation?.Id);
        var turn = new TurnContext(activity, http.RequestServices, http.RequestServices.GetRequiredService<IConnectorClient>());

        InvokeResponse? response;
        try
        {
            response = await router.RouteAsync(turn, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.RequestCancelled(logger);
            return;
        }
        catch (Exception ex)
        {
            // The channel only needs to know the turn failed; the details belong in the log, once.
            Log.HandlerFailed(logger, ex, activity.Type, activity.Id, activity.Name);
            if (!http.Response.HasStarted)
            {
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }

            return;
        }

        if (response is null)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (response.Status == StatusCodes.Status501NotImplemented)
        {
            Log.InvokeNotHandled(logger, activity.Name);
        }

        http.Response.StatusCode = response.Status;
        if (response.Body is not null)
        {
            await http.Response.WriteAsJsonAsync(response.Body, response.Body.GetType(), TeamsJson.Options, cancellationToken);
        }
    }

    private static bool IsAllowedTenant(BotOptions settings, Activity activity, out string? tenantId)
    {
        tenantId = activity.GetTenantId();
        if (settings.AllowedTenants.Count == 0)
        {
            return true;
        }

        return tenantId is not null && settings.AllowedTenants.Contains(tenantId, StringComparer.OrdinalIgnoreCase);
    }

    private static void Challenge(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Bearer";
    }

    private static (Activity? Activity, string? Problem) ReadActivity(ReadOnlyMemory<byte> body)
    {
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body.Span, TeamsJson.Options);
        }
        catch (JsonException ex)
        {
            return (null, $"malformed JSON at {ex.Path ?? "$"}");
        }

        if (activity is null)
        {
            return (null, "the body is null");
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return (null, "the activity has no type");
        }

        var needsAddress = string.Equals(activity.Type, ActivityTypes.Message, StringComparison.OrdinalIgnoreCase)
            || string.Equals(activity.Type, ActivityTypes.Invoke, StringComparison.OrdinalIgnoreCase);
        if (needsAddress)
        {
            if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
            {
                return (null, "the activity has no conversation id");
            }

            if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
                || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
            {
                return (null, "the activity has no usable serviceUrl");
            }
        }

        return (activity, null);
    }

    // Returns null when the body exceeds the limit, whether or not the client announced its length.
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext http, long limit, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > limit)
        {
            return null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
