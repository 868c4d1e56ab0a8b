using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewBot.Teams.Hosting;

/// <summary>Maps the bot's messaging endpoint.</summary>
public static class TeamsBotEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>POST {pattern}</c> to the bot; other methods get 405.</summary>
    public static IEndpointConventionBuilder MapTeamsBot(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>() is { } isService
            && !isService.IsService(typeof(BotRequestHandler)))
        {
            throw new InvalidOperationException("The Teams bot is not registered: call services.AddTeamsBot(...) before MapTeamsBot().");
        }

        return endpoints.MapPost(pattern, new RequestDelegate(http => http.RequestServices.GetRequiredService<BotRequestHandler>().HandleAsync(http)));
    }
}
