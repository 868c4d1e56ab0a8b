namespace InterviewBot.Delivery;

/// <summary>Where to reach interviewers the bot has never heard from.</summary>
internal sealed class DeliveryOptions
{
    public const string Section = "Bot";

    /// <summary>
    /// The tenant whose Teams is used to start a personal chat with an interviewer the bot has never heard from.
    /// Empty: the most recently seen tenant, which is right for the usual single-tenant installation.
    /// </summary>
    public string? TenantId { get; set; }
}
