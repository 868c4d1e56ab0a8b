using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace InterviewBot.Storage.Tables;

/// <summary>
/// The table port over Azure Table Storage (or Azurite, or Cosmos DB for Table) through Azure.Data.Tables. Tables are
/// created on first use; an optional prefix keeps several deployments (or test runs) apart in one account.
/// </summary>
public sealed class AzureTableStore : ITableStore
{
    private readonly TableServiceClient _serviceClient;
    private readonly string _tablePrefix;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, AzureTable> _tables = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="serviceClient">The account's table service.</param>
    /// <param name="tablePrefix">Letters and digits, starting with a letter, put before every table name; empty for none.</param>
    /// <param name="logger">Where table creation is logged.</param>
    public AzureTableStore(TableServiceClient serviceClient, string? tablePrefix = null, ILogger<AzureTableStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(serviceClient);
        tablePrefix ??= string.Empty;
        if (tablePrefix.Length > 0 && !TableRules.IsAlphanumericStartingWithLetter(tablePrefix))
        {
            throw new ArgumentException($"Table prefix '{tablePrefix}' must contain only letters and digits and start with a letter.", nameof(tablePrefix));
        }

        _serviceClient = serviceClient;
        _tablePrefix = tablePrefix;
        _logger = logger ?? NullLogger<AzureTableStore>.Instance;
    }

    /// <summary>Connects to the account a connection string names (for example <c>UseDevelopmentStorage=true</c>).</summary>
    public AzureTableStore(string connectionString, string? tablePrefix = null, ILogger<AzureTableStore>? logger = null)
        : this(new TableServiceClient(connectionString), tablePrefix, logger)
    {
    }

    /// <summary>The table service endpoint, without credentials.</summary>
    public Uri Endpoint => new(_serviceClient.Uri.GetLeftPart(UriPartial.Path));

    public string TablePrefix => _tablePrefix;

    public ITable GetTable(string name)
    {
        TableRules.ValidateTableName(name, nameof(name));
        var fullName = _tablePrefix + name;
        if (fullName.Length > TableRules.MaxTableNameLength)
        {
            throw new ArgumentException(
                $"Table name '{fullName}' (prefix '{_tablePrefix}' + '{name}') is longer than {TableRules.MaxTableNameLength} characters.", nameof(name));
        }

        return _tables.GetOrAdd(fullName, static (n, state) => new AzureTable(state.Store._serviceClient.GetTableClient(n), state.Name, state.Store._logger), (Store: this, Name: name));
    }
}
