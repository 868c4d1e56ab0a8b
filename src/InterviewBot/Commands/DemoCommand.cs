using InterviewBot.Domain.Loops;
using InterviewBot.Domain.Templates;
using InterviewBot.Loops;
using InterviewBot.Teams.Routing;
using Microsoft.Extensions.Options;

namespace InterviewBot.Commands;

/// <summary>
/// <c>demo</c>: a sample loop for a Senior ML Engineer candidate with the caller as interviewer, recruiter and hiring
/// manager, and an interview that ended a minute ago, so the scorecard arrives straight away.
/// </summary>
internal sealed class DemoCommand(LoopService loops, IOptions<DemoOptions> options, IHostEnvironment environment, TimeProvider time) : IChatCommand
{
    public const string SampleCandidate = "Jordan Lee (sample)";

    public IReadOnlyList<string> Names { get; } = ["demo"];

    public string Description => "Create a sample loop and send yourself a scorecard to try";

    public bool IsAvailable => environment.IsDevelopment() || options.Value.Enabled;

    public async Task RunAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var from = turn.Activity.From;
        if (string.IsNullOrWhiteSpace(from?.AadObjectId))
        {
            await turn.SendAsync("I can't tell who you are in this conversation, so I can't make you the interviewer. Try again in a personal chat with me.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var me = new PersonRequest(from.AadObjectId, string.IsNullOrWhiteSpace(from.Name) ? "You" : from.Name);
        var now = time.GetUtcNow();
        var request = new LoopRequest(
            new CandidateRequest(SampleCandidate, null),
            TemplateCatalog.DefaultTemplateId,
            [me],
            [me],
            [new InterviewRequest(me, "ml-system-design-case", null, now.AddMinutes(-61), now.AddMinutes(-1), null)]);
        var (plan, errors) = await loops.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            await turn.SendAsync("I couldn't create the sample loop: " + string.Join("; ", errors.Select(e => e.Message)), cancellationToken).ConfigureAwait(false);
            return;
        }

        await turn.SendAsync(
            "I created a sample loop: you interviewed **Jordan Lee (sample)** for **Senior Machine Learning Engineer** (ML system design case) until a minute ago. Your scorecard is on its way to our personal chat. Type **scorecards** any time to open it again.",
            cancellationToken).ConfigureAwait(false);
    }
}
