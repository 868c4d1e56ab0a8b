using InterviewBot.Teams.Routing;
using InterviewBot.Teams.Schema;
using InterviewBot.Teams.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewBot.Teams.Tests.Routing;

public sealed class ActivityRouterTests
{
    private static TurnContext Turn(Activity activity) =>
        new(activity, new ServiceCollection().BuildServiceProvider(), new RecordingConnectorClient());

    private static TurnContext Turn(string fixture) => Turn(Fixture.Activity(fixture));

    [Fact]
    public async Task RouteAsync_UnhandledInvoke_Answers501()
    {
        // Arrange
        var router = new ActivityRouter().OnInvoke("task/fetch", (_, _) => Task.FromResult(new InvokeResponse(200)));

        // Act
        var response = await router.RouteAsync(Turn(Fixture.AdaptiveCardAction));

        // Assert
        Assert.Equal(501, response?.Status);
        Assert.Null(response?.Body);
    }

    [Fact]
    public async Task RouteAsync_HandledInvoke_ReturnsTheHandlersAnswer()
    {
        // Arrange
        var router = new ActivityRouter().OnInvoke(AdaptiveCardInvokeValue.InvokeName, (_, _) => Task.FromResult(AdaptiveCardInvokeResponse.Message("ok")));

        // Act
        var response = await router.RouteAsync(Turn(Fixture.AdaptiveCardAction));

        // Assert
        Assert.Equal(200, response?.Status);
        Assert.Equal(AdaptiveCardInvokeResponse.MessageType, Assert.IsType<AdaptiveCardInvokeResponseBody>(response?.Body).Type);
    }

    [Fact]
    public async Task RouteAsync_Message_RunsTheMessageHandlerAndReturnsNull()
    {
        // Arrange
        string? seen = null;
        var router = new ActivityRouter()
            .OnMessage((turn, _) =>
            {
                seen = turn.Activity.Text;
                return Task.CompletedTask;
            })
            .OnConversationUpdate((_, _) => throw new InvalidOperationException("wrong handler"));

        // Act
        var response = await router.RouteAsync(Turn(Fixture.PersonalMessage));

        // Assert
        Assert.Null(response);
        Assert.Equal("status", seen);
    }

    [Theory]
    [InlineData(Fixture.MembersAdded, ActivityTypes.ConversationUpdate)]
    [InlineData(Fixture.InstallationAdd, ActivityTypes.InstallationUpdate)]
    public async Task RouteAsync_LifecycleActivity_ReachesItsHandler(string fixture, string expectedType)
    {
        // Arrange
        var handled = new List<string>();
        var router = new ActivityRouter()
            .OnConversationUpdate((turn, _) => Record(turn))
            .OnInstallationUpdate((turn, _) => Record(turn));

        Task Record(TurnContext turn)
        {
            handled.Add(turn.Activity.Type!);
            return Task.CompletedTask;
        }

        // Act
        await router.RouteAsync(Turn(fixture));

        // Assert
        Assert.Equal([expectedType], handled);
    }

    [Fact]
    public async Task RouteAsync_ActivityWithoutHandler_ReturnsNull()
    {
        // Arrange
        var router = new ActivityRouter();

        // Act
        var response = await router.RouteAsync(Turn(new Activity { Type = ActivityTypes.MessageReaction }));

        // Assert
        Assert.Null(response);
    }

    [Fact]
    public void OnMessage_RegisteredTwice_Throws()
    {
        // Arrange
        var router = new ActivityRouter().OnMessage((_, _) => Task.CompletedTask);

        // Act & Assert
        Assert.Throws<InvalidOperationException>(() => router.OnMessage((_, _) => Task.CompletedTask));
    }

    [Fact]
    public void OnInvoke_SameNameTwice_Throws()
    {
        // Arrange
        var router = new ActivityRouter().OnInvoke("adaptiveCard/action", (_, _) => Task.FromResult(new InvokeResponse(200)));

        // Act & Assert
        Assert.Throws<InvalidOperationException>(() => router.OnInvoke("adaptiveCard/action", (_, _) => Task.FromResult(new InvokeResponse(200))));
    }

    [Fact]
    public void On_InvokeType_IsRejectedInFavourOfOnInvoke()
    {
        // Arrange
        var router = new ActivityRouter();

        // Act & Assert
        Assert.Throws<ArgumentException>(() => router.On(ActivityTypes.Invoke, (_, _) => Task.CompletedTask));
    }

    [Fact]
    public async Task RouteAsync_TwoMiddleware_RunInRegistrationOrderAroundTheHandler()
    {
        // Arrange
        var order = new List<string>();
        var router = new ActivityRouter()
            .Use(async (_, next, _) =>
            {
                order.Add("first:before");
                await next();
                order.Add("first:after");
            })
            .Use(async (_, next, _) =>
            {
                order.Add("second:before");
                await next();
                order.Add("second:after");
            })
            .OnMessage((_, _) =>
            {
                order.Add("handler");
                return Task.CompletedTask;
            });

        // Act
        await router.RouteAsync(Turn(Fixture.PersonalMessage));

        // Assert
        Assert.Equal(["first:before", "second:before", "handler", "second:after", "first:after"], order);
    }

    [Fact]
    public async Task RouteAsync_MiddlewareThatDoesNotCallNext_StopsTheTurn()
    {
        // Arrange
        var handled = false;
        var router = new ActivityRouter()
            .Use((_, _, _) => Task.CompletedTask)
            .OnInvoke(AdaptiveCardInvokeValue.InvokeName, (_, _) =>
            {
                handled = true;
                return Task.FromResult(new InvokeResponse(200));
            });

        // Act
        var response = await router.RouteAsync(Turn(Fixture.AdaptiveCardAction));

        // Assert
        Assert.False(handled);
        Assert.Null(response);
    }

    [Fact]
    public async Task RouteAsync_HandlerThrows_ExceptionReachesTheMiddleware()
    {
        // Arrange
        Exception? caught = null;
        var router = new ActivityRouter()
            .Use(async (_, next, _) =>
            {
                try
                {
                    await next();
                }
                catch (InvalidOperationException ex)
                {
                    caught = ex;
                }
            })
            .OnMessage((_, _) => throw new InvalidOperationException("boom"));

        // Act
        await router.RouteAsync(Turn(Fixture.PersonalMessage));

        // Assert
        Assert.Equal("boom", caught?.Message);
    }
}
