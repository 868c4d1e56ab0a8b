using InterviewBot.Domain.Debriefs;

namespace InterviewBot.Domain.Tests.Debriefs;

public sealed class ExcerptTests
{
    [Fact]
    public void Of_ShortText_IsUnchanged()
    {
        Assert.Equal("Sized the cache from p99 latency.", Excerpt.Of("  Sized the cache from p99 latency.  "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void Of_NoText_IsEmpty(string? text)
    {
        Assert.Equal(string.Empty, Excerpt.Of(text));
    }

    [Fact]
    public void Of_LinesAndControlCharacters_BecomeOneLine()
    {
        Assert.Equal("First line. Second line.", Excerpt.Of("First line.\r\n\r\n  Second\u0007 line."));
    }

    [Fact]
    public void Of_LongText_IsCutAtAWordBoundaryWithAnEllipsis()
    {
        var excerpt = Excerpt.Of("alpha beta gamma delta epsilon", 14);

        Assert.Equal("alpha beta…", excerpt);
    }

    [Fact]
    public void Of_OneLongWord_IsCutWhereItMust()
    {
        var excerpt = Excerpt.Of(new string('x', 50), 10);

        Assert.Equal(new string('x', 9) + "…", excerpt);
    }

    [Fact]
    public void Of_TextExactlyAtTheLimit_IsNotCut()
    {
        Assert.Equal("abcd efghi", Excerpt.Of("abcd efghi", 10));
    }

    [Fact]
    public void Of_CutInsideASurrogatePair_KeepsThePairWhole()
    {
        var excerpt = Excerpt.Of(new string('x', 8) + "😀😀😀", 10);

        Assert.Equal(new string('x', 8) + "…", excerpt);
        Assert.DoesNotContain(excerpt, char.IsSurrogate);
    }
}
