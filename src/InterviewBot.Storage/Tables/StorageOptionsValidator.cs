using Azure.Data.Tables;
using InterviewBot.Storage.Tables;
using Microsoft.Extensions.Options;

namespace InterviewBot.Storage;

/// <summary>Checks <see cref="StorageOptions"/> at startup, naming the setting to fix.</summary>
internal sealed class StorageOptionsValidator(string contentRootPath) : IValidateOptions<StorageOptions>
{
    /// <summary>Leaves room for a table name of at least three characters within Azure's 63.</summary>
    public const int MaxTablePrefixLength = TableRules.MaxTableNameLength - TableRules.MinTableNameLength;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.UsesConnectionString && options.UsesTableEndpoint)
        {
            failures.Add(
                "Storage:ConnectionString and Storage:TableEndpoint are both set. Set only one: Storage:TableEndpoint to reach the account " +
                "with a managed identity (no keys), or Storage:ConnectionString for a connection string or a local Azurite.");
        }
        else if (options.UsesConnectionString)
        {
            ValidateConnectionString(options.ConnectionString!, failures);
        }
        else if (options.UsesTableEndpoint)
        {
            ValidateTableEndpoint(options.TableEndpoint!, failures);
        }
        else if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add(
                "Storage:DataDirectory is empty. Set it to a directory (absolute, or relative to the content root), or set Storage:TableEndpoint " +
                "or Storage:ConnectionString to use Azure Table Storage.");
        }
        else
        {
            try
            {
                _ = options.ResolveDataDirectory(contentRootPath);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                failures.Add($"Storage:DataDirectory '{options.DataDirectory}' is not a valid path: {ex.Message}");
            }
        }

        var clientId = options.ManagedIdentityClientId;
        if (!string.IsNullOrWhiteSpace(clientId) && !Guid.TryParse(clientId, out _))
        {
            failures.Add($"Storage:ManagedIdentityClientId '{clientId}' is not a client id: use the managed identity's client id, a GUID.");
        }

        var prefix = options.TablePrefix;
        if (!string.IsNullOrEmpty(prefix) && (!TableRules.IsAlphanumericStartingWithLetter(prefix) || prefix.Length > MaxTablePrefixLength))
        {
            failures.Add($"Storage:TablePrefix '{prefix}' is invalid: Azure table names allow only letters and digits, starting with a letter, so the prefix must be 1-{MaxTablePrefixLength} of those.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateConnectionString(string connectionString, List<string> failures)
    {
        try
        {
            _ = new TableServiceClient(connectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            // The parser's message may quote the secret, so it is not repeated here.
            failures.Add(
                "Storage:ConnectionString is not a valid Azure Storage connection string. Use 'UseDevelopmentStorage=true' for a local " +
                "Azurite, an account's connection string, or leave it empty to use the embedded store.");
        }
    }

    private static void ValidateTableEndpoint(string endpoint, List<string> failures)
    {
        const string Expected = "an absolute https URL such as https://<account>.table.core.windows.net (plain http only on a loopback address)";

        // A value that does not even parse is not quoted: it may be a connection string pasted into the wrong setting.
        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Storage:TableEndpoint is not {Expected}.");
            return;
        }

        var shown = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty }.Uri.ToString();
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            failures.Add($"Storage:TableEndpoint '{shown}' uses plain http: tokens are only sent over https. Use {Expected}.");
        }

        // A query would be a SAS token, and user info a password; either belongs in Storage:ConnectionString.
        if (uri.Query.Length > 0 || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            failures.Add(
                $"Storage:TableEndpoint '{shown}' carries credentials, a query or a fragment. Give only the endpoint: the app signs in " +
                "with its managed identity; put a SAS in Storage:ConnectionString instead.");
        }
    }
}
