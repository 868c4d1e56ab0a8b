namespace InterviewBot.Teams.Schema;

/// <summary>The activity types a Teams bot receives or sends, as they appear in <c>Activity.type</c>.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string MessageReaction = "messageReaction";
    public const string Typing = "typing";
    public const string Event = "event";
}
