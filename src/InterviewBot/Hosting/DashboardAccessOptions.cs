namespace InterviewBot.Hosting;

/// <summary>Who may open the Hangfire dashboard outside Development (configuration section <c>Access</c>).</summary>
internal sealed class DashboardAccessOptions
{
    public const string Section = "Access";

    /// <summary>
    /// Entra object ids (the <c>oid</c> claim) of the administrators. They present an Entra access token of the
    /// bot's home tenant issued for the bot's app (<c>MicrosoftAppId</c>) as a bearer token. Empty: nobody, and the
    /// dashboard stays closed.
    /// </summary>
    public IList<string> Admins { get; } = [];
}
