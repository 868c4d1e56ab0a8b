namespace InterviewBot.Teams.Schema;

/// <summary>The values Teams puts in <c>conversation.conversationType</c>.</summary>
public static class ConversationTypes
{
    public const string Personal = "personal";
    public const string GroupChat = "groupChat";
    public const string Channel = "channel";
}
