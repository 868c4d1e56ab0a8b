using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InterviewBot.EndToEnd.Tests.MultiInstance;

/// <summary>
/// Stands between the bot and the capture connector as the Teams service URL, passing every call through, except
/// that a call matching <see cref="Hold"/> is held unanswered: the bot has claimed a delivery and is in the middle of
/// sending it, which is the moment to kill it. A held call never reaches the capture connector.
/// </summary>
public sealed class HoldingConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _forward;
    private readonly Lock _gate = new();
    private Func<string, bool>? _hold;
    private TaskCompletionSource<string> _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HoldingConnector(WebApplication app, Uri target)
    {
        _app = app;
        _forward = new HttpClient { BaseAddress = target };
    }

    /// <summary>Every call, and what became of it, for failure messages.</summary>
    public Infrastructure.EventLog<string> Calls { get; } = new("Calls through the holding connector");

    /// <summary>The address to give the bot as serviceUrl.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    public static async Task<HoldingConnector> StartAsync(string targetServiceUrl)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new HoldingConnector(app, new Uri(targetServiceUrl));
        app.Run(connector.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        connector.ServiceUrl = address.TrimEnd('/') + "/";
        return connector;
    }

    /// <summary>Holds the next calls whose body matches, and returns the body of the first one once it arrives.</summary>
    public Task<string> Hold(Func<string, bool> bodyMatches)
    {
        lock (_gate)
        {
            _hold = bodyMatches;
            _held = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _held.Task;
        }
    }

    /// <summary>Passes every later call through.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _hold = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forward.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        TaskCompletionSource<string>? held = null;
        lock (_gate)
        {
            if (_hold is not null && _hold(body))
            {
                held = _held;
            }
        }

        if (held is not null)
        {
            Calls.Add($"held {http.Request.Method} {http.Request.Path}");
            held.TrySetResult(body);

            // Unanswered until the caller goes away, which is what a killed process does.
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), http.Request.Path.Value!.TrimStart('/') + http.Request.QueryString)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await _forward.SendAsync(request, http.RequestAborted);
        Calls.Add($"passed {http.Request.Method} {http.Request.Path}: {(int)response.StatusCode}");
        http.Response.StatusCode = (int)response.StatusCode;
        http.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
