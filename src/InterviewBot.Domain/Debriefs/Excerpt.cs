using System.Text;

namespace InterviewBot.Domain.Debriefs;

/// <summary>Shortens what people wrote to a readable excerpt: one line, cut at a word boundary, marked with "…" when cut.</summary>
public static class Excerpt
{
    /// <summary>About three sentences: enough to see what an interviewer based a score on.</summary>
    public const int DefaultLength = 300;

    /// <summary>
    /// <paramref name="text"/> on one line (runs of white space become one space, control characters go) and at most
    /// <paramref name="maxLength"/> characters long, "…" included.
    /// </summary>
    public static string Of(string? text, int maxLength = DefaultLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        // Reads no further than needed, so a long text costs no more than a short one.
        var line = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = line.Length > 0;
                continue;
            }

            if (char.IsControl(c))
            {
                continue;
            }

            if (space)
            {
                line.Append(' ');
                space = false;
            }

            line.Append(c);
            if (line.Length > maxLength)
            {
                break;
            }
        }

        if (line.Length <= maxLength)
        {
            return line.ToString();
        }

        // Cut at the last space that keeps at least half the room; one long "word" is cut where it must be.
        var room = maxLength - 1;
        var cut = room;
        for (var i = room; i >= room / 2; i--)
        {
            if (line[i] == ' ')
            {
                cut = i;
                break;
            }
        }

        if (cut > 1 && char.IsHighSurrogate(line[cut - 1]))
        {
            cut--;
        }

        return line.ToString(0, cut).TrimEnd() + "…";
    }
}
