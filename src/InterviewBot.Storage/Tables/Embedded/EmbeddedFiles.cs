using System.Globalization;
using System.Text;

namespace InterviewBot.Storage.Tables.Embedded;

/// <summary>
/// The files of an embedded store's directory: an exclusive lock, the journal that committed writes are appended to,
/// journal segments set aside for compaction, and the snapshot they are compacted into. The store calls
/// <see cref="Append"/> and <see cref="Rotate"/> from one flusher at a time; <see cref="WriteSnapshot"/> and
/// <see cref="DeleteSegmentsThrough"/> touch other files and may run alongside it.
/// </summary>
/// <remarks>
/// Compaction never rewrites the journal being appended to. <see cref="Rotate"/> renames it to a segment named after
/// the last version it holds and starts an empty one; the snapshot of every row, written next to them, says which
/// version it covers; only then are the segments it covers deleted. A load reads the snapshot, then every segment and
/// the journal in order, skipping records the snapshot already holds, so a crash at any step loses nothing.
/// The renames and deletes are ordered by the file system's own journal (ext4, XFS), as are the forced writes after
/// them.
/// </remarks>
internal sealed class EmbeddedFiles : IDisposable
{
    public const string LockFileName = "store.lock";
    public const string JournalFileName = "journal.jsonl";
    public const string SnapshotFileName = "snapshot.jsonl";
    private const string SegmentPattern = "journal.*.jsonl";

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

    /// <summary>Bytes in the journal since it was started.</summary>
    public long JournalLength { get; private set; }

    /// <summary>Whether a failed write could not be undone; nothing more may be appended.</summary>
    public bool IsBroken => _broken;

    /// <summary>The file a journal covering versions up to <paramref name="lastVersion"/> is renamed to.</summary>
    public string SegmentPath(long lastVersion) =>
        Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"journal.{lastVersion}.jsonl"));

    /// <summary>
    /// Replays the snapshot, then the records of every segment and of the journal that it does not already contain.
    /// A journal may end in a commit group cut short by a crash: from its first unreadable or unterminated line on,
    /// everything is ignored as long as no later line starts a new group, since a new group is only written once the
    /// one before it is on disk. Any other unreadable line is corruption and fails.
    /// </summary>
    public LoadResult Load(Action<JournalRecord> apply)
    {
        var replay = new Replay(apply);
        if (File.Exists(SnapshotPath))
        {
            using var reader = new StreamReader(SnapshotPath, Encoding.UTF8);
            var lineNumber = 1;
            var header = reader.ReadLine() ?? throw Corrupt(SnapshotPath, lineNumber, null);
            replay.SnapshotVersion = replay.Version = DecodeOrThrow(SnapshotPath, lineNumber, () => JournalCodec.DecodeSnapshotHeader(Encoding.UTF8.GetBytes(header)));
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                apply(DecodeOrThrow(SnapshotPath, lineNumber, () => JournalCodec.Decode(Encoding.UTF8.GetBytes(line))));
            }
        }

        var segments = Segments();
        foreach (var (path, _) in segments)
        {
            replay.Lines(path, File.ReadAllBytes(path), tornTailAllowed: false);
        }

        var journal = File.Exists(JournalPath) ? File.ReadAllBytes(JournalPath) : [];
        var valid = replay.Lines(JournalPath, journal, tornTailAllowed: true);
        return new LoadResult(replay.Version, replay.Records, journal.Length, journal.Length - valid, segments.Count);
    }

    /// <summary>
    /// Opens the journal for appending after <see cref="Load"/>, cutting off a torn tail first so that new records
    /// do not follow it.
    /// </summary>
    public void OpenJournal(long validLength)
    {
        _journal = new FileStream(JournalPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);
        if (_journal.Length > validLength)
        {
            _journal.SetLength(validLength);
            _journal.Flush(flushToDisk: true);
        }

        JournalLength = _journal.Seek(0, SeekOrigin.End);
    }

    /// <summary>
    /// Appends a commit group, one line per record, and forces it to disk before returning. When that fails, the
    /// journal is cut back to where the group began, or, if even that fails, refuses further writes.
    /// </summary>
    public void Append(IReadOnlyList<JournalRecord> group)
    {
        if (_broken)
        {
            throw new IOException($"An earlier write to {JournalPath} failed and could not be undone; reopen the store.");
        }

        var journal = _journal ?? throw new IOException($"The journal {JournalPath} could not be reopened after a compaction; reopen the store.");
        var lines = new byte[group.Count][];
        var length = 0;
        for (var i = 0; i < group.Count; i++)
        {
            lines[i] = JournalCodec.Encode(group[i], continuesGroup: i > 0);
            length += lines[i].Length;
        }

        var buffer = new byte[length];
        var offset = 0;
        foreach (var line in lines)
        {
            line.CopyTo(buffer, offset);
            offset += line.Length;
        }

        try
        {
            journal.Write(buffer);
            journal.Flush(flushToDisk: true);
            JournalLength += buffer.Length;
        }
        catch (Exception)
        {
            // A partial group followed by later groups would read as corruption: cut it off, or refuse further writes.
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
    /// Sets the journal aside as a segment holding versions up to <paramref name="lastVersion"/> and starts an empty
    /// one. Call between two <see cref="Append"/>s, never during one.
    /// </summary>
    public void Rotate(long lastVersion)
    {
        var journal = _journal ?? throw new IOException($"The journal {JournalPath} is not open.");
        journal.Dispose();
        _journal = null;
        try
        {
            File.Move(JournalPath, SegmentPath(lastVersion));
        }
        catch (Exception)
        {
            OpenJournal(JournalLength);
            throw;
        }

        // Left null if this fails: appends then fail until the store is reopened, and nothing is lost.
        var fresh = new FileStream(JournalPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        fresh.Flush(flushToDisk: true);
        _journal = fresh;
        JournalLength = 0;
    }

    /// <summary>
    /// Writes the rows into a new snapshot covering versions up to <paramref name="version"/> and swaps it in
    /// atomically. The rows may be newer than that version: replaying the journal's later records over them again
    /// gives the same result, since a record holds whole rows.
    /// </summary>
    public void WriteSnapshot(long version, IEnumerable<JournalRecord> rows, CancellationToken cancellationToken)
    {
        var temporaryPath = SnapshotPath + ".tmp";
        try
        {
            using (var snapshot = new FileStream(temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                snapshot.Write(JournalCodec.EncodeSnapshotHeader(version));
                foreach (var record in rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    snapshot.Write(JournalCodec.Encode(record));
                }

                snapshot.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, SnapshotPath, overwrite: true);
        }
        catch (Exception)
        {
            try
            {
                File.Delete(temporaryPath);
            }
            catch (IOException)
            {
                // A leftover temporary file is overwritten by the next compaction.
            }

            throw;
        }
    }

    /// <summary>Deletes the segments a snapshot of <paramref name="version"/> holds.</summary>
    public void DeleteSegmentsThrough(long version)
    {
        foreach (var (path, lastVersion) in Segments())
        {
            if (lastVersion <= version)
            {
                File.Delete(path);
            }
        }
    }

    public void Dispose()
    {
        _journal?.Dispose();
        _lock.Dispose();
    }

    private List<(string Path, long LastVersion)> Segments()
    {
        var segments = new List<(string Path, long LastVersion)>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, SegmentPattern))
        {
            var name = Path.GetFileName(path);
            var number = name["journal.".Length..^".jsonl".Length];
            if (long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var lastVersion))
            {
                segments.Add((path, lastVersion));
            }
        }

        segments.Sort((a, b) => a.LastVersion.CompareTo(b.LastVersion));
        return segments;
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

    private static bool IsUnreadable(Exception ex) =>
        ex is System.Text.Json.JsonException or InvalidDataException or InvalidOperationException or KeyNotFoundException or FormatException;

    private static T DecodeOrThrow<T>(string path, int lineNumber, Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            throw Corrupt(path, lineNumber, ex);
        }
    }

    private static InvalidDataException Corrupt(string path, int lineNumber, Exception? inner) =>
        new($"The embedded table store file '{path}' is corrupt at line {lineNumber}; restore it from a backup or move the directory away to start empty.", inner);

    /// <summary>The state of a load: versions seen and records applied so far.</summary>
    private sealed class Replay(Action<JournalRecord> apply)
    {
        public long SnapshotVersion { get; set; }

        public long Version { get; set; }

        public long Records { get; private set; }

        /// <summary>Applies the records of one journal file; returns how many of its bytes are whole records.</summary>
        public long Lines(string path, byte[] bytes, bool tornTailAllowed)
        {
            var start = 0;
            var lineNumber = 0;
            while (start < bytes.Length)
            {
                lineNumber++;
                var end = Array.IndexOf(bytes, (byte)'\n', start);
                if (!TryDecode(bytes, start, end, out var record, out _, out var error))
                {
                    if (tornTailAllowed && !StartsGroupAfter(bytes, end))
                    {
                        return start;
                    }

                    throw Corrupt(path, lineNumber, error);
                }

                if (record.Version > SnapshotVersion)
                {
                    apply(record);
                    Version = Math.Max(Version, record.Version);
                    Records++;
                }

                start = end + 1;
            }

            return bytes.Length;
        }

        // Whether a whole, readable line after the one ending at `end` begins a commit group of its own.
        private static bool StartsGroupAfter(byte[] bytes, int end)
        {
            var start = end + 1;
            while (end >= 0 && start < bytes.Length)
            {
                end = Array.IndexOf(bytes, (byte)'\n', start);
                if (TryDecode(bytes, start, end, out _, out var continuesGroup, out _) && !continuesGroup)
                {
                    return true;
                }

                start = end + 1;
            }

            return false;
        }

        // A line without its newline was never completely written, however it parses.
        private static bool TryDecode(byte[] bytes, int start, int end, out JournalRecord record, out bool continuesGroup, out Exception? error)
        {
            record = null!;
            continuesGroup = false;
            error = null;
            if (end < 0)
            {
                return false;
            }

            try
            {
                record = JournalCodec.Decode(bytes.AsMemory(start, end - start), out continuesGroup);
                return true;
            }
            catch (Exception ex) when (IsUnreadable(ex))
            {
                error = ex;
                return false;
            }
        }
    }
}

/// <summary>What <see cref="EmbeddedFiles.Load"/> found.</summary>
internal readonly record struct LoadResult(long Version, long JournalRecords, long JournalBytes, long TornBytes, int Segments);
