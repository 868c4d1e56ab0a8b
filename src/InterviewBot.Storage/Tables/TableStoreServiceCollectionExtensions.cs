using Azure.Data.Tables;
using Azure.Identity;
using InterviewBot.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InterviewBot.Storage;

/// <summary>Registers the table store the configuration asks for.</summary>
public static partial class TableStoreServiceCollectionExtensions
{
    /// <summary>The environment variable Azure's hosts and SDKs use for a user-assigned managed identity's client id.</summary>
    internal const string AzureClientIdVariable = "AZURE_CLIENT_ID";

    /// <summary>
    /// Registers a singleton <see cref="ITableStore"/>: Azure Table Storage when <c>Storage:TableEndpoint</c> (signed in
    /// with a Microsoft Entra token) or <c>Storage:ConnectionString</c> is set, otherwise the embedded store in
    /// <c>Storage:DataDirectory</c> (default <c>data</c> under <paramref name="contentRootPath"/>). Options are
    /// validated, and the store opened, when the host starts.
    /// </summary>
    public static IServiceCollection AddTableStore(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentRootPath);
        var contentRoot = Path.GetFullPath(contentRootPath);

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>>(new StorageOptionsValidator(contentRoot)));
        services.TryAddSingleton(sp => CreateStore(sp, contentRoot));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TableStoreOpener>());
        return services;
    }

    /// <summary>
    /// How <c>DefaultAzureCredential</c> signs in to the table endpoint: as the user-assigned managed identity named by
    /// <c>Storage:ManagedIdentityClientId</c>, else by <c>AZURE_CLIENT_ID</c>, else as the system-assigned identity
    /// (or the developer's own sign-in, outside Azure).
    /// </summary>
    internal static DefaultAzureCredentialOptions CreateCredentialOptions(StorageOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var credentialOptions = new DefaultAzureCredentialOptions();
        var clientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? environment(AzureClientIdVariable) : options.ManagedIdentityClientId;
        if (!string.IsNullOrWhiteSpace(clientId))
        {
            credentialOptions.ManagedIdentityClientId = clientId.Trim();
        }

        return credentialOptions;
    }

    private static ITableStore CreateStore(IServiceProvider services, string contentRoot)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        if (options.UsesTableEndpoint)
        {
            var logger = loggerFactory.CreateLogger<AzureTableStore>();
            var credentialOptions = CreateCredentialOptions(options, Environment.GetEnvironmentVariable);
            var client = new TableServiceClient(new Uri(options.TableEndpoint!.Trim()), new DefaultAzureCredential(credentialOptions));
            var store = new AzureTableStore(client, options.TablePrefix, logger);
            Log.AzureStoreWithEntraChosen(logger, store.Endpoint, store.TablePrefix, credentialOptions.ManagedIdentityClientId ?? "none, so the system-assigned identity or the developer's sign-in");
            return store;
        }

        if (options.UsesConnectionString)
        {
            var logger = loggerFactory.CreateLogger<AzureTableStore>();
            var store = new AzureTableStore(new TableServiceClient(options.ConnectionString), options.TablePrefix, logger);
            StorageLog.AzureStoreChosen(logger, store.Endpoint, store.TablePrefix);
            return store;
        }

        var embeddedLogger = loggerFactory.CreateLogger<EmbeddedTableStore>();
        var directory = options.ResolveDataDirectory(contentRoot);
        StorageLog.EmbeddedStoreChosen(embeddedLogger, directory);
        return new EmbeddedTableStore(directory, logger: embeddedLogger, timeProvider: services.GetService<TimeProvider>());
    }

    /// <summary>Opens the store at startup, so a locked data directory or a corrupt file stops the host at once.</summary>
    private sealed class TableStoreOpener(ITableStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(store);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Using Azure Table Storage at {TableEndpoint} with table prefix '{TablePrefix}', signed in with Microsoft Entra ID (user-assigned managed identity: {ManagedIdentityClientId})")]
        public static partial void AzureStoreWithEntraChosen(ILogger logger, Uri tableEndpoint, string tablePrefix, string managedIdentityClientId);
    }
}
