namespace InterviewBot.Commands;

/// <summary>Whether the <c>demo</c> command is offered: always in Development, elsewhere only when enabled.</summary>
internal sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }
}
