using Hangfire;
using InterviewBot.Api;
using InterviewBot.Commands;
using InterviewBot.Debriefs;
using InterviewBot.Conversations;
using InterviewBot.Delivery;
using InterviewBot.Domain.Templates;
using InterviewBot.Loops;
using InterviewBot.Reminders;
using InterviewBot.Scorecards;
using InterviewBot.Storage;
using InterviewBot.Storage.Hiring;
using InterviewBot.Storage.People;
using InterviewBot.Teams.Hosting;
using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;
using Microsoft.Extensions.Options;

namespace InterviewBot.Hosting;

/// <summary>Composes InterviewBot: storage, templates, jobs, the Teams bot and the REST API.</summary>
internal static class InterviewBotServices
{
    public static WebApplicationBuilder AddInterviewBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();

        services.AddOptions<TemplateOptions>().BindConfiguration(TemplateOptions.Section);
        services.AddSingleton(sp => LoadTemplates(sp.GetRequiredService<IOptions<TemplateOptions>>().Value, builder.Environment.ContentRootPath));

        services.AddTableStore(configuration, builder.Environment.ContentRootPath);
        services.AddSingleton<HiringStore>();
        services.AddSingleton<UserDirectory>();

        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section)
            .Validate(o => o.ToSettings().Validate().Count == 0, "Reminders settings are invalid: check working hours, days and intervals.")
            .ValidateOnStart();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section)
            .Validate(o => o.WorkerCount is > 0 and <= 64, "Jobs:WorkerCount must be between 1 and 64.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.SweepCron), "Jobs:SweepCron must be a cron expression.")
            .Validate(o => o.SweepConcurrency is > 0 and <= JobsOptions.MaxSweepConcurrency, "Jobs:SweepConcurrency must be between 1 and 64.")
            .ValidateOnStart();

        services.AddConversationHandlers();
        services.AddScoped<DeliveryService>();
        services.AddScoped<DeliveryJobs>();
        services.AddScoped<IDeliveryScheduler, HangfireDeliveryScheduler>();
        services.AddScoped<RememberUsers>();
        services.AddScoped<DeduplicateActivities>();
        services.AddScoped<ApiKeyFilter>();

        services.AddInterviewBotJobs();
        services.AddHostedService<RecurringJobsRegistration>();

        services.AddTeamsBot(configuration, router => router
            .Use((turn, next, ct) => turn.Services.GetRequiredService<DeduplicateActivities>().InvokeAsync(turn, next, ct))
            .Use((turn, next, ct) => turn.Services.GetRequiredService<RememberUsers>().InvokeAsync(turn, next, ct))
            .OnMessage((turn, ct) => turn.Services.GetRequiredService<MessageHandler>().HandleAsync(turn, ct))
            .OnInvoke(AdaptiveCardInvokeValue.InvokeName, (turn, ct) => turn.Services.GetRequiredService<CardActionHandler>().HandleAsync(turn, ct))
            .OnConversationUpdate((turn, ct) => turn.Services.GetRequiredService<Welcome>().OnConversationUpdateAsync(turn, ct))
            .OnInstallationUpdate((turn, ct) => turn.Services.GetRequiredService<Welcome>().OnInstallationUpdateAsync(turn, ct)));
        return builder;
    }

    /// <summary>What answers a turn: chat commands, card actions, the welcome, and loop creation they rely on.</summary>
    internal static IServiceCollection AddConversationHandlers(this IServiceCollection services)
    {
        services.AddScoped<LoopService>();
        services.AddScoped<ScorecardActions>();
        services.AddScoped<MessageHandler>();
        services.AddScoped<CardActionHandler>();
        services.AddScoped<Welcome>();
        services.AddScoped<ChatCommands>();
        services.AddScoped<IChatCommand, HelpCommand>();
        services.AddScoped<IChatCommand, ScorecardsCommand>();
        services.AddScoped<IChatCommand, StatusCommand>();
        services.AddScoped<IChatCommand, RemindCommand>();
        services.AddScoped<IChatCommand, DebriefCommand>();
        services.AddScoped<IChatCommand, LinkCommand>();
        services.AddScoped<IChatCommand, UnlockCommand>();
        services.AddScoped<IChatCommand, DemoCommand>();
        services.AddScoped<DebriefService>();
        services.AddScoped<IScorecardSubmissions>(sp => sp.GetRequiredService<DebriefService>());
        services.AddScoped<DebriefActions>();
        services.AddScoped<ReminderActions>();
        services.AddScoped<LoopActions>();
        services.AddScoped<PersonalChats>();
        services.AddScoped<ReminderService>();
        return services;
    }

    public static WebApplication MapInterviewBot(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.MapTeamsBot();
        app.MapLoopsApi();
        app.MapInterviewsApi();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
        return app;
    }

    private static TemplateCatalog LoadTemplates(TemplateOptions options, string contentRoot)
    {
        var templates = TemplateCatalog.LoadBuiltIn().ToList();
        if (!string.IsNullOrWhiteSpace(options.Directory))
        {
            var directory = Path.GetFullPath(options.Directory, contentRoot);
            if (!System.IO.Directory.Exists(directory))
            {
                throw new InvalidOperationException($"Templates:Directory '{directory}' does not exist.");
            }

            foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                using var stream = File.OpenRead(file);
                var template = TemplateCatalog.Parse(stream, Path.GetFileName(file));
                templates.RemoveAll(t => t.Id == template.Id);
                templates.Add(template);
            }
        }

        return new TemplateCatalog(templates);
    }

    /// <summary>Registers the recurring sweep once the app has started.</summary>
    private sealed class RecurringJobsRegistration(IRecurringJobManager recurring, IOptions<JobsOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            recurring.AddOrUpdate<DeliveryJobs>(DeliveryJobs.SweepJobId, j => j.SweepAsync(CancellationToken.None), options.Value.SweepCron);
            recurring.AddOrUpdate<DeduplicateActivities>("inbox-cleanup", j => j.CleanupAsync(CancellationToken.None), Cron.Daily());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
