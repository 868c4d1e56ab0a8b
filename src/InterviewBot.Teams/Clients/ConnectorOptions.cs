namespace InterviewBot.Teams.Clients;

/// <summary>How connector calls get their token, retry and time out (section "Bot:Connector").</summary>
public sealed class ConnectorOptions
{
    public const string SectionName = "Bot:Connector";

    /// <summary>The named <see cref="HttpClient"/> behind <see cref="IConnectorClient"/>.</summary>
    public const string HttpClientName = "InterviewBot.Teams.Connector";

    /// <summary>The named <see cref="HttpClient"/> MSAL uses to fetch the bot's tokens.</summary>
    public const string TokenHttpClientName = "InterviewBot.Teams.BotToken";

    /// <summary>The Entra ID host tokens come from; replace it for a sovereign cloud, or in tests.</summary>
    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com";

    /// <summary>What the bot's token is for: the Bot Framework channels.</summary>
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Time for one attempt, from handing the request to the network to the end of the response.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first backoff; each later one doubles, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between attempts, backoff or Retry-After; when the channel asks for a longer
    /// wait the call ends at once with <see cref="ConnectorException.RetryAfter"/> set, for the caller to reschedule.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Whether a POST answered 502 or 504 is sent again, as Teams advises. A gateway error can come after
    /// Teams stored the activity, so a retry may post it twice; turn this off to hand that choice to the caller.
    /// </summary>
    public bool RetryPostOnGatewayError { get; set; } = true;
}
