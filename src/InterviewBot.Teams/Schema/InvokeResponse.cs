namespace InterviewBot.Teams.Schema;

/// <summary>The HTTP status and JSON body the bot answers an invoke activity with.</summary>
public sealed record InvokeResponse(int Status, object? Body = null);
