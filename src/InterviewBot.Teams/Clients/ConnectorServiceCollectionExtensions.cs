using InterviewBot.Teams.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewBot.Teams.Clients;

/// <summary>Registers the outbound side of the bot: its token, the connector client and the handlers around it.</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IConnectorClient"/> with MSAL tokens (when <c>MicrosoftAppId</c> is set), the trusted
    /// service URL check, retries and Teams' rate limits. Settings: the Microsoft* keys at the root,
    /// <c>Bot:Connector</c> and <c>Bot:RateLimits</c>. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddTeamsConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(TeamsConnectorMarker)))
        {
            return services;
        }

        services.AddSingleton<TeamsConnectorMarker>();
        services.TryAddSingleton(TimeProvider.System);

        // Not validated on start here: the inbound side's startup check covers the same settings, and a
        // second failing check would turn its clear message into an AggregateException.
        services.AddOptions<BotCredentialOptions>()
            .Configure(options => BotCredentialOptions.Read(options, configuration));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotCredentialOptions>, BotCredentialOptionsValidator>());
        services.AddOptions<ConnectorOptions>()
            .Bind(configuration.GetSection(ConnectorOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>());
        services.AddOptions<ConnectorRateLimitOptions>()
            .Bind(configuration.GetSection(ConnectorRateLimitOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorRateLimitOptions>, ConnectorRateLimitOptionsValidator>());

        // The inbound side adds the service URLs of authenticated activities; configured ones are trusted from the start.
        services.TryAddSingleton<ITrustedServiceUrls, TrustedServiceUrls>();

        services.AddHttpClient(ConnectorOptions.TokenHttpClientName);
        services.Replace(ServiceDescriptor.Singleton(CreateTokenProvider));

        services.TryAddSingleton<ConnectorRateLimiter>();
        services.TryAddTransient<ConnectorRateLimitHandler>();

        // Waiting for the rate limiter is part of a call and may take long under a burst, so the
        // client has no overall timeout: the attempt timeout and the caller's cancellation token bound it.
        var connector = services.AddHttpClient<IConnectorClient, ConnectorClient>(ConnectorOptions.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);

        // Outermost first: retries, then the rate limiter (so every attempt counts), then the timeout of one attempt.
        connector.AddResilienceHandler(ConnectorResilience.PipelineName, (builder, context) =>
        {
            var provider = context.ServiceProvider;
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectorResilience).FullName!);
            ConnectorResilience.AddRetry(builder, context.GetOptions<ConnectorOptions>(), provider.GetRequiredService<TimeProvider>(), logger);
        });
        connector.AddHttpMessageHandler<ConnectorRateLimitHandler>();
        connector.AddResilienceHandler(ConnectorResilience.AttemptPipelineName, (builder, context) =>
            ConnectorResilience.AddAttemptTimeout(builder, context.GetOptions<ConnectorOptions>()));
        return services;
    }

    private static IBotTokenProvider CreateTokenProvider(IServiceProvider services)
    {
        var identity = services.GetRequiredService<IOptions<BotCredentialOptions>>().Value;
        if (!identity.HasIdentity)
        {
            return new NoBotTokenProvider();
        }

        return MsalBotTokenProvider.Create(
            identity,
            services.GetRequiredService<IOptions<ConnectorOptions>>().Value,
            new MsalHttpClientFactory(services.GetRequiredService<IHttpClientFactory>()),
            services.GetRequiredService<ILogger<MsalBotTokenProvider>>());
    }

    private sealed class TeamsConnectorMarker;
}
