using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;
using Npgsql;
using ILog = Hangfire.Logging.ILog;
using ILogProvider = Hangfire.Logging.ILogProvider;

namespace InterviewBot.Hosting;

/// <summary>
/// Hangfire for InterviewBot: its storage (in memory, or PostgreSQL shared by several instances), the job server,
/// and the dashboard at <c>/hangfire</c> behind <see cref="DashboardAuthorizationFilter"/>.
/// </summary>
internal static partial class HangfireSetup
{
    public const string DashboardPath = "/hangfire";

    public static IServiceCollection AddInterviewBotJobs(this IServiceCollection services)
    {
        services.AddOptions<HangfireOptions>().BindConfiguration(HangfireOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HangfireOptions>, HangfireOptionsValidator>();
        services.AddDashboardAccess();

        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new DisposalTolerantLogProvider(new AspNetCoreLogProvider(sp.GetRequiredService<ILoggerFactory>())))
            .UseStorage(CreateStorage(sp.GetRequiredService<IOptions<HangfireOptions>>().Value, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HangfireSetup)))));
        services.AddHangfireServer((sp, options) =>
        {
            options.WorkerCount = sp.GetRequiredService<IOptions<JobsOptions>>().Value.WorkerCount;
            options.SchedulePollingInterval = TimeSpan.FromSeconds(5);
        });
        services.AddSingleton<IStartupFilter, DashboardStartupFilter>();

        // Hangfire checks antiforgery tokens on the dashboard's buttons when the service exists; without it any web
        // page open in a developer's browser could requeue or delete jobs on the local dashboard.
        services.AddAntiforgery();
        return services;
    }

    private static JobStorage CreateStorage(HangfireOptions options, ILogger logger)
    {
        if (!options.UsesPostgreSql)
        {
            Log.InMemoryChosen(logger);
            return new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long });
        }

        var connectionString = options.ConnectionString!;
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        Log.PostgreSqlChosen(logger, target.Host ?? string.Empty, target.Database ?? string.Empty, options.Schema);
        if (options.PrepareSchema)
        {
            try
            {
                PrepareSchema(connectionString, options.Schema);
            }
            catch (NpgsqlException ex)
            {
                throw new InvalidOperationException(
                    $"Could not prepare Hangfire's schema '{options.Schema}' in PostgreSQL on {target.Host}, database {target.Database} (Hangfire:ConnectionString): {ex.Message}", ex);
            }
        }

        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = options.Schema,
            PrepareSchemaIfNecessary = false,
            QueuePollInterval = options.QueuePollInterval,

            // LISTEN/NOTIFY: a job one instance enqueues is picked up by any instance at once, not at the next poll.
            EnableLongPolling = true,

            // A wrong connection string must stop the host at startup rather than leave it running without jobs.
            AllowDegradedModeWithoutStorage = false,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions, null), storageOptions);
    }

    /// <summary>
    /// Creates or upgrades Hangfire's tables. Hangfire's installer takes no lock of its own, so instances starting
    /// together against a fresh database would run the same scripts at once; an advisory lock puts them in line.
    /// </summary>
    private static void PrepareSchema(string connectionString, string schema)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        var key = "interviewbot:hangfire-schema:" + schema;
        using (var take = new NpgsqlCommand("SELECT pg_catalog.pg_advisory_lock(pg_catalog.hashtext(@key))", connection))
        {
            take.Parameters.AddWithValue("key", key);
            take.ExecuteNonQuery();
        }

        try
        {
            PostgreSqlObjectsInstaller.Install(connection, schema);
        }
        finally
        {
            using var release = new NpgsqlCommand("SELECT pg_catalog.pg_advisory_unlock(pg_catalog.hashtext(@key))", connection);
            release.Parameters.AddWithValue("key", key);
            release.ExecuteNonQuery();
        }
    }

    /// <summary>Adds the dashboard in front of the app's own pipeline, so that it needs no line in Program.cs.</summary>
    private sealed class DashboardStartupFilter(DashboardAuthorizationFilter authorization) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseHangfireDashboard(DashboardPath, new DashboardOptions
            {
                DashboardTitle = "InterviewBot jobs",

                // Replaces Hangfire's default local-requests filter, which trusts anything a local proxy forwards.
                Authorization = [],
                AsyncAuthorization = [authorization],

                // The footer would otherwise show where the job storage lives.
                DisplayStorageConnectionString = false,
            });
            next(app);
        };
    }

    /// <summary>
    /// Hangfire's log provider is process-wide, so where several hosts share a process (functional tests) it belongs to
    /// the host that started last, which may be disposed while the others still enqueue jobs; their logging must not
    /// turn into failed requests then.
    /// </summary>
    private sealed class DisposalTolerantLogProvider(ILogProvider inner) : ILogProvider
    {
        public ILog GetLogger(string name)
        {
            try
            {
                return new TolerantLog(inner.GetLogger(name));
            }
            catch (ObjectDisposedException)
            {
                return new TolerantLog(null);
            }
        }

        private sealed class TolerantLog(ILog? inner) : ILog
        {
            public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
            {
                try
                {
                    return inner?.Log(logLevel, messageFunc, exception) ?? false;
                }
                catch (ObjectDisposedException)
                {
                    return false;
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Hangfire keeps jobs in memory; set Hangfire:ConnectionString to share them between instances")]
        public static partial void InMemoryChosen(ILogger logger);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Hangfire keeps jobs in PostgreSQL on {Host}, database {Database}, schema {Schema}")]
        public static partial void PostgreSqlChosen(ILogger logger, string host, string database, string schema);
    }
}
