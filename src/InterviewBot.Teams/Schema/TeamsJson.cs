using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace InterviewBot.Teams.Schema;

/// <summary>The JSON settings of the Bot Framework wire format: camelCase, nulls omitted, lenient on read.</summary>
public static class TeamsJson
{
    /// <summary>Options for reading and writing activities and everything they carry.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Clients differ in casing (the Teams docs themselves show both localTimezone and
            // localTimeZone), and a card's "type" need not come first.
            PropertyNameCaseInsensitive = true,
            AllowOutOfOrderMetadataProperties = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly();
        return options;
    }
}
