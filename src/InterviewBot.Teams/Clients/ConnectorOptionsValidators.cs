using Microsoft.Extensions.Options;

namespace InterviewBot.Teams.Clients;

/// <summary>Refuses an identity that could never get a token, before the first call tries.</summary>
/// <remarks>
/// The same rules as the inbound side's startup check of these settings, so the two never disagree;
/// that check is what stops a host at startup, this one guards the connector used on its own.
/// </remarks>
internal sealed class BotCredentialOptionsValidator : IValidateOptions<BotCredentialOptions>
{
    public ValidateOptionsResult Validate(string? name, BotCredentialOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.HasIdentity)
        {
            return ValidateOptionsResult.Success;
        }

        var isManagedIdentity = options.Is(BotCredentialOptions.UserAssignedMsi);
        if (!isManagedIdentity && !options.Is(BotCredentialOptions.SingleTenant) && !options.Is(BotCredentialOptions.MultiTenant))
        {
            return ValidateOptionsResult.Fail(
                $"MicrosoftAppType '{options.MicrosoftAppType}' is not one of "
                + $"{BotCredentialOptions.SingleTenant}, {BotCredentialOptions.MultiTenant}, {BotCredentialOptions.UserAssignedMsi}.");
        }

        var failures = new List<string>();
        if (options.Is(BotCredentialOptions.SingleTenant) && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
        {
            failures.Add("MicrosoftAppTenantId is not set: a SingleTenant bot gets its token from its home tenant.");
        }

        if (!isManagedIdentity && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            failures.Add($"MicrosoftAppPassword is not set: a {options.MicrosoftAppType} bot needs its client secret to get a token.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Keeps the retry and timeout settings within what the resilience pipeline accepts and what makes sense.</summary>
internal sealed class ConnectorOptionsValidator : IValidateOptions<ConnectorOptions>
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = ConnectorOptions.SectionName;

        // MSAL only talks to an authority over https.
        if (!Uri.TryCreate(options.AuthorityHost, UriKind.Absolute, out var host) || host.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{Section}:AuthorityHost must be an absolute https URL, such as https://login.microsoftonline.com.");
        }

        if (string.IsNullOrWhiteSpace(options.OAuthScope))
        {
            failures.Add($"{Section}:OAuthScope must not be empty.");
        }

        if (options.AttemptTimeout < TimeSpan.FromSeconds(1) || options.AttemptTimeout > LongestWait)
        {
            failures.Add($"{Section}:AttemptTimeout must be between 1 second and {LongestWait.TotalMinutes} minutes.");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{Section}:MaxRetryAttempts must be between 0 and 10.");
        }

        if (options.MaxRetryDelay <= TimeSpan.Zero || options.MaxRetryDelay > LongestWait)
        {
            failures.Add($"{Section}:MaxRetryDelay must be positive and at most {LongestWait.TotalMinutes} minutes.");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryBaseDelay > options.MaxRetryDelay)
        {
            failures.Add($"{Section}:RetryBaseDelay must be positive and at most MaxRetryDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Refuses a tenant rate that would stop the bot or ignore Teams' global limit altogether.</summary>
internal sealed class ConnectorRateLimitOptionsValidator : IValidateOptions<ConnectorRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorRateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PerTenantPerSecond is >= 1 and <= 1000
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{ConnectorRateLimitOptions.SectionName}:PerTenantPerSecond must be between 1 and 1000 (Teams allows a few tens per app and tenant).");
    }
}
