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
        if (options.UsesAzure)
        {
            try
            {
                _ = new TableServiceClient(options.ConnectionString);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                // The parser's message may quote the secret, so it is not repeated here.
                failures.Add(
                    "Storage:ConnectionString is not a valid Azure Storage connection string. Use 'UseDevelopmentStorage=true' for a local " +
                    "Azurite, an account's connection string, or leave it empty to use the embedded store.");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Storage:DataDirectory is empty. Set it to a directory (absolute, or relative to the content root), or set Storage:ConnectionString to use Azure Table Storage.");
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

        var prefix = options.TablePrefix;
        if (!string.IsNullOrEmpty(prefix) && (!TableRules.IsAlphanumericStartingWithLetter(prefix) || prefix.Length > MaxTablePrefixLength))
        {
            failures.Add($"Storage:TablePrefix '{prefix}' is invalid: Azure table names allow only letters and digits, starting with a letter, so the prefix must be 1-{MaxTablePrefixLength} of those.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
