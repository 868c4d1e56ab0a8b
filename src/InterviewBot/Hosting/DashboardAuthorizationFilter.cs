using System.Net;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;
using InterviewBot.Teams.Hosting;
using Microsoft.Extensions.Options;

namespace InterviewBot.Hosting;

/// <summary>
/// Decides who sees the Hangfire dashboard. In Development: requests made on this machine, and only directly (a
/// tunnel such as the ones used to reach a local bot from Teams forwards from a local process, so forwarded requests
/// are refused). Elsewhere: callers the <see cref="AdminPolicy"/> accepts, which needs an admin's Entra token.
/// </summary>
internal sealed class DashboardAuthorizationFilter(
    IHostEnvironment environment,
    AdminTokenValidator tokens,
    IAuthorizationService authorization) : IDashboardAsyncAuthorizationFilter
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "X-Forwarded-Host", "X-Original-Host", "Forwarded"];

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        if (environment.IsDevelopment())
        {
            return IsDirectLocalRequest(http);
        }

        var caller = await tokens.AuthenticateAsync(http).ConfigureAwait(false);
        if (caller is null)
        {
            return false;
        }

        // Lets Hangfire tell a known caller who is not an admin (403) from an unknown one (401).
        http.User = caller;
        return (await authorization.AuthorizeAsync(caller, AdminPolicy.Name).ConfigureAwait(false)).Succeeded;
    }

    private static bool IsDirectLocalRequest(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } remote
        && (IPAddress.IsLoopback(remote) || remote.Equals(http.Connection.LocalIpAddress))
        && !ForwardingHeaders.Any(h => http.Request.Headers.ContainsKey(h));
}

/// <summary>The authorization policy of InterviewBot's administrators: an authenticated caller listed in <c>Access:Admins</c>.</summary>
internal static class AdminPolicy
{
    public const string Name = "InterviewBotAdmin";

    public static IServiceCollection AddDashboardAccess(this IServiceCollection services)
    {
        services.AddOptions<DashboardAccessOptions>().BindConfiguration(DashboardAccessOptions.Section)
            .Validate(o => o.Admins.All(a => !string.IsNullOrWhiteSpace(a)), "Access:Admins must not contain empty entries.")
            .Validate<IOptions<BotOptions>, IHostEnvironment>(
                (o, bot, environment) => o.Admins.Count == 0 || environment.IsDevelopment()
                    || (!string.IsNullOrWhiteSpace(bot.Value.MicrosoftAppId) && !string.IsNullOrWhiteSpace(bot.Value.MicrosoftAppTenantId)),
                "Access:Admins is set, but admins sign in with Entra tokens issued for the bot's app in its home tenant: set MicrosoftAppId and MicrosoftAppTenantId too.")
            .ValidateOnStart();
        services.AddSingleton<AdminTokenValidator>();
        services.AddSingleton<DashboardAuthorizationFilter>();
        services.AddSingleton<IAuthorizationHandler, ListedAdminHandler>();
        services.AddAuthorizationBuilder().AddPolicy(Name, policy => policy
            .RequireAuthenticatedUser()
            .AddRequirements(new ListedAdmin()));
        return services;
    }

    /// <summary>The caller's Entra object id is one of <c>Access:Admins</c>.</summary>
    internal sealed class ListedAdmin : IAuthorizationRequirement;

    private sealed class ListedAdminHandler(IOptionsMonitor<DashboardAccessOptions> options) : AuthorizationHandler<ListedAdmin>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ListedAdmin requirement)
        {
            var objectId = context.User.FindFirst(AdminTokenValidator.ObjectIdClaim)?.Value;
            if (objectId is not null && options.CurrentValue.Admins.Any(a => string.Equals(a.Trim(), objectId, StringComparison.OrdinalIgnoreCase)))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}
