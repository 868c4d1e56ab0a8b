using System.Globalization;
using InterviewBot.Deployment.Tests.Support;
using InterviewBot.Testing;

namespace InterviewBot.Deployment.Tests.Manifest;

/// <summary>The two icons Teams shows for the app: what the Teams app validation asks of them, and that the script in the repository draws them.</summary>
public sealed class IconTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    private static PngImage Color => PngImage.Read(Repository.PathOf("manifest/color.png"));

    private static PngImage Outline => PngImage.Read(Repository.PathOf("manifest/outline.png"));

    [Fact]
    public void ColorIcon_Size_Is192By192AndOpaque()
    {
        // Act
        var icon = Color;

        // Assert
        Assert.Equal((192, 192), (icon.Width, icon.Height));
        Assert.All(icon.Pixels, p => Assert.Equal(255, p.A));
    }

    [Fact]
    public void ColorIcon_Background_IsTheManifestsAccentColorWithAWhiteSymbol()
    {
        // Arrange
        var accent = Repository.ReadJson("manifest/manifest.json").GetProperty("accentColor").GetString()!;
        var expected = new Rgba(Hex(accent, 1), Hex(accent, 3), Hex(accent, 5), 255);

        // Act
        var icon = Color;

        // Assert
        Assert.Equal(expected, icon[0, 0]);
        Assert.Equal(expected, icon[191, 191]);
        Assert.Contains(icon.Pixels, p => p.IsWhite);
    }

    [Fact]
    public void OutlineIcon_Size_Is32By32()
    {
        // Act
        var icon = Outline;

        // Assert
        Assert.Equal((32, 32), (icon.Width, icon.Height));
    }

    [Fact]
    public void OutlineIcon_EveryPixel_IsWhiteOrFullyTransparent()
    {
        // Act
        var icon = Outline;

        // Assert
        for (var y = 0; y < icon.Height; y++)
        {
            for (var x = 0; x < icon.Width; x++)
            {
                var pixel = icon[x, y];
                Assert.True(pixel.A == 0 || pixel.IsWhite, $"Pixel ({x}, {y}) is {pixel}: an outline icon may only be white on transparent.");
            }
        }
    }

    [Fact]
    public void OutlineIcon_Background_IsTransparentAroundAVisibleSymbol()
    {
        // Act
        var icon = Outline;

        // Assert
        for (var i = 0; i < 32; i++)
        {
            Assert.Equal(0, icon[i, 0].A);
            Assert.Equal(0, icon[i, 31].A);
            Assert.Equal(0, icon[0, i].A);
            Assert.Equal(0, icon[31, i].A);
        }

        Assert.InRange(icon.Pixels.Count(p => p.A == 255), 60, 600);
    }

    [Fact]
    public async Task DrawIcons_RunAgain_ReproducesTheCommittedIconsByteForByte()
    {
        // Act
        var result = await ToolRun.NodeAsync("manifest/scripts/draw-icons.mjs", _scratch.Path);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(File.ReadAllBytes(Repository.PathOf("manifest/color.png")), File.ReadAllBytes(_scratch.Combine("color.png")));
        Assert.Equal(File.ReadAllBytes(Repository.PathOf("manifest/outline.png")), File.ReadAllBytes(_scratch.Combine("outline.png")));
    }

    public void Dispose() => _scratch.Dispose();

    private static byte Hex(string color, int start) => byte.Parse(color.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
