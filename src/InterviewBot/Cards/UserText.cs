using InterviewBot.Teams.Cards;

namespace InterviewBot.Cards;

/// <summary>
/// Shows text that people typed. It goes into TextRuns, which Teams never reads as markdown, so names and
/// evidence cannot become links, mentions or formatting; control characters are dropped and length is capped.
/// </summary>
internal static class UserText
{
    public static RichTextBlock Block(string? text, int maxLength = 4000, bool subtle = false) =>
        new([new TextRun(Clean(text, maxLength)) { IsSubtle = subtle ? true : null }]);

    public static RichTextBlock Labelled(string label, string? text, int maxLength = 4000) =>
        new([new TextRun(label + " ") { Weight = TextWeight.Bolder }, new TextRun(Clean(text, maxLength))]);

    /// <summary>Removes control characters other than line breaks and tabs, and trims to <paramref name="maxLength"/> characters.</summary>
    public static string Clean(string? text, int maxLength = 4000)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var cleaned = new string(text.Where(c => c is '\n' or '\t' || !char.IsControl(c)).ToArray()).Trim();
        return cleaned.Length <= maxLength ? cleaned : string.Concat(cleaned.AsSpan(0, maxLength - 1), "…");
    }
}
