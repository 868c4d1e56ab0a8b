using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace InterviewBot.Deployment.Tests.Support;

/// <summary>One pixel, 8 bits per channel.</summary>
public readonly record struct Rgba(byte R, byte G, byte B, byte A)
{
    public bool IsWhite => R == 255 && G == 255 && B == 255;

    public override string ToString() => $"#{R:X2}{G:X2}{B:X2} alpha {A}";
}

/// <summary>
/// A decoded PNG, enough of the format to check the app icons: 8-bit truecolour with or without alpha, not interlaced.
/// Anything else is refused with a message rather than misread.
/// </summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    private readonly Rgba[] _pixels;

    private PngImage(int width, int height, Rgba[] pixels)
    {
        Width = width;
        Height = height;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public IEnumerable<Rgba> Pixels => _pixels;

    public Rgba this[int x, int y] => _pixels[(y * Width) + x];

    public static PngImage Read(string path) => Read(File.ReadAllBytes(path));

    public static PngImage Read(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length < Signature.Length || !file.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new InvalidDataException("Not a PNG file: the signature is missing.");
        }

        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        var offset = Signature.Length;
        while (offset + 8 <= file.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            var type = Encoding.ASCII.GetString(file, offset + 4, 4);
            var data = file.AsSpan(offset + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    var (bitDepth, colorType, interlace) = (data[8], data[9], data[12]);
                    if (bitDepth != 8 || interlace != 0 || colorType is not (2 or 6))
                    {
                        throw new NotSupportedException($"Only 8-bit, non-interlaced RGB or RGBA PNGs are read here (bit depth {bitDepth}, colour type {colorType}, interlace {interlace}).");
                    }

                    channels = colorType == 6 ? 4 : 3;
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
                case "IEND":
                    return new PngImage(width, height, Decode(compressed.ToArray(), width, height, channels));
            }

            offset += 12 + length; // length, type, data, CRC
        }

        throw new InvalidDataException("The PNG file ends before its IEND chunk.");
    }

    private static Rgba[] Decode(byte[] compressed, int width, int height, int channels)
    {
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * channels;
        if (raw.Length != height * (stride + 1))
        {
            throw new InvalidDataException($"The image data is {raw.Length} bytes, expected {height * (stride + 1)} for {width}x{height}.");
        }

        var previous = new byte[stride];
        var current = new byte[stride];
        var pixels = new Rgba[width * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            Array.Copy(raw, (y * (stride + 1)) + 1, current, 0, stride);
            Unfilter(filter, current, previous, channels);
            for (var x = 0; x < width; x++)
            {
                var i = x * channels;
                pixels[(y * width) + x] = new Rgba(current[i], current[i + 1], current[i + 2], channels == 4 ? current[i + 3] : (byte)255);
            }

            (previous, current) = (current, previous);
        }

        return pixels;
    }

    private static void Unfilter(byte filter, byte[] line, byte[] above, int bytesPerPixel)
    {
        for (var i = 0; i < line.Length; i++)
        {
            int left = i >= bytesPerPixel ? line[i - bytesPerPixel] : 0;
            int up = above[i];
            int upLeft = i >= bytesPerPixel ? above[i - bytesPerPixel] : 0;
            line[i] = filter switch
            {
                0 => line[i],
                1 => (byte)(line[i] + left),
                2 => (byte)(line[i] + up),
                3 => (byte)(line[i] + ((left + up) / 2)),
                4 => (byte)(line[i] + Paeth(left, up, upLeft)),
                _ => throw new InvalidDataException($"Unknown PNG filter type {filter}."),
            };
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
