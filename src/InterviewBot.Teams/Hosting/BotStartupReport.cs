using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewBot.Teams.Hosting;

/// <summary>Says once, at startup, when the endpoint accepts requests without a token.</summary>
internal sealed class BotStartupReport(IOptions<BotOptions> options, ILogger<BotStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.RequiresAuthentication)
        {
            Log.UnauthenticatedModeEnabled(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
