using InterviewBot.Cards;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Cards;

public sealed class UserTextTests
{
    [Fact]
    public void Block_ControlCharacters_AreDroppedButLineBreaksKept()
    {
        var card = CardJson.Of(new InterviewBot.Teams.Cards.AdaptiveCard { Body = [UserText.Block("first\u0000\u0007\u001b[31m line\r\nsecond line\u200b")] });

        var text = (string?)CardJson.OfType(card, "TextRun").Single()["text"];

        Assert.Equal("first[31m line\nsecond line\u200b", text);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("   ", "")]
    [InlineData("  padded  ", "padded")]
    public void Clean_BlankOrPadded_IsTrimmed(string? input, string expected)
    {
        Assert.Equal(expected, UserText.Clean(input));
    }

    [Fact]
    public void Clean_LongerThanTheCap_EndsWithAnEllipsisAtTheCap()
    {
        var cleaned = UserText.Clean(new string('x', 5000), 4000);

        Assert.Equal(4000, cleaned.Length);
        Assert.EndsWith("x…", cleaned, StringComparison.Ordinal);
    }
}
