using System.Globalization;
using System.Text.RegularExpressions;
using InterviewBot.Testing;

namespace InterviewBot.EndToEnd.Tests.Playground;

/// <summary>
/// The Microsoft 365 Agents Playground (npm <c>@microsoft/m365agentsplayground</c>) run from the repository's
/// node_modules as the Teams client of one bot, without a browser, and killed with its process tree on dispose.
/// </summary>
public sealed partial class PlaygroundServer : IAsyncDisposable
{
    public const string PackagePath = "node_modules/@microsoft/m365agentsplayground/cli.js";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // It writes a devTools log into its working directory; a directory of its own keeps the checkout clean.
    private readonly TemporaryDirectory _workingDirectory = new();
    private NodeProcess? _process;

    private PlaygroundServer()
    {
    }

    /// <summary>Where the Playground serves its UI, its conversation API, its WebSocket and its connector.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Everything the Playground printed so far, for failure messages.</summary>
    public string Output => _process?.Output ?? string.Empty;

    /// <summary>Starts the Playground for the bot at <paramref name="botEndpoint"/> and returns once it listens.</summary>
    /// <param name="configFile">A <c>.m365agentsplayground.yml</c> with the mock users and teams; null for the Playground's own.</param>
    /// <exception cref="InvalidOperationException">The package is not installed, node is missing, or the Playground did not start.</exception>
    public static async Task<PlaygroundServer> StartAsync(Uri botEndpoint, string? configFile = null)
    {
        var cli = NodeProcess.InstalledScript("The Microsoft 365 Agents Playground", PackagePath);
        var server = new PlaygroundServer();
        try
        {
            await server.RunAsync(cli, botEndpoint, configFile);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The process stays referenced after it is killed, so that its output can still explain a failure.
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _workingDirectory.Dispose();
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningLine();

    private async Task RunAsync(string cli, Uri botEndpoint, string? configFile)
    {
        string[] arguments =
        [
            cli,
            "--app-endpoint", botEndpoint.ToString(),
            "--channel-id", "msteams",
            // The default port is 56150; a developer's own Playground may hold it. If the port is taken anyway the
            // Playground picks a random one and says so, which is why the port is read from its output.
            "--port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
            "--disable-telemetry",
        ];
        _process = NodeProcess.Start(
            "the Agents Playground",
            arguments,
            line => ListeningLine().IsMatch(line),
            _workingDirectory.Path,
            new Dictionary<string, string?>
            {
                ["TEAMSAPPTESTER_BROWSER"] = "none",
                // Without it the Playground looks for the file in its working directory, which has none.
                ["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = configFile,
            });

        string? listening;
        try
        {
            listening = await _process.WaitForReadyLineAsync(StartTimeout);
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException($"The Agents Playground did not say it was listening within {StartTimeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{Output}", ex);
        }

        if (listening is null)
        {
            throw new InvalidOperationException($"The Agents Playground exited with code {_process.ExitCode} before it was listening. Its output:{Environment.NewLine}{Output}");
        }

        var port = int.Parse(ListeningLine().Match(listening).Groups[1].Value, CultureInfo.InvariantCulture);
        Address = new Uri($"http://127.0.0.1:{port}/");
    }
}
