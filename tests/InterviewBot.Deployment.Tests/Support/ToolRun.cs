using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using InterviewBot.Testing;

namespace InterviewBot.Deployment.Tests.Support;

/// <summary>What a command-line tool printed and how it exited.</summary>
public sealed record ToolResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit code {ExitCode}; output:{Environment.NewLine}{Output}";
}

/// <summary>Runs the command-line tools the deployment is built with, to completion, and captures what they print.</summary>
public static class ToolRun
{
    /// <summary>Long enough for a cold Bicep or Node.js start on a loaded CI machine.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs a script of the repository with Node.js from the repository root and waits for it to exit.</summary>
    public static async Task<ToolResult> NodeAsync(string script, params string[] arguments)
    {
        var root = RepositoryRoot.Find();
        var path = Path.Combine(root, script);
        Assert.True(File.Exists(path), $"The script {script} does not exist in {root}.");
        await using var node = NodeProcess.Start($"the script {script}", [path, .. arguments], _ => false, root);
        string? ready;
        try
        {
            ready = await node.WaitForReadyLineAsync(Timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"node {script} did not finish within {Timeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{node.Output}", ex);
        }

        Assert.Null(ready);
        return new ToolResult(node.ExitCode, node.Output);
    }

    /// <summary>Runs an executable and waits for it to exit.</summary>
    /// <exception cref="InvalidOperationException">The executable could not be started.</exception>
    public static async Task<ToolResult> RunAsync(string fileName, string workingDirectory, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
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

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not run '{fileName}': {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' did not finish within {Timeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{Text(output)}");
        }

        return new ToolResult(process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
