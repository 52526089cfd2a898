using System.Text.Json;
using System.Text.Json.Serialization;

namespace PxeKit.Server.Journal;

/// <summary>
/// Writes each event as one JSON object per line and flushes it at once, so another process
/// (<c>pxekit boot</c> reading its server's journal) sees every step as it happens.
/// </summary>
public sealed class JsonLinesJournalSink(TextWriter writer) : IBootEventSink, IDisposable
{
    public static JsonSerializerOptions SerializerOptions { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public void Write(BootEvent bootEvent)
    {
        writer.WriteLine(JsonSerializer.Serialize(bootEvent, SerializerOptions));
        writer.Flush();
    }

    /// <summary>Reads one line written by this sink; null if it is not a journal event.</summary>
    public static BootEvent? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<BootEvent>(line, SerializerOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => writer.Dispose();
}
