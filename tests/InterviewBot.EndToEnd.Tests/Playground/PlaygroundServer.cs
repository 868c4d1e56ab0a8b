using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
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

    private readonly StringBuilder _output = new();
    private readonly string _workingDirectory;
    private Process? _process;

    private PlaygroundServer(string workingDirectory) => _workingDirectory = workingDirectory;

    /// <summary>Where the Playground serves its UI, its conversation API, its WebSocket and its connector.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Everything the Playground printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the Playground for the bot at <paramref name="botEndpoint"/> and returns once it listens.</summary>
    /// <exception cref="InvalidOperationException">The package is not installed, node is missing, or the Playground did not start.</exception>
    public static async Task<PlaygroundServer> StartAsync(Uri botEndpoint)
    {
        var root = RepositoryRoot.Find();
        var cli = Path.Combine(root, PackagePath);
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException(
                $"The Microsoft 365 Agents Playground is not installed: '{cli}' does not exist. Run `npm ci` in '{root}' to install the tools pinned in package-lock.json, then run the tests again.");
        }

        // It writes a devTools log into its working directory; a directory of its own keeps the checkout clean.
        var workingDirectory = Path.Combine(Path.GetTempPath(), "interviewbot-playground-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workingDirectory);
        var server = new PlaygroundServer(workingDirectory);
        try
        {
            await server.RunAsync(cli, botEndpoint);
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
        var process = _process;
        _process = null;
        if (process is not null)
        {
            using (process)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Already exited.
                }

                await process.WaitForExitAsync();
            }
        }

        if (Directory.Exists(_workingDirectory))
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningLine();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync(string cli, Uri botEndpoint)
    {
        // node runs the CLI directly: a wrapper such as npx would be the process killed, leaving the server running.
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _workingDirectory,
        };
        foreach (var argument in new[]
        {
            cli,
            "--app-endpoint", botEndpoint.ToString(),
            "--channel-id", "msteams",
            // The default port is 56150; a developer's own Playground may hold it. If the port is taken anyway the
            // Playground picks a random one and says so, which is why the port is read from its output.
            "--port", FreeLoopbackPort().ToString(CultureInfo.InvariantCulture),
            "--disable-telemetry",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["TEAMSAPPTESTER_BROWSER"] = "none";

        var process = new Process { StartInfo = startInfo };
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Record(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Record(e.Data);
            }
        };

        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException("Could not run `node`, which the Agents Playground needs: install Node.js and put it on the PATH.", ex);
        }

        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        Task first;
        try
        {
            first = await Task.WhenAny(listening.Task, exited).WaitAsync(StartTimeout);
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException($"The Agents Playground did not say it was listening within {StartTimeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{Output}", ex);
        }

        if (first != listening.Task)
        {
            throw new InvalidOperationException($"The Agents Playground exited with code {process.ExitCode} before it was listening. Its output:{Environment.NewLine}{Output}");
        }

        Address = new Uri($"http://127.0.0.1:{await listening.Task}/");
    }

    private void Record(string line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
