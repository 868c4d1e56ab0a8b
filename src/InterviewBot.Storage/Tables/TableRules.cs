using System.Collections.ObjectModel;

namespace InterviewBot.Storage.Tables;

/// <summary>
/// The Azure Table Storage rules both stores enforce before writing, so that a row the embedded store accepts is one
/// Azure accepts too, and a mistake fails the same way (<see cref="ArgumentException"/>) on both.
/// </summary>
internal static class TableRules
{
    public const int MaxBatchOperations = 100;

    /// <summary>Keys may be up to 1 KiB, counted in UTF-16 (the service's and Azurite's 512 characters).</summary>
    public const int MaxKeyLength = 512;

    /// <summary>String values may be up to 64 KiB in UTF-16.</summary>
    public const int MaxStringLength = 32 * 1024;

    /// <summary>255 properties per entity, three of which are PartitionKey, RowKey and Timestamp.</summary>
    public const int MaxCustomProperties = 252;

    public const int MaxEntitySize = 1024 * 1024;

    public const int MaxPropertyNameLength = 255;

    public const int MinTableNameLength = 3;

    public const int MaxTableNameLength = 63;

    /// <summary>Edm.DateTime starts at 1601-01-01 UTC; the service rejects earlier values.</summary>
    public static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly HashSet<string> ReservedPropertyNames = new(StringComparer.Ordinal)
    {
        "PartitionKey",
        "RowKey",
        "Timestamp",
    };

    public static void ValidateTableName(string name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (!IsAlphanumericStartingWithLetter(name) || name.Length < MinTableNameLength || name.Length > MaxTableNameLength)
        {
            throw new ArgumentException(
                $"Table name '{name}' is invalid: it must be {MinTableNameLength}-{MaxTableNameLength} letters or digits, starting with a letter.",
                paramName);
        }

        if (string.Equals(name, "tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("Table name 'tables' is reserved by Azure Table Storage.", paramName);
        }
    }

    public static bool IsAlphanumericStartingWithLetter(string value) =>
        value.Length > 0 && char.IsAsciiLetter(value[0]) && value.All(char.IsAsciiLetterOrDigit);

    public static void ValidateKey(string key, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"{paramName} is {key.Length} characters long; at most {MaxKeyLength} (1 KiB) are allowed.", paramName);
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException(
                    $"{paramName} contains '{Describe(c)}'; keys may not contain '/', '\\', '#', '?' or control characters.",
                    paramName);
            }
        }
    }

    /// <summary>
    /// Checks a row against the service's rules and returns its properties as they will be stored: nulls dropped,
    /// DateTimeOffset values in UTC.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> ValidateRow(StoredRow row, string paramName = "row")
    {
        ArgumentNullException.ThrowIfNull(row, paramName);
        ValidateKey(row.PartitionKey, nameof(StoredRow.PartitionKey));
        ValidateKey(row.RowKey, nameof(StoredRow.RowKey));
        ArgumentNullException.ThrowIfNull(row.Properties, paramName);

        var stored = new Dictionary<string, object?>(row.Properties.Count, StringComparer.Ordinal);

        // The estimate the Azure Storage team published for the service's 1 MiB limit: 4 bytes, plus 2 per key
        // character, plus per property 8 bytes, 2 per name character and the value (strings 4 + 2 per character,
        // bool 1, int 4, long, double and dates 8).
        long size = 4 + ((long)row.PartitionKey.Length + row.RowKey.Length) * 2;
        foreach (var (name, value) in row.Properties)
        {
            if (value is null)
            {
                continue;
            }

            ValidatePropertyName(name, paramName);
            var (storedValue, valueSize) = value switch
            {
                string s when s.Length > MaxStringLength => throw new ArgumentException(
                    $"Property '{name}' is {s.Length} characters long; strings may be at most {MaxStringLength} characters (64 KiB).", paramName),
                string s => ((object)s, 4L + (s.Length * 2L)),
                bool b => (b, 1L),
                int i => (i, 4L),
                long l => (l, 8L),
                double d when !double.IsFinite(d) => throw new ArgumentException(
                    $"Property '{name}' is {d}; only finite doubles are stored.", paramName),
                double d => (d, 8L),
                DateTimeOffset t when t < MinDateTime => throw new ArgumentException(
                    $"Property '{name}' is {t:O}; dates before 1601-01-01 UTC cannot be stored.", paramName),
                DateTimeOffset t => (t.ToUniversalTime(), 8L),
                _ => throw new ArgumentException(
                    $"Property '{name}' is a {value.GetType().Name}; only string, bool, int, long, double and DateTimeOffset are stored.", paramName),
            };

            stored[name] = storedValue;
            size += 8 + (name.Length * 2L) + valueSize;
        }

        if (stored.Count > MaxCustomProperties)
        {
            throw new ArgumentException($"The row has {stored.Count} properties; at most {MaxCustomProperties} are allowed.", paramName);
        }

        if (size > MaxEntitySize)
        {
            throw new ArgumentException($"The row is about {size} bytes; an entity may be at most {MaxEntitySize} bytes (1 MiB).", paramName);
        }

        return new ReadOnlyDictionary<string, object?>(stored);
    }

    /// <summary>
    /// Checks the shape of a batch (conditions are left to the store) and returns each operation's properties as
    /// <see cref="ValidateRow"/> does, null for deletes.
    /// </summary>
    public static IReadOnlyDictionary<string, object?>?[] ValidateBatch(IReadOnlyList<TableOperation> operations, string paramName)
    {
        ArgumentNullException.ThrowIfNull(operations, paramName);
        if (operations.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one operation.", paramName);
        }

        if (operations.Count > MaxBatchOperations)
        {
            throw new ArgumentException($"A batch holds at most {MaxBatchOperations} operations; this one has {operations.Count}.", paramName);
        }

        var partitionKey = operations[0]?.Row?.PartitionKey;
        var properties = new IReadOnlyDictionary<string, object?>?[operations.Count];
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i] ?? throw new ArgumentException($"Operation {i} is null.", paramName);
            ArgumentNullException.ThrowIfNull(operation.Row, paramName);
            if (!string.Equals(operation.Row.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Operation {i} is for another partition; a batch works on one partition.", paramName);
            }

            if (!rowKeys.Add(operation.Row.RowKey))
            {
                throw new ArgumentException($"Operation {i} repeats row '{operation.Row.RowKey}'; a row may appear once per batch.", paramName);
            }

            switch (operation.Kind)
            {
                case TableOperationKind.Insert or TableOperationKind.Upsert:
                    properties[i] = ValidateRow(operation.Row, paramName);
                    break;
                case TableOperationKind.Replace:
                    ValidateETag(operation.ETag, paramName);
                    properties[i] = ValidateRow(operation.Row, paramName);
                    break;
                case TableOperationKind.Delete:
                    ValidateKey(operation.Row.PartitionKey, nameof(StoredRow.PartitionKey));
                    ValidateKey(operation.Row.RowKey, nameof(StoredRow.RowKey));
                    if (operation.ETag is not null)
                    {
                        ValidateETag(operation.ETag, paramName);
                    }

                    break;
                default:
                    throw new ArgumentException($"Operation {i} has an unknown kind {operation.Kind}.", paramName);
            }
        }

        return properties;
    }

    public static void ValidateETag(string? etag, string paramName)
    {
        if (string.IsNullOrEmpty(etag))
        {
            throw new ArgumentException("An ETag is required: read the row first and pass the ETag it came with.", paramName);
        }
    }

    private static void ValidatePropertyName(string name, string paramName)
    {
        var valid = name.Length is > 0 and <= MaxPropertyNameLength
            && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        if (!valid)
        {
            throw new ArgumentException(
                $"Property name '{name}' is invalid: it must be 1-{MaxPropertyNameLength} ASCII letters, digits or '_', not starting with a digit.",
                paramName);
        }

        if (ReservedPropertyNames.Contains(name))
        {
            throw new ArgumentException($"Property name '{name}' is reserved by the table service.", paramName);
        }
    }

    private static string Describe(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();
}
