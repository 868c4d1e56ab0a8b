using InterviewBot.Teams.Cards;

namespace InterviewBot.Teams.Schema;

/// <summary>Builds the answers to an <c>adaptiveCard/action</c> invoke defined by the Universal Actions model.</summary>
/// <remarks>
/// The model puts the outcome in the body's <c>statusCode</c>; the HTTP status is 200 whenever the bot
/// processed the invoke, errors included, so the client shows the error instead of a generic failure.
/// </remarks>
public static class AdaptiveCardInvokeResponse
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    /// <summary>Replaces the card the user acted on with <paramref name="card"/>.</summary>
    public static InvokeResponse Card(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new InvokeResponse(200, new AdaptiveCardInvokeResponseBody(200, CardType, AdaptiveCardSerializer.ToJsonElement(card)));
    }

    /// <summary>Shows <paramref name="text"/> to the user and leaves the card as it is.</summary>
    public static InvokeResponse Message(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new InvokeResponse(200, new AdaptiveCardInvokeResponseBody(200, MessageType, text));
    }

    /// <summary>Reports that the action failed; <paramref name="statusCode"/> is 400 for a bad request, 500 for a fault.</summary>
    public static InvokeResponse Error(int statusCode, string code, string message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(message);
        return new InvokeResponse(200, new AdaptiveCardInvokeResponseBody(statusCode, ErrorType, new AdaptiveCardInvokeError(code, message)));
    }
}

/// <summary>The body of an answer to an <c>adaptiveCard/action</c> invoke.</summary>
public sealed record AdaptiveCardInvokeResponseBody(int StatusCode, string Type, object? Value);

/// <summary>The <c>value</c> of an error answer to an <c>adaptiveCard/action</c> invoke.</summary>
public sealed record AdaptiveCardInvokeError(string Code, string Message);
