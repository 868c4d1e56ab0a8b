using System.Text.RegularExpressions;
using InterviewBot.Deployment.Tests.Support;

namespace InterviewBot.Deployment.Tests.Container;

/// <summary>
/// The Dockerfile read as the Docker builder reads it: no engine runs here, so these facts are checked on the file
/// itself, and the restore and publish it performs are what <c>dotnet publish -c Release</c> does on the same files.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] Lines = [.. Repository.ReadText("Dockerfile").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    private static readonly string[] Ignored = [.. Repository.ReadText(".dockerignore").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    [Fact]
    public void Stages_BuildWithTheSdkAndRunOnTheAspNetRuntime()
    {
        // Act
        var images = Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToList();

        // Assert
        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0"], images);
    }

    [Fact]
    public void Copy_EverySourceFromTheBuildContext_ExistsAndIsNotIgnored()
    {
        // Act
        var sources = Lines
            .Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToList();

        // Assert
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            var path = Repository.PathOf(source.TrimEnd('/'));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"The Dockerfile copies '{source}', which does not exist.");
            Assert.DoesNotContain(source.TrimEnd('/') + "/", Ignored);
            Assert.DoesNotContain(source, Ignored);
        }
    }

    [Fact]
    public void Restore_BeforeTheCodeIsCopied_CopiesEveryProjectTheAppReferences()
    {
        // Arrange
        var restore = Array.FindIndex(Lines, l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var copiedBefore = Lines[..restore].Where(l => l.StartsWith("COPY ", StringComparison.Ordinal)).SelectMany(l => l.Split(' ')[1..^1]).ToHashSet();

        // Act
        var projects = ProjectReference().Matches(Repository.ReadText("src/InterviewBot/InterviewBot.csproj"))
            .Select(m => "src/" + m.Groups[1].Value.Replace("..\\", string.Empty, StringComparison.Ordinal).Replace('\\', '/'))
            .Append("src/InterviewBot/InterviewBot.csproj")
            .ToList();

        // Assert
        Assert.True(restore > 0, "The Dockerfile has no `RUN dotnet restore` step.");
        Assert.All(projects, p => Assert.Contains(p, copiedBefore));
        Assert.All(["global.json", "Directory.Build.props", "Directory.Packages.props"], f => Assert.Contains(f, copiedBefore));
        Assert.DoesNotContain(copiedBefore, s => s.StartsWith("src/", StringComparison.Ordinal) && !s.EndsWith(".csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void Runtime_RunsAsTheUnprivilegedUserOnPort8080()
    {
        // Act
        var runtime = Lines.SkipWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet", StringComparison.Ordinal)).ToList();

        // Assert
        Assert.Contains("USER $APP_UID", runtime);
        Assert.Contains(runtime, l => l.Contains("ASPNETCORE_HTTP_PORTS=8080", StringComparison.Ordinal));
        Assert.Contains("EXPOSE 8080", runtime);
        Assert.Equal("ENTRYPOINT [\"dotnet\", \"InterviewBot.dll\"]", runtime[^1]);
    }

    [Fact]
    public void Image_NeverContainsTestsOrLocalData()
    {
        // Assert
        Assert.DoesNotContain(Lines, l => l.StartsWith("COPY ", StringComparison.Ordinal) && l.Contains("tests", StringComparison.Ordinal));
        Assert.Contains("RUN dotnet publish src/InterviewBot/InterviewBot.csproj --configuration Release --no-restore --output /app /p:UseAppHost=false", Lines);
        foreach (var excluded in new[] { "tests/", "**/bin/", "**/obj/", "**/node_modules/", ".git/", "src/InterviewBot/data/" })
        {
            Assert.Contains(excluded, Ignored);
        }
    }

    [GeneratedRegex(@"<ProjectReference\s+Include=""([^""]+)""")]
    private static partial Regex ProjectReference();
}
