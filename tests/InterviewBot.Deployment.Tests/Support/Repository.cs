using System.Text.Json;
using InterviewBot.Testing;

namespace InterviewBot.Deployment.Tests.Support;

/// <summary>Files of the repository the deployment is made of.</summary>
public static class Repository
{
    public static string Root { get; } = RepositoryRoot.Find();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public static JsonElement ReadJson(string relativePath)
    {
        using var document = JsonDocument.Parse(ReadText(relativePath));
        return document.RootElement.Clone();
    }
}
