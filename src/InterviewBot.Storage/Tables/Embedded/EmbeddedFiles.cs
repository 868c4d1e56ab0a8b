using System.Text;

namespace InterviewBot.Storage.Tables.Embedded;

/// <summary>
/// The files of an embedded store's directory: an exclusive lock, an append-only journal of committed writes and a
/// snapshot the journal is compacted into. Not thread-safe: the store serialises its writers.
/// </summary>
internal sealed class EmbeddedFiles : IDisposable
{
    public const string LockFileName = "store.lock";
    public const string JournalFileName = "journal.jsonl";
    public const string SnapshotFileName = "snapshot.jsonl";

    private readonly FileStream _lock;
    private FileStream? _journal;
    private bool _broken;

    public EmbeddedFiles(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        _lock = AcquireLock(directory);
    }

    public string Directory { get; }

    public string JournalPath => Path.Combine(Directory, JournalFileName);

    public string SnapshotPath => Path.Combine(Directory, SnapshotFileName);

    /// <summary>Bytes in the journal since the last compaction.</summary>
    public long JournalLength { get; private set; }

    /// <summary>
    /// Replays the snapshot, then the journal records it does not already contain. A last journal line that is
    /// unterminated or unreadable is a write that never returned and is ignored; an unreadable line before it is
    /// corruption and fails.
    /// </summary>
    public LoadResult Load(Action<JournalRecord> apply)
    {
        long snapshotVersion = 0, version = 0, records = 0;
        if (File.Exists(SnapshotPath))
        {
            using var reader = new StreamReader(SnapshotPath, Encoding.UTF8);
            var lineNumber = 1;
            var header = reader.ReadLine() ?? throw Corrupt(SnapshotPath, lineNumber, null);
            snapshotVersion = version = DecodeOrThrow(SnapshotPath, lineNumber, () => JournalCodec.DecodeSnapshotHeader(Encoding.UTF8.GetBytes(header)));
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                apply(DecodeOrThrow(SnapshotPath, lineNumber, () => JournalCodec.Decode(Encoding.UTF8.GetBytes(line))));
            }
        }

        long tornBytes = 0;
        var journal = File.Exists(JournalPath) ? File.ReadAllBytes(JournalPath) : [];
        var start = 0;
        var journalLineNumber = 0;
        while (start < journal.Length)
        {
            journalLineNumber++;
            var end = Array.IndexOf(journal, (byte)'\n', start);
            if (end < 0)
            {
                tornBytes = journal.Length - start;
                break;
            }

            var line = journal.AsMemory(start, end - start);
            var isLast = end == journal.Length - 1;
            JournalRecord record;
            try
            {
                record = JournalCodec.Decode(line);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                if (!isLast)
                {
                    throw Corrupt(JournalPath, journalLineNumber, ex);
                }

                tornBytes = journal.Length - start;
                break;
            }

            if (record.Version > snapshotVersion)
            {
                apply(record);
                version = Math.Max(version, record.Version);
                records++;
            }

            start = end + 1;
        }

        return new LoadResult(version, records, journal.Length, tornBytes);
    }

    /// <summary>Opens the journal for appending; call after <see cref="Load"/>.</summary>
    public void OpenJournal()
    {
        _journal = new FileStream(JournalPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);
        JournalLength = _journal.Seek(0, SeekOrigin.End);
    }

    /// <summary>Appends one line and forces it to disk before returning.</summary>
    public void Append(byte[] line)
    {
        var journal = _journal ?? throw new InvalidOperationException("The journal is not open.");
        if (_broken)
        {
            throw new IOException($"An earlier write to {JournalPath} failed and could not be undone; reopen the store.");
        }

        try
        {
            journal.Write(line);
            journal.Flush(flushToDisk: true);
            JournalLength += line.Length;
        }
        catch (Exception)
        {
            // A partial line followed by later records would read as corruption: cut it off, or refuse further writes.
            try
            {
                journal.SetLength(JournalLength);
                journal.Position = JournalLength;
            }
            catch (IOException)
            {
                _broken = true;
            }

            throw;
        }
    }

    /// <summary>
    /// Writes every row into a new snapshot, swaps it in atomically and empties the journal. A crash in between
    /// leaves the old snapshot and the full journal, or the new snapshot and journal records it already holds
    /// (skipped by version at the next load).
    /// </summary>
    public void Compact(long version, IEnumerable<JournalRecord> rows)
    {
        var temporaryPath = SnapshotPath + ".tmp";
        using (var snapshot = new FileStream(temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        {
            snapshot.Write(JournalCodec.EncodeSnapshotHeader(version));
            foreach (var record in rows)
            {
                snapshot.Write(JournalCodec.Encode(record));
            }

            snapshot.Flush(flushToDisk: true);
        }

        File.Move(temporaryPath, SnapshotPath, overwrite: true);

        // On journaling file systems the flush below also commits the rename above, which came first.
        var journal = _journal ?? throw new InvalidOperationException("The journal is not open.");
        journal.SetLength(0);
        journal.Position = 0;
        journal.Flush(flushToDisk: true);
        JournalLength = 0;
    }

    public void Dispose()
    {
        _journal?.Dispose();
        _lock.Dispose();
    }

    private static FileStream AcquireLock(string directory)
    {
        var path = Path.Combine(directory, LockFileName);
        try
        {
            // FileShare.None takes an exclusive OS lock (flock on Unix) that is released when the process dies.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"The embedded table store's data directory '{directory}' is in use by another process or store instance " +
                $"(it holds '{LockFileName}'). Stop that process, or set Storage:DataDirectory to another directory.",
                ex);
        }
    }

    private static T DecodeOrThrow<T>(string path, int lineNumber, Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw Corrupt(path, lineNumber, ex);
        }
    }

    private static InvalidDataException Corrupt(string path, int lineNumber, Exception? inner) =>
        new($"The embedded table store file '{path}' is corrupt at line {lineNumber}; restore it from a backup or move the directory away to start empty.", inner);
}

/// <summary>What <see cref="EmbeddedFiles.Load"/> found.</summary>
internal readonly record struct LoadResult(long Version, long JournalRecords, long JournalBytes, long TornBytes);
