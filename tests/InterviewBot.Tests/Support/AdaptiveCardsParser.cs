using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using InterviewBot.Teams.Cards;
using InterviewBot.Testing;

namespace InterviewBot.Tests.Support;

/// <summary>
/// Runs the official Adaptive Cards parser (the npm package <c>adaptivecards</c>) over cards, through
/// <c>tests/tools/validate-cards.js</c>. A missing Node.js or package fails the test: a skipped check hides a broken card.
/// </summary>
internal static class AdaptiveCardsParser
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<CardProblem>> ProblemsAsync(string name, AdaptiveCard card) =>
        await ProblemsAsync(name, JsonNode.Parse(AdaptiveCardSerializer.Serialize(card))!);

    public static async Task<IReadOnlyList<CardProblem>> ProblemsAsync(string name, JsonNode card)
    {
        var root = RepositoryRoot.Find();
        var script = Path.Combine(root, "tests", "tools", "validate-cards.js");
        var library = Path.Combine(root, "node_modules", "adaptivecards", "dist", "adaptivecards.js");
        Assert.True(File.Exists(script), $"The card validator script is missing: {script}.");
        Assert.True(File.Exists(library), $"The npm package 'adaptivecards' is not installed ({library} is missing). Run 'npm ci' in the repository root before running the tests.");

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"Node.js is required to validate Adaptive Cards, and 'node' could not be started: {ex.Message}");
        }

        using (process)
        {
            Assert.NotNull(process);
            using var timeout = new CancellationTokenSource(Timeout);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            var input = new JsonArray(new JsonObject { ["name"] = name, ["card"] = card.DeepClone() });
            await process.StandardInput.WriteAsync(input.ToJsonString().AsMemory(), timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            var stdout = await output;
            var stderr = await error;
            Assert.True(process.ExitCode is 0 or 1, $"validate-cards.js failed (exit code {process.ExitCode}): {stdout}{stderr}");

            var report = JsonNode.Parse(stdout) ?? throw new Xunit.Sdk.XunitException("validate-cards.js wrote nothing.");
            var result = report["results"]!.AsArray().Single()!;
            return [.. result["problems"]!.AsArray().Select(p => new CardProblem((string)p!["kind"]!, (string)p["path"]!, (string)p["message"]!))];
        }
    }

    public static string Describe(IEnumerable<CardProblem> problems) =>
        string.Join(Environment.NewLine, problems.Select(p => $"{p.Kind} at {p.Path}: {p.Message}"));
}

internal sealed record CardProblem(string Kind, string Path, string Message);
