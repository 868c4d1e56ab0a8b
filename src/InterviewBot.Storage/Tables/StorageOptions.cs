namespace InterviewBot.Storage;

/// <summary>
/// Where rows are stored (configuration section <c>Storage</c>): Azure Table Storage when a connection string is set,
/// otherwise the embedded store in a local directory.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>An Azure Storage connection string (<c>UseDevelopmentStorage=true</c> for Azurite); empty for the embedded store.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The embedded store's directory, relative to the content root unless absolute.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Letters and digits put before every Azure table name, so that several deployments can share an account.</summary>
    public string? TablePrefix { get; set; }

    /// <summary>Whether Azure Table Storage is configured.</summary>
    public bool UsesAzure => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>The embedded store's directory as a full path.</summary>
    public string ResolveDataDirectory(string contentRootPath) =>
        Path.GetFullPath(DataDirectory, Path.GetFullPath(contentRootPath));
}
