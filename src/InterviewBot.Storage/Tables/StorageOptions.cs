namespace InterviewBot.Storage;

/// <summary>
/// Where rows are stored (configuration section <c>Storage</c>): Azure Table Storage when a connection string or a
/// table endpoint is set, otherwise the embedded store in a local directory.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>An Azure Storage connection string (<c>UseDevelopmentStorage=true</c> for Azurite); empty for the embedded store.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The table service endpoint of an account reached with Microsoft Entra ID instead of account keys, such as
    /// <c>https://account.table.core.windows.net</c>; the app signs in with <c>DefaultAzureCredential</c> (a managed
    /// identity in Azure, the developer's Azure CLI sign-in on a workstation).
    /// </summary>
    public string? TableEndpoint { get; set; }

    /// <summary>
    /// The client id of the user-assigned managed identity used with <see cref="TableEndpoint"/>; empty falls back to
    /// the <c>AZURE_CLIENT_ID</c> environment variable, then to the system-assigned identity.
    /// </summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The embedded store's directory, relative to the content root unless absolute.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Letters and digits put before every Azure table name, so that several deployments can share an account.</summary>
    public string? TablePrefix { get; set; }

    /// <summary>Whether Azure Table Storage is configured, by connection string or by endpoint.</summary>
    public bool UsesAzure => UsesConnectionString || UsesTableEndpoint;

    /// <summary>Whether Azure Table Storage is reached with a connection string (account key, SAS or Azurite).</summary>
    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>Whether Azure Table Storage is reached by endpoint with a Microsoft Entra token.</summary>
    public bool UsesTableEndpoint => !string.IsNullOrWhiteSpace(TableEndpoint);

    /// <summary>The embedded store's directory as a full path.</summary>
    public string ResolveDataDirectory(string contentRootPath) =>
        Path.GetFullPath(DataDirectory, Path.GetFullPath(contentRootPath));
}
