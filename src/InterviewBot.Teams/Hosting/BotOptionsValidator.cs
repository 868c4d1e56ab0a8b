using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InterviewBot.Teams.Hosting;

/// <summary>Refuses settings that would run the bot unauthenticated outside development, or that make no sense.</summary>
internal sealed class BotOptionsValidator(IHostEnvironment environment) : IValidateOptions<BotOptions>
{
    private static readonly string[] AppTypes = ["SingleTenant", "MultiTenant", "UserAssignedMSI"];

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

        if (options.MaxRequestBodyBytes <= 0)
        {
            failures.Add("Bot:MaxRequestBodyBytes must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
