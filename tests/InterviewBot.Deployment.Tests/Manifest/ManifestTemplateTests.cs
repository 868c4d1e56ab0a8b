using System.Text.Json;
using System.Text.RegularExpressions;
using InterviewBot.Deployment.Tests.Support;

namespace InterviewBot.Deployment.Tests.Manifest;

/// <summary>The Teams app manifest as written in manifest/manifest.json, before its placeholders are filled in.</summary>
public sealed partial class ManifestTemplateTests
{
    private static readonly JsonElement Manifest = Repository.ReadJson("manifest/manifest.json");

    private static JsonElement Bot => Assert.Single(Manifest.GetProperty("bots").EnumerateArray());

    [Fact]
    public void Template_Schema_IsTheOfficialTeamsSchemaOfVersion119OrNewer()
    {
        // Act
        var schema = Manifest.GetProperty("$schema").GetString()!;
        var manifestVersion = Manifest.GetProperty("manifestVersion").GetString()!;

        // Assert
        var match = OfficialSchema().Match(schema);
        Assert.True(match.Success, $"$schema '{schema}' is not the official Teams manifest schema URL.");
        var version = Version.Parse(match.Groups[1].Value);
        Assert.True(version >= new Version(1, 19), $"Manifest schema v{version} is older than v1.19.");
        Assert.Equal(match.Groups[1].Value, manifestVersion);
    }

    [Fact]
    public void Template_Bot_IsAvailableInPersonalChatsTeamsAndGroupChats()
    {
        // Act
        var scopes = Bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToList();

        // Assert
        Assert.Equal(["personal", "team", "groupChat"], scopes);
        Assert.Equal("{{BOT_ID}}", Bot.GetProperty("botId").GetString());
        Assert.False(Bot.GetProperty("isNotificationOnly").GetBoolean());
    }

    [Theory]
    [InlineData("personal", new[] { "help", "scorecards", "status", "remind", "debrief", "unlock" })]
    [InlineData("team", new[] { "help", "status", "remind", "debrief", "link", "unlock" })]
    [InlineData("groupChat", new[] { "help", "status", "remind", "debrief" })]
    public void Template_CommandList_OffersTheScopesCommands(string scope, string[] expected)
    {
        // Act
        var list = Assert.Single(CommandLists(), l => l.GetProperty("scopes").EnumerateArray().Any(s => s.GetString() == scope));
        var titles = list.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("title").GetString()).ToList();

        // Assert
        Assert.Equal(expected, titles);
    }

    [Fact]
    public void Template_Commands_FitTheTeamsCommandMenu()
    {
        foreach (var list in CommandLists())
        {
            var commands = list.GetProperty("commands").EnumerateArray().ToList();
            Assert.InRange(commands.Count, 1, 10);
            foreach (var command in commands)
            {
                var title = command.GetProperty("title").GetString()!;
                var description = command.GetProperty("description").GetString()!;
                Assert.InRange(title.Length, 1, 32);
                Assert.InRange(description.Length, 1, 128);
                Assert.DoesNotContain("\n", description, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Template_CommandsTakingACandidate_SayHowToNameIt()
    {
        var commands = CommandLists().SelectMany(l => l.GetProperty("commands").EnumerateArray());
        foreach (var command in commands.Where(c => c.GetProperty("title").GetString() is not ("help" or "scorecards")))
        {
            var title = command.GetProperty("title").GetString();
            Assert.StartsWith($"{title} <candidate", command.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Template_Icons_AreTheFilesInTheManifestFolder()
    {
        // Act
        var icons = Manifest.GetProperty("icons");

        // Assert
        Assert.True(File.Exists(Repository.PathOf("manifest/" + icons.GetProperty("color").GetString())));
        Assert.True(File.Exists(Repository.PathOf("manifest/" + icons.GetProperty("outline").GetString())));
    }

    [Fact]
    public void Template_ValidDomains_IsTheWebAppsDomainPlaceholder()
    {
        Assert.Equal(["{{DOMAIN}}"], Manifest.GetProperty("validDomains").EnumerateArray().Select(d => d.GetString()));
    }

    private static List<JsonElement> CommandLists() => [.. Bot.GetProperty("commandLists").EnumerateArray()];

    [GeneratedRegex(@"^https://developer\.microsoft\.com/(?:[a-z]{2}-[a-z]{2}/)?json-schemas/teams/v(1\.\d+)/MicrosoftTeams\.schema\.json$")]
    private static partial Regex OfficialSchema();
}
