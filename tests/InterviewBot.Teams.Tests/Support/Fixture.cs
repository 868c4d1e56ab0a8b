using System.Text.Json;
using InterviewBot.Teams.Schema;

namespace InterviewBot.Teams.Tests.Support;

/// <summary>Teams payloads written in the shapes Microsoft documents, kept as JSON files.</summary>
internal static class Fixture
{
    public const string PersonalMessage = "message-personal.json";
    public const string ChannelMessageWithMention = "message-channel-mention.json";
    public const string MembersAdded = "conversation-update-members-added.json";
    public const string InstallationAdd = "installation-update-add.json";
    public const string AdaptiveCardAction = "invoke-adaptive-card-action.json";
    public const string ActionSubmit = "message-action-submit.json";

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static Activity Activity(string name) =>
        JsonSerializer.Deserialize<Activity>(Read(name), TeamsJson.Options) ?? throw new InvalidOperationException($"{name} is null");
}
