using System.Text.Json;

namespace PxeKit.Core.Events;

/// <summary>
/// Writes each event as one JSON object per line and flushes it at once, so another process
/// (<c>pxekit boot</c> reading its server's journal) sees every step as it happens.
/// </summary>
public sealed class JsonLinesJournalSink(TextWriter writer) : IBootEventSink, IDisposable
{
    public void Write(BootEvent bootEvent)
    {
        writer.WriteLine(JsonSerializer.Serialize(bootEvent, JournalJsonContext.Default.BootEvent));
        writer.Flush();
    }

    /// <summary>Reads one line written by this sink; null if it is not a journal event.</summary>
    public static BootEvent? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, JournalJsonContext.Default.BootEvent);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => writer.Dispose();
}
