using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace InterviewBot.Hosting;

/// <summary>Stops the host at startup with a message naming the bad <c>Hangfire</c> setting.</summary>
internal sealed partial class HangfireOptionsValidator : IValidateOptions<HangfireOptions>
{
    private static readonly TimeSpan ShortestPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, HangfireOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.UsesPostgreSql)
        {
            // The message never repeats the connection string: it usually carries a password.
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    failures.Add("Hangfire:ConnectionString names no Host.");
                }
            }
            catch (ArgumentException ex)
            {
                failures.Add($"Hangfire:ConnectionString is not a valid PostgreSQL connection string: {ex.Message}");
            }
        }

        // Quoted in every query Hangfire makes, so anything but a plain lower-case identifier would be a trap.
        if (string.IsNullOrEmpty(options.Schema) || !SchemaName().IsMatch(options.Schema))
        {
            failures.Add("Hangfire:Schema must be a lower-case PostgreSQL identifier of at most 63 characters: letters, digits and underscores, not starting with a digit.");
        }

        if (options.QueuePollInterval < ShortestPoll || options.QueuePollInterval > LongestPoll)
        {
            failures.Add($"Hangfire:QueuePollInterval must be between {ShortestPoll} and {LongestPoll}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
