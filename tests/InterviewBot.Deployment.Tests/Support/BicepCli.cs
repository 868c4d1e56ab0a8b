using System.Reflection;
using System.Text.RegularExpressions;

namespace InterviewBot.Deployment.Tests.Support;

/// <summary>The Bicep CLI from the NuGet package this project restores, run offline against the repository's infra/.</summary>
public static partial class BicepCli
{
    /// <summary>The binary, made executable if the package extraction dropped the bit.</summary>
    /// <exception cref="InvalidOperationException">The package was not restored, or the binary does not exist.</exception>
    public static string Path
    {
        get
        {
            var configured = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "BicepPath")?.Value;
            if (string.IsNullOrWhiteSpace(configured))
            {
                throw new InvalidOperationException(
                    "The Bicep CLI's location is unknown: the package Azure.Bicep.CommandLine.linux-x64 was not restored. Run `dotnet restore InterviewBot.sln` and build again.");
            }

            var path = System.IO.Path.GetFullPath(configured.Replace('\\', System.IO.Path.DirectorySeparatorChar));
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"The Bicep CLI is not at '{path}'. It comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (Linux x64 only): run `dotnet restore InterviewBot.sln`.");
            }

            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(path);
                const UnixFileMode Executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
                if ((mode & UnixFileMode.UserExecute) == 0)
                {
                    File.SetUnixFileMode(path, mode | Executable);
                }
            }

            return path;
        }
    }

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static Task<ToolResult> RunAsync(string workingDirectory, params string[] arguments) =>
        ToolRun.RunAsync(Path, workingDirectory, arguments);

    /// <summary>The warnings and errors in Bicep's output, one per line, as "file(line,column) : Level code: message".</summary>
    public static IReadOnlyList<string> Problems(ToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Output.Split('\n').Select(l => l.Trim()).Where(l => ProblemLine().IsMatch(l))];
    }

    [GeneratedRegex(@"\)\s:\s(Warning|Error)\s")]
    private static partial Regex ProblemLine();
}
