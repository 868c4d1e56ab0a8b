using System.Text.Json.Nodes;
using InterviewBot.Tests.Support;

namespace InterviewBot.Tests.Cards;

/// <summary>Every card the host builds passes the official Adaptive Cards parser with nothing unknown or invalid.</summary>
public sealed class AdaptiveCardsParserTests
{
    [Theory]
    [MemberData(nameof(CardSamples.Names), MemberType = typeof(CardSamples))]
    public async Task Card_EveryVariant_PassesTheOfficialParser(string variant)
    {
        var card = CardSamples.All[variant]();

        var problems = await AdaptiveCardsParser.ProblemsAsync(variant, card);

        Assert.True(problems.Count == 0, $"{variant}:{Environment.NewLine}{AdaptiveCardsParser.Describe(problems)}");
    }

    [Fact]
    public async Task Validator_BrokenCard_ReportsEveryKindOfProblem()
    {
        var broken = JsonNode.Parse("""
            {
              "type": "AdaptiveCard",
              "version": "1.5",
              "body": [
                { "type": "TextBlok", "text": "typo in the type" },
                { "type": "TextBlock", "text": "x", "colour": "red", "weight": "heavy", "wrap": "yes" },
                { "type": "Input.Text", "id": "a", "labelPosition": "inline" },
                { "type": "Input.Text", "id": "a" }
              ],
              "actions": [ { "type": "Action.Teleport", "title": "Go" } ],
              "msteams": { "width": "Half" }
            }
            """)!;

        var problems = await AdaptiveCardsParser.ProblemsAsync("broken", broken);

        var kinds = problems.Select(p => (p.Kind, p.Path)).ToList();
        Assert.Contains(("UnknownElementType", "$.body[0]"), kinds);
        Assert.Contains(("UnknownProperty", "$.body[1].colour"), kinds);
        Assert.Contains(("InvalidPropertyValue", "$.body[1].weight"), kinds);
        Assert.Contains(("InvalidPropertyValue", "$.body[1].wrap"), kinds);
        Assert.Contains(("PropertyNotInVersion", "$.body[2].labelPosition"), kinds);
        Assert.Contains(("UnknownActionType", "$.actions[0]"), kinds);
        Assert.Contains(("InvalidPropertyValue", "$.msteams.width"), kinds);
        Assert.Contains(problems, p => p.Kind == "DuplicateId");
    }
}
