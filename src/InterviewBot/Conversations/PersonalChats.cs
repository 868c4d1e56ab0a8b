using InterviewBot.Delivery;
using InterviewBot.Domain.Hiring;
using InterviewBot.Domain.People;
using InterviewBot.Storage.People;
using InterviewBot.Teams.Clients;
using InterviewBot.Teams.Schema;
using Microsoft.Extensions.Options;

namespace InterviewBot.Conversations;

/// <summary>Where a message to someone's personal chat went.</summary>
internal sealed record PersonalMessage(string ConversationId, string? ActivityId, string? TimeZone);

/// <summary>Someone to write to, with what InterviewBot knows of them from Teams (null: never heard from), read once.</summary>
internal sealed record Recipient(Person Person, KnownUser? Known)
{
    /// <summary>The person's time zone as Teams last told it, or null.</summary>
    public string? TimeZone => Known?.TimeZone;
}

/// <summary>
/// Writes to a person's personal chat with the bot: the chat they used before, or a new one started through their
/// tenant's last known Teams service. The chat is remembered so the next message reuses it.
/// </summary>
internal sealed class PersonalChats(UserDirectory users, IConnectorClient connector, IOptions<DeliveryOptions> options, TimeProvider time)
{
    /// <summary>Looks the person up once, for callers that need their time zone before sending.</summary>
    public async Task<Recipient> FindAsync(Person person, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new Recipient(person, await users.FindAsync(person.AadObjectId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The person's time zone as Teams last told it, or null.</summary>
    public async Task<string?> TimeZoneOfAsync(Person person, CancellationToken cancellationToken = default) =>
        (await FindAsync(person, cancellationToken).ConfigureAwait(false)).TimeZone;

    /// <summary>Sends <paramref name="message"/>; null when there is no way into Teams for this person yet.</summary>
    public async Task<PersonalMessage?> SendAsync(Person person, Activity message, CancellationToken cancellationToken = default) =>
        await SendAsync(await FindAsync(person, cancellationToken).ConfigureAwait(false), message, cancellationToken).ConfigureAwait(false);

    /// <summary>Sends <paramref name="message"/> to someone already looked up; null when there is no way into Teams for them yet.</summary>
    public async Task<PersonalMessage?> SendAsync(Recipient recipient, Activity message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(message);
        var (person, user) = (recipient.Person, recipient.Known);
        var route = user is not null
            ? new TenantRoute(user.TenantId, user.ServiceUrl, user.BotId)
            : await users.FindTenantRouteAsync(string.IsNullOrWhiteSpace(options.Value.TenantId) ? null : options.Value.TenantId, cancellationToken).ConfigureAwait(false);
        if (route is null)
        {
            return null;
        }

        var conversationId = user?.PersonalConversationId;
        if (conversationId is null)
        {
            var created = await connector.CreateConversationAsync(
                route.ServiceUrl,
                new ConversationParameters
                {
                    IsGroup = false,
                    Bot = new ChannelAccount(route.BotId),
                    Members = [new ChannelAccount(user?.TeamsUserId ?? person.AadObjectId, AadObjectId: person.AadObjectId)],
                    TenantId = route.TenantId,
                    ChannelData = new TeamsChannelData { Tenant = new TenantInfo(route.TenantId) },
                },
                cancellationToken).ConfigureAwait(false);
            conversationId = created.Id ?? throw new InvalidOperationException("Teams created a conversation without an id.");
            var remembered = user is not null
                ? user with { PersonalConversationId = conversationId }
                : new KnownUser(person.AadObjectId, person.AadObjectId, person.Name, route.TenantId, route.ServiceUrl, route.BotId, conversationId, null, time.GetUtcNow());
            await users.RememberAsync(remembered, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        var sent = await connector.SendToConversationAsync(route.ServiceUrl, conversationId, message, cancellationToken).ConfigureAwait(false);
        return new PersonalMessage(conversationId, sent.Id, user?.TimeZone);
    }
}
