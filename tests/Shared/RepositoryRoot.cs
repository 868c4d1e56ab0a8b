namespace InterviewBot.Testing;

/// <summary>Finds the repository the tests were built from, for tools it installs (node_modules) and files it holds.</summary>
public static class RepositoryRoot
{
    private const string Marker = "InterviewBot.sln";

    /// <summary>The nearest directory above the test binaries that holds the solution file.</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, Marker)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {Marker} found above {AppContext.BaseDirectory}; run the tests from a checkout of the repository.");
    }
}
