using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace InterviewBot.Api;

/// <summary>
/// Lets a REST call through only with a configured API key. With no key configured the API is closed, except in
/// Development where callers on this machine may use it without one.
/// </summary>
internal sealed partial class ApiKeyFilter(IOptions<ApiOptions> options, IHostEnvironment environment, ILogger<ApiKeyFilter> logger) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var keys = options.Value.Keys.Where(k => !string.IsNullOrWhiteSpace(k)).ToList();
        if (keys.Count == 0)
        {
            if (environment.IsDevelopment() && IsLoopback(http))
            {
                return await next(context).ConfigureAwait(false);
            }

            Log.Refused(logger, "no API key is configured");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required", detail: $"Send a key from Api:Keys in the {HeaderName} header.");
        }

        var presented = http.Request.Headers[HeaderName].ToString();
        if (presented.Length == 0 || !keys.Any(k => FixedTimeEquals(k, presented)))
        {
            Log.Refused(logger, presented.Length == 0 ? "no key was presented" : "the key is not configured");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required", detail: $"Send a key from Api:Keys in the {HeaderName} header.");
        }

        return await next(context).ConfigureAwait(false);
    }

    private static bool IsLoopback(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address ? IPAddress.IsLoopback(address) : http.Connection.LocalIpAddress is null;

    // Compares hashes so neither the length nor the content of a key leaks through timing.
    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "REST API call refused: {Reason}")]
        public static partial void Refused(ILogger logger, string reason);
    }
}
