using System.Buffers;
using System.Collections.ObjectModel;
using System.Text.Json;

namespace InterviewBot.Storage.Tables.Embedded;

/// <summary>One committed write or batch: the rows of one partition it puts (with their new ETag) or removes.</summary>
internal sealed record JournalRecord(long Version, string Table, string PartitionKey, IReadOnlyList<RowWrite> Writes);

/// <summary>A row's new state in a <see cref="JournalRecord"/>; a null <see cref="Row"/> removes it.</summary>
internal sealed record RowWrite(string RowKey, StoredRow? Row);

/// <summary>
/// The line format of the journal and the snapshot: one JSON object per line, property values tagged with their type
/// so that an int stays an int and a date keeps every tick. Records forced to disk together (a commit group) are
/// consecutive lines; every line after a group's first is marked as continuing it, which tells a load where a
/// write cut short by a crash can end.
/// </summary>
internal static class JournalCodec
{
    private const string VersionField = "v";
    private const string TableField = "t";
    private const string PartitionField = "p";
    private const string WritesField = "w";
    private const string RowKeyField = "r";
    private const string ETagField = "e";
    private const string TimestampField = "ts";
    private const string PropertiesField = "c";
    private const string ContinuesGroupField = "g";
    private const string SnapshotField = "snapshot";

    private const string StringTag = "s";
    private const string BoolTag = "b";
    private const string Int32Tag = "i";
    private const string Int64Tag = "l";
    private const string DoubleTag = "d";
    private const string DateTag = "t";

    public static byte[] EncodeSnapshotHeader(long version)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber(SnapshotField, 1);
            writer.WriteNumber(VersionField, version);
            writer.WriteEndObject();
        }

        return Terminate(buffer);
    }

    public static long DecodeSnapshotHeader(ReadOnlyMemory<byte> line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (!root.TryGetProperty(SnapshotField, out var format) || format.GetInt32() != 1)
        {
            throw new InvalidDataException("The snapshot does not start with a version 1 header.");
        }

        return root.GetProperty(VersionField).GetInt64();
    }

    public static byte[] Encode(JournalRecord record, bool continuesGroup = false)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber(VersionField, record.Version);
            if (continuesGroup)
            {
                writer.WriteNumber(ContinuesGroupField, 1);
            }

            writer.WriteString(TableField, record.Table);
            writer.WriteString(PartitionField, record.PartitionKey);
            writer.WriteStartArray(WritesField);
            foreach (var write in record.Writes)
            {
                writer.WriteStartObject();
                writer.WriteString(RowKeyField, write.RowKey);
                if (write.Row is { } row)
                {
                    writer.WriteString(ETagField, row.ETag);
                    writer.WriteNumber(TimestampField, row.Timestamp.GetValueOrDefault().UtcTicks);
                    writer.WriteStartObject(PropertiesField);
                    foreach (var (name, value) in row.Properties)
                    {
                        WriteProperty(writer, name, value);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Terminate(buffer);
    }

    public static JournalRecord Decode(ReadOnlyMemory<byte> line) => Decode(line, out _);

    /// <param name="line">One line without its terminating newline.</param>
    /// <param name="continuesGroup">Whether the line was written after another one of its commit group.</param>
    public static JournalRecord Decode(ReadOnlyMemory<byte> line, out bool continuesGroup)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        continuesGroup = root.TryGetProperty(ContinuesGroupField, out _);
        var version = root.GetProperty(VersionField).GetInt64();
        var table = RequiredString(root, TableField);
        var partitionKey = RequiredString(root, PartitionField);
        var writesElement = root.GetProperty(WritesField);
        var writes = new List<RowWrite>(writesElement.GetArrayLength());
        foreach (var element in writesElement.EnumerateArray())
        {
            var rowKey = RequiredString(element, RowKeyField);
            if (!element.TryGetProperty(ETagField, out var etag))
            {
                writes.Add(new RowWrite(rowKey, null));
                continue;
            }

            var timestamp = new DateTimeOffset(element.GetProperty(TimestampField).GetInt64(), TimeSpan.Zero);
            var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in element.GetProperty(PropertiesField).EnumerateObject())
            {
                properties[property.Name] = ReadValue(property.Value);
            }

            var row = new StoredRow(partitionKey, rowKey, new ReadOnlyDictionary<string, object?>(properties))
            {
                ETag = etag.GetString(),
                Timestamp = timestamp,
            };
            writes.Add(new RowWrite(rowKey, row));
        }

        return new JournalRecord(version, table, partitionKey, writes);
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object? value)
    {
        writer.WriteStartObject(name);
        switch (value)
        {
            case string s:
                writer.WriteString(StringTag, s);
                break;
            case bool b:
                writer.WriteBoolean(BoolTag, b);
                break;
            case int i:
                writer.WriteNumber(Int32Tag, i);
                break;
            case long l:
                writer.WriteNumber(Int64Tag, l);
                break;
            case double d:
                // Utf8JsonWriter writes the shortest text that parses back to the same double.
                writer.WriteNumber(DoubleTag, d);
                break;
            case DateTimeOffset t:
                writer.WriteNumber(DateTag, t.UtcTicks);
                break;
            default:
                throw new InvalidOperationException($"Property '{name}' has a type the store does not keep ({value?.GetType().Name ?? "null"}).");
        }

        writer.WriteEndObject();
    }

    private static object ReadValue(JsonElement tagged)
    {
        foreach (var value in tagged.EnumerateObject())
        {
            return value.Name switch
            {
                StringTag => value.Value.GetString()!,
                BoolTag => value.Value.GetBoolean(),
                Int32Tag => value.Value.GetInt32(),
                Int64Tag => value.Value.GetInt64(),
                DoubleTag => value.Value.GetDouble(),
                DateTag => new DateTimeOffset(value.Value.GetInt64(), TimeSpan.Zero),
                _ => throw new InvalidDataException($"Unknown value type '{value.Name}'."),
            };
        }

        throw new InvalidDataException("A property has no value.");
    }

    private static string RequiredString(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidDataException($"Field '{name}' is null.");

    private static byte[] Terminate(ArrayBufferWriter<byte> buffer)
    {
        var line = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(line);
        line[^1] = (byte)'\n';
        return line;
    }
}
