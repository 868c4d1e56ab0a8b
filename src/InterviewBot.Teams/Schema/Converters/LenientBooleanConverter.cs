using System.Text.Json;
using System.Text.Json.Serialization;

namespace InterviewBot.Teams.Schema.Converters;

/// <summary>Reads a flag written as a JSON boolean or as a string such as "True"; anything else reads as absent.</summary>
internal sealed class LenientBooleanConverter : JsonConverter<bool?>
{
    // Some channels and proxies send "isGroup": "True"; a flag must never fail the whole activity.
    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                return bool.TryParse(reader.GetString(), out var parsed) ? parsed : null;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } flag)
        {
            writer.WriteBooleanValue(flag);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
