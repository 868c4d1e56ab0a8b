using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InterviewBot.Testing;

/// <summary>
/// A real Azurite table service (the official Azure Storage emulator) on a free loopback port, run from the
/// repository's node_modules and killed on dispose. Use it as an xUnit fixture, or call <see cref="StartAsync"/>.
/// </summary>
public sealed class AzuriteServer : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The development account's published key; it protects nothing.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string ReadyMessage = "Azurite Table service successfully started";
    private const int StartAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _output = new();
    private Process? _process;

    public int Port { get; private set; }

    /// <summary>A connection string for the development account on this server.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/{AccountName};";

    /// <summary>Everything Azurite printed so far, for failure messages.</summary>
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

    public Task InitializeAsync() => StartAsync();

    public Task DisposeAsync() => StopAsync();

    /// <summary>Starts Azurite and returns once it accepts requests.</summary>
    /// <exception cref="InvalidOperationException">Azurite is not installed (run <c>npm ci</c>), or failed to start.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("Azurite is already running.");
        }

        var root = RepositoryRoot.Find();
        var main = Path.Combine(root, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(main))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed: '{main}' does not exist. Run `npm ci` in '{root}' to install the tools pinned in package-lock.json, then run the tests again.");
        }

        // A port picked free can be taken before Azurite binds it; only that failure is worth another port.
        for (var attempt = 1; ; attempt++)
        {
            var process = await TryStartAsync(main, FreeLoopbackPort(), cancellationToken).ConfigureAwait(false);
            if (process is not null)
            {
                _process = process;
                return;
            }

            if (attempt == StartAttempts || !Output.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Azurite exited before it was ready. Its output:{Environment.NewLine}{Output}");
            }
        }
    }

    /// <summary>Kills Azurite and everything it started.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

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

            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<Process?> TryStartAsync(string main, int port, CancellationToken cancellationToken)
    {
        // node runs Azurite directly: a wrapper such as npx would be the process killed, leaving the server running.
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[]
        {
            main,
            "--tableHost", "127.0.0.1",
            "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--inMemoryPersistence",
            "--skipApiVersionCheck",
            "--disableProductStyleUrl",
            "--loose",
            "--disableTelemetry",
            "--silent",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Record(e.Data);
            if (e.Data.Contains(ReadyMessage, StringComparison.Ordinal))
            {
                ready.TrySetResult();
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
            throw new InvalidOperationException("Could not run `node`, which Azurite needs: install Node.js and put it on the PATH.", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync(CancellationToken.None);
        try
        {
            var first = await Task.WhenAny(ready.Task, exited).WaitAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
            if (first == ready.Task)
            {
                Port = port;
                return process;
            }

            process.Dispose();
            return null;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }

            await exited.ConfigureAwait(false);
            process.Dispose();
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new InvalidOperationException($"Azurite did not report ready within {StartTimeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{Output}", ex);
        }
    }

    private void Record(string line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
