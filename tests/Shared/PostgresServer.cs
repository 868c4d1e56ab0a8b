using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace InterviewBot.Testing;

/// <summary>
/// A real, throwaway PostgreSQL server from Debian's <c>postgresql</c> package: a fresh cluster in a temporary
/// directory, listening on a free loopback port (its sockets in that directory too), with one empty database.
/// Stopped and deleted on dispose. Use it as an xUnit fixture, or call <see cref="StartAsync"/>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>Where Debian installs each major version's server programs.</summary>
    public const string InstallRoot = "/usr/lib/postgresql";

    public const string DatabaseName = "interviewbot";

    private const string Superuser = "postgres";
    private const string ReadyMessage = "database system is ready to accept connections";
    private const int StartAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _output = new();
    private TemporaryDirectory? _directory;
    private string _binDirectory = string.Empty;
    private string? _runAs;
    private Process? _server;

    public int Port { get; private set; }

    /// <summary>The superuser's connection string for <see cref="DatabaseName"/>; the cluster trusts loopback connections.</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={Superuser};Database={DatabaseName};Timeout=30;Command Timeout=60";

    /// <summary>What initdb, the server and the other tools printed so far, for failure messages.</summary>
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

    /// <summary>Creates the cluster, starts the server and creates the database.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed, or the cluster failed to start.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_directory is not null)
        {
            throw new InvalidOperationException("PostgreSQL is already running.");
        }

        _binDirectory = FindBinDirectory();
        _directory = new TemporaryDirectory();
        try
        {
            // initdb refuses to run as root, and the server must own its data directory.
            if (Environment.UserName == "root")
            {
                _runAs = Superuser;
                await RunAsync("chown", [_runAs + ":", _directory.Path], asServerUser: false, cancellationToken).ConfigureAwait(false);
            }

            await RunAsync(Tool("initdb"), ["--pgdata", DataDirectory, "--username", Superuser, "--auth", "trust", "--encoding", "UTF8", "--no-locale", "--no-sync"], asServerUser: true, cancellationToken).ConfigureAwait(false);
            await StartServerAsync(cancellationToken).ConfigureAwait(false);
            await RunAsync(Tool("createdb"), ["--host", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--username", Superuser, DatabaseName], asServerUser: false, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await StopAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the server and deletes the cluster.</summary>
    public async Task StopAsync()
    {
        var server = _server;
        _server = null;
        if (server is not null)
        {
            using (server)
            {
                if (!server.HasExited)
                {
                    try
                    {
                        // A fast shutdown ends the sessions that connection pools still hold open.
                        await RunAsync(Tool("pg_ctl"), ["stop", "--pgdata", DataDirectory, "--mode", "fast", "--wait"], asServerUser: true, CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (InvalidOperationException)
                    {
                        server.Kill(entireProcessTree: true);
                    }
                }

                await server.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        _directory?.Dispose();
        _directory = null;
    }

    private string DataDirectory => _directory!.Combine("data");

    private string Tool(string name) => Path.Combine(_binDirectory, name);

    /// <summary>The newest installed major version's bin directory.</summary>
    private static string FindBinDirectory()
    {
        var candidates = Directory.Exists(InstallRoot)
            ? Directory.EnumerateDirectories(InstallRoot)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1, Bin: Path.Combine(d, "bin")))
                .Where(c => c.Version >= 0 && File.Exists(Path.Combine(c.Bin, "initdb")) && File.Exists(Path.Combine(c.Bin, "pg_ctl")) && File.Exists(Path.Combine(c.Bin, "postgres")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        return candidates.Count > 0
            ? candidates[0].Bin
            : throw new InvalidOperationException(
                $"PostgreSQL is not installed: no initdb, pg_ctl and postgres under {InstallRoot}/*/bin. The multi-instance tests need a real "
                + "PostgreSQL server. Install Debian's package (`apt-get install postgresql`; ./test.sh and .ci/run do this on first use), then run the tests again.");
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        // A port picked free can be taken before the server binds it; only that failure is worth another port.
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var outputBefore = Output.Length;
            var (server, readyLine) = StartServer(port);
            if (await WaitForReadyAsync(server, readyLine, cancellationToken).ConfigureAwait(false))
            {
                _server = server;
                Port = port;
                return;
            }

            await server.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            server.Dispose();
            var attemptOutput = Output[outputBefore..];
            if (attempt == StartAttempts || !attemptOutput.Contains("could not bind", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"PostgreSQL exited before it was ready. Its output:{Environment.NewLine}{Output}");
            }
        }
    }

    private (Process Server, Task ReadyLine) StartServer(int port)
    {
        string[] arguments =
        [
            "-D", DataDirectory,
            "-p", port.ToString(CultureInfo.InvariantCulture),
            "-k", _directory!.Path,
            "-c", "listen_addresses=127.0.0.1",

            // Durability is worth nothing for a cluster deleted after the run.
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
            "-c", "max_connections=200",
        ];
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = StartInfo(Tool("postgres"), arguments, asServerUser: true) };
        DataReceivedEventHandler record = (_, e) =>
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
        process.OutputDataReceived += record;
        process.ErrorDataReceived += record;
        Start(process);
        return (process, ready.Task);
    }

    /// <summary>True once the server says it accepts connections; false when it exited first.</summary>
    private async Task<bool> WaitForReadyAsync(Process server, Task readyLine, CancellationToken cancellationToken)
    {
        var exited = server.WaitForExitAsync(CancellationToken.None);
        try
        {
            return await Task.WhenAny(readyLine, exited).WaitAsync(StartTimeout, cancellationToken).ConfigureAwait(false) == readyLine;
        }
        catch (TimeoutException ex)
        {
            server.Kill(entireProcessTree: true);
            await exited.ConfigureAwait(false);
            server.Dispose();
            throw new InvalidOperationException($"PostgreSQL did not report ready within {StartTimeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{Output}", ex);
        }
    }

    /// <summary>Runs a tool to completion; a non-zero exit is a failure that shows its output.</summary>
    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asServerUser, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo(program, arguments, asServerUser) };
        var output = new StringBuilder();
        DataReceivedEventHandler record = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }

                Record(e.Data);
            }
        };
        process.OutputDataReceived += record;
        process.ErrorDataReceived += record;
        Start(process);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(ToolTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"`{Path.GetFileName(program)} {string.Join(' ', arguments)}` did not finish within {ToolTimeout.TotalSeconds:0} s. Output:{Environment.NewLine}{output}", ex);
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{Path.GetFileName(program)} {string.Join(' ', arguments)}` failed with exit code {process.ExitCode}. Output:{Environment.NewLine}{output}");
        }
    }

    private ProcessStartInfo StartInfo(string program, IReadOnlyList<string> arguments, bool asServerUser)
    {
        var runAs = asServerUser ? _runAs : null;
        var startInfo = new ProcessStartInfo(runAs is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory?.Path ?? Path.GetTempPath(),
        };
        if (runAs is not null)
        {
            // runuser stays the parent of the server, so killing the tree still reaches every PostgreSQL process.
            foreach (var argument in (string[])["-u", runAs, "--", program])
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["LC_ALL"] = "C";
        return startInfo;
    }

    private static void Start(Process process)
    {
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not run `{process.StartInfo.FileName}`: {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private void Record(string line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
