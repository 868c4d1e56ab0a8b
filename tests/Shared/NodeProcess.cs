using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace InterviewBot.Testing;

/// <summary>
/// A server the tests run with Node.js from the repository's node_modules: its output recorded for failure messages,
/// its readiness line awaited, and its whole process tree killed on dispose.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Process _process;
    private Task _exited = Task.CompletedTask;
    private int _disposed;

    private NodeProcess(ProcessStartInfo startInfo, Func<string, bool> isReadyLine)
    {
        _process = new Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Record(e.Data);
            if (isReadyLine(e.Data))
            {
                _ready.TrySetResult(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Record(e.Data);
            }
        };
    }

    /// <summary>Everything the process printed so far, standard output and error interleaved as they arrived.</summary>
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

    /// <summary>The exit code, once the process has exited and before it is disposed.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The full path of a script installed under the repository, or a failure that says how to install it.</summary>
    /// <param name="tool">What the script is, as the message's subject: "Azurite is not installed".</param>
    /// <exception cref="InvalidOperationException">The script does not exist.</exception>
    public static string InstalledScript(string tool, string pathInRepository)
    {
        var root = RepositoryRoot.Find();
        var script = Path.Combine(root, pathInRepository);
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"{tool} is not installed: '{script}' does not exist. Run `npm ci` in '{root}' to install the tools pinned in package-lock.json, then run the tests again.");
        }

        return script;
    }

    /// <summary>Starts <c>node</c> with <paramref name="arguments"/>, the first being the script.</summary>
    /// <param name="tool">Who needs node, for the message when node is missing: "which Azurite needs".</param>
    /// <param name="isReadyLine">Recognises the line of standard output that says the server is ready.</param>
    /// <exception cref="InvalidOperationException">node is not on the PATH.</exception>
    public static NodeProcess Start(
        string tool,
        IEnumerable<string> arguments,
        Func<string, bool> isReadyLine,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        // node runs the script directly: a wrapper such as npx would be the process killed, leaving the server running.
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        var node = new NodeProcess(startInfo, isReadyLine);
        try
        {
            node._process.Start();
        }
        catch (Win32Exception ex)
        {
            node._process.Dispose();
            throw new InvalidOperationException($"Could not run `node`, which {tool} needs: install Node.js and put it on the PATH.", ex);
        }

        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        node._exited = node._process.WaitForExitAsync(CancellationToken.None);
        return node;
    }

    /// <summary>Waits for the ready line, and returns it; null when the process exited first.</summary>
    /// <exception cref="TimeoutException">Neither happened within <paramref name="timeout"/>; the process still runs.</exception>
    public async Task<string?> WaitForReadyLineAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var first = await Task.WhenAny(_ready.Task, _exited).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        return first == _ready.Task ? await _ready.Task.ConfigureAwait(false) : null;
    }

    /// <summary>Kills the process and everything it started, and waits until it has exited.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        using (_process)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            await _exited.ConfigureAwait(false);
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
