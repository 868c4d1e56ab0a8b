using InterviewBot.Teams.Authentication;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InterviewBot.Teams.Hosting;

/// <summary>Registers the Teams bot: settings, routes, inbound authentication, connector client and the messaging endpoint's handler.</summary>
public static class TeamsBotServiceCollectionExtensions
{
    /// <summary>Adds the bot; <paramref name="configureRoutes"/> registers its handlers once, at startup.</summary>
    public static IServiceCollection AddTeamsBot(this IServiceCollection services, IConfiguration configuration, Action<ActivityRouter> configureRoutes)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configureRoutes);

        services.AddOptions<BotOptions>()
            .Bind(configuration.GetSection(BotOptions.SectionName))
            .Configure(options => ReadIdentity(options, configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotOptions>, BotOptionsValidator>());

        var router = new ActivityRouter();
        configureRoutes(router);
        services.AddSingleton(router);

        // Outbound tokens come from MSAL once the bot has an identity; until then nothing is sent.
        services.AddTeamsConnector(configuration);

        // Inbound tokens are checked against keys from OpenID metadata, fetched through a named
        // client so a host can route or proxy it; the short timeout keeps a slow metadata endpoint
        // from outlasting the channel's patience with the request waiting on it.
        services.AddHttpClient(BotAuthenticationOptions.MetadataHttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OpenIdMetadataCache>();
        services.TryAddSingleton<ITrustedServiceUrls, TrustedServiceUrls>();
        services.TryAddSingleton<BotRequestAuthenticator>();

        services.TryAddSingleton<BotRequestHandler>();
        services.AddHostedService<BotStartupReport>();
        return services;
    }

    // The Bot Framework's names live at the configuration root (as Azure Bot Service and the
    // SDKs expect them); a value there wins over one in the "Bot" section.
    private static void ReadIdentity(BotOptions options, IConfiguration configuration)
    {
        options.MicrosoftAppId = configuration[nameof(BotOptions.MicrosoftAppId)] ?? options.MicrosoftAppId;
        options.MicrosoftAppPassword = configuration[nameof(BotOptions.MicrosoftAppPassword)] ?? options.MicrosoftAppPassword;
        options.MicrosoftAppTenantId = configuration[nameof(BotOptions.MicrosoftAppTenantId)] ?? options.MicrosoftAppTenantId;
        if (configuration[nameof(BotOptions.MicrosoftAppType)] is { Length: > 0 } appType)
        {
            options.MicrosoftAppType = appType;
        }
    }
}
