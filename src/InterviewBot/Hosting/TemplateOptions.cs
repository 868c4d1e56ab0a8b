namespace InterviewBot.Hosting;

/// <summary>Where extra scorecard templates live: every <c>*.json</c> file in <see cref="Directory"/> is loaded at start.</summary>
internal sealed class TemplateOptions
{
    public const string Section = "Templates";

    public string? Directory { get; set; }
}
