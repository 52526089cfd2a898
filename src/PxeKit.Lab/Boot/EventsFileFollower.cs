using PxeKit.Core.Events;

namespace PxeKit.Lab.Boot;

/// <summary>
/// Follows the JSON-lines journal a child <c>pxekit serve --events FILE</c> writes, and records each
/// event into this process's journal as it appears.
/// </summary>
public sealed class EventsFileFollower(string path, IBootJournal journal)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!File.Exists(path))
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var partial = "";
        while (true)
        {
            var chunk = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            if (chunk.Length == 0)
            {
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var lines = (partial + chunk).Split('\n');
            partial = lines[^1];
            foreach (var line in lines[..^1])
            {
                if (JsonLinesJournalSink.Parse(line) is { } bootEvent)
                {
                    journal.Record(bootEvent);
                }
            }
        }
    }

    /// <summary>Reads whatever the file holds now (after the server stopped), once.</summary>
    public static IReadOnlyList<BootEvent> ReadAll(string path) =>
        File.Exists(path)
            ? [.. File.ReadAllLines(path).Select(JsonLinesJournalSink.Parse).OfType<BootEvent>()]
            : [];
}
