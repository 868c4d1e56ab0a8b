namespace InterviewBot.Api;

/// <summary>Who may call the REST API: callers presenting one of <see cref="Keys"/> in the <c>X-Api-Key</c> header.</summary>
internal sealed class ApiOptions
{
    public const string Section = "Api";

    public List<string> Keys { get; set; } = [];
}
