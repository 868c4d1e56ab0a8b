using Azure.Data.Tables;
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
public static class TableStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="ITableStore"/>: Azure Table Storage when <c>Storage:ConnectionString</c> is set,
    /// otherwise the embedded store in <c>Storage:DataDirectory</c> (default <c>data</c> under
    /// <paramref name="contentRootPath"/>). Options are validated, and the store opened, when the host starts.
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

    private static ITableStore CreateStore(IServiceProvider services, string contentRoot)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        if (options.UsesAzure)
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
}
