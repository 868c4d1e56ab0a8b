using System.Net;
using System.Text.RegularExpressions;

namespace InterviewBot.Teams.Schema;

/// <summary>Removes a bot's @mention from message text.</summary>
internal static partial class MentionText
{
    public static string Remove(Activity activity, string? botId)
    {
        var text = activity.Text ?? string.Empty;
        if (!string.IsNullOrEmpty(botId))
        {
            foreach (var form in MentionFormsOf(activity, botId))
            {
                text = text.Replace(form, " ", StringComparison.OrdinalIgnoreCase);
            }
        }

        // Teams HTML-encodes what the user typed (&nbsp;, &amp;) once the mention markup is in the text.
        text = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
        return RunOfSpaces().Replace(text, " ").Trim();
    }

    // The entity's text is what Teams guarantees, but clients are inconsistent about a leading "@"
    // inside <at>…</at>, and some send the tag with no entity at all; every form is removed.
    private static IEnumerable<string> MentionFormsOf(Activity activity, string botId)
    {
        var names = new List<string?>();
        foreach (var entity in activity.Entities ?? [])
        {
            var mentioned = entity.GetMentioned();
            if (mentioned is null || !string.Equals(mentioned.Id, botId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (entity.GetMentionText() is { Length: > 0 } mentionText)
            {
                yield return mentionText;
            }

            names.Add(mentioned.Name);
        }

        if (string.Equals(activity.Recipient?.Id, botId, StringComparison.OrdinalIgnoreCase))
        {
            names.Add(activity.Recipient?.Name);
        }

        foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            yield return $"<at>{name}</at>";
            yield return $"<at>@{name}</at>";
            yield return $"<at>{WebUtility.HtmlEncode(name)}</at>";
        }
    }

    [GeneratedRegex("[ \\t]{2,}")]
    private static partial Regex RunOfSpaces();
}
