using InterviewBot.Teams.Schema;

namespace InterviewBot.Teams.Routing;

/// <summary>Dispatches an activity through the turn middleware to the one handler registered for its type or invoke name.</summary>
/// <remarks>Routes are registered once at startup and only read afterwards, so concurrent turns need no locking.</remarks>
public sealed class ActivityRouter
{
    private readonly Dictionary<string, Func<TurnContext, CancellationToken, Task>> _activityHandlers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<TurnContext, CancellationToken, Task<InvokeResponse>>> _invokeHandlers = new(StringComparer.Ordinal);
    private readonly List<Func<TurnContext, Func<Task>, CancellationToken, Task>> _middleware = [];

    /// <summary>Handles messages, including <c>Action.Submit</c> data that arrives as a message with a value.</summary>
    public ActivityRouter OnMessage(Func<TurnContext, CancellationToken, Task> handler) => On(ActivityTypes.Message, handler);

    public ActivityRouter OnConversationUpdate(Func<TurnContext, CancellationToken, Task> handler) => On(ActivityTypes.ConversationUpdate, handler);

    public ActivityRouter OnInstallationUpdate(Func<TurnContext, CancellationToken, Task> handler) => On(ActivityTypes.InstallationUpdate, handler);

    /// <summary>Handles every activity of <paramref name="activityType"/>; invokes are routed by name with <see cref="OnInvoke"/>.</summary>
    public ActivityRouter On(string activityType, Func<TurnContext, CancellationToken, Task> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activityType);
        ArgumentNullException.ThrowIfNull(handler);
        if (string.Equals(activityType, ActivityTypes.Invoke, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("Invoke activities are routed by name; use OnInvoke.", nameof(activityType));
        }

        if (!_activityHandlers.TryAdd(activityType, handler))
        {
            throw new InvalidOperationException($"A handler for '{activityType}' activities is already registered.");
        }

        return this;
    }

    /// <summary>Handles invokes named <paramref name="name"/>, such as "adaptiveCard/action"; the result is the HTTP answer.</summary>
    public ActivityRouter OnInvoke(string name, Func<TurnContext, CancellationToken, Task<InvokeResponse>> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handler);
        if (!_invokeHandlers.TryAdd(name, handler))
        {
            throw new InvalidOperationException($"A handler for '{name}' invokes is already registered.");
        }

        return this;
    }

    /// <summary>Adds middleware that runs, in registration order, around the handler; it calls next to continue the turn.</summary>
    public ActivityRouter Use(Func<TurnContext, Func<Task>, CancellationToken, Task> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    /// <summary>Runs the turn; returns the invoke's answer (501 for an unhandled invoke), or null for any other activity.</summary>
    public async Task<InvokeResponse?> RouteAsync(TurnContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        InvokeResponse? response = null;

        async Task Dispatch()
        {
            response = await DispatchAsync(context, cancellationToken);
        }

        Func<Task> next = Dispatch;
        for (var i = _middleware.Count - 1; i >= 0; i--)
        {
            var middleware = _middleware[i];
            var inner = next;
            next = () => middleware(context, inner, cancellationToken);
        }

        await next();
        return response;
    }

    private async Task<InvokeResponse?> DispatchAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var activity = context.Activity;
        if (string.Equals(activity.Type, ActivityTypes.Invoke, StringComparison.OrdinalIgnoreCase))
        {
            return activity.Name is not null && _invokeHandlers.TryGetValue(activity.Name, out var invokeHandler)
                ? await invokeHandler(context, cancellationToken)
                : new InvokeResponse(501);
        }

        if (activity.Type is not null && _activityHandlers.TryGetValue(activity.Type, out var handler))
        {
            await handler(context, cancellationToken);
        }

        return null;
    }
}
