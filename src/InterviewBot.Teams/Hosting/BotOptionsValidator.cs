using InterviewBot.Teams.Authentication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InterviewBot.Teams.Hosting;

/// <summary>Refuses settings that would run the bot unauthenticated outside development, or that make no sense.</summary>
internal sealed class BotOptionsValidator(IHostEnvironment environment) : IValidateOptions<BotOptions>
{
    private static readonly string[] AppTypes = [BotOptions.SingleTenantAppType, BotOptions.MultiTenantAppType, BotOptions.UserAssignedMsiAppType];

    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!options.RequiresAuthentication && !environment.IsDevelopment())
        {
            failures.Add(
                $"MicrosoftAppId is not set. Outside the Development environment (this is '{environment.EnvironmentName}') "
                + "the bot only runs with an app identity: set MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId.");
        }

        if (!AppTypes.Contains(options.MicrosoftAppType, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"MicrosoftAppType '{options.MicrosoftAppType}' is not one of {string.Join(", ", AppTypes)}.");
        }
        else if (options.RequiresAuthentication)
        {
            ValidateIdentity(options, failures);
        }

        if (options.MaxRequestBodyBytes <= 0)
        {
            failures.Add("Bot:MaxRequestBodyBytes must be positive.");
        }

        ValidateTrust(options, failures);
        ValidateAuthentication(options.Authentication, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateIdentity(BotOptions options, List<string> failures)
    {
        if (options.HasHomeTenant && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
        {
            failures.Add(
                $"MicrosoftAppTenantId is not set. A {options.MicrosoftAppType} bot gets its tokens from its home tenant: "
                + "set MicrosoftAppTenantId to the directory (tenant) id the app is registered in.");
        }

        // Only a managed identity gets tokens without a secret; any other app type would start
        // and then fail on its first reply.
        var isManagedIdentity = string.Equals(options.MicrosoftAppType, BotOptions.UserAssignedMsiAppType, StringComparison.OrdinalIgnoreCase);
        if (!isManagedIdentity && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            failures.Add(
                $"MicrosoftAppPassword is not set. A {options.MicrosoftAppType} bot needs its client secret to call Teams; "
                + $"only {BotOptions.UserAssignedMsiAppType} runs without one.");
        }
    }

    private static void ValidateTrust(BotOptions options, List<string> failures)
    {
        foreach (var url in options.TrustedServiceUrls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"Bot:TrustedServiceUrls entry '{url}' is not an absolute http(s) URL.");
            }
        }

        if (options.AllowedTenants.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Bot:AllowedTenants has an empty entry.");
        }
    }

    private static void ValidateAuthentication(BotAuthenticationOptions authentication, List<string> failures)
    {
        const string Section = "Bot:Authentication";
        if (string.IsNullOrWhiteSpace(authentication.BotFrameworkIssuer))
        {
            failures.Add($"{Section}:BotFrameworkIssuer must not be empty.");
        }

        if (!BotAuthenticationOptions.IsAcceptableMetadataUrl(authentication.BotFrameworkOpenIdMetadataUrl, out _))
        {
            failures.Add($"{Section}:BotFrameworkOpenIdMetadataUrl '{authentication.BotFrameworkOpenIdMetadataUrl}' must be an https URL (plain http only on a loopback address).");
        }

        var entraTemplate = authentication.EntraOpenIdMetadataUrlTemplate;
        if (entraTemplate?.Contains(BotAuthenticationOptions.TenantPlaceholder, StringComparison.OrdinalIgnoreCase) != true
            || !BotAuthenticationOptions.IsAcceptableMetadataUrl(BotAuthenticationOptions.ForTenant(entraTemplate, "tenant"), out _))
        {
            failures.Add(
                $"{Section}:EntraOpenIdMetadataUrlTemplate '{entraTemplate}' must be an https URL containing {BotAuthenticationOptions.TenantPlaceholder} "
                + "(plain http only on a loopback address).");
        }

        foreach (var issuer in authentication.EntraIssuerTemplates)
        {
            if (issuer?.Contains(BotAuthenticationOptions.TenantPlaceholder, StringComparison.OrdinalIgnoreCase) != true)
            {
                failures.Add($"{Section}:EntraIssuerTemplates entry '{issuer}' must contain {BotAuthenticationOptions.TenantPlaceholder}.");
            }
        }

        if (authentication.ClockSkew < TimeSpan.Zero || authentication.ClockSkew > TimeSpan.FromMinutes(30))
        {
            failures.Add($"{Section}:ClockSkew must be between 00:00:00 and 00:30:00.");
        }

        // The configuration manager throws below these floors; saying so at startup beats a 401 per request.
        if (authentication.MetadataRefreshInterval < TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:MetadataRefreshInterval must be at least 00:05:00.");
        }

        if (authentication.MetadataMinimumRefreshInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:MetadataMinimumRefreshInterval must be at least 00:00:01.");
        }
    }
}
