using System.Collections.Concurrent;

namespace PxeKit.Core.Events;

/// <summary>
/// Hands events to slow sinks (a terminal, a file) on a thread of its own, so that writing a line never
/// holds up a DHCP reply: in a boot storm the listener pays a queue insert per step instead of a
/// formatted write and a flush. Events keep their order. When the sinks fall far behind, the queue is
/// full and <see cref="Write"/> waits: nothing is dropped. Dispose writes what is queued, then returns.
/// </summary>
public sealed class QueuedJournalSink : IBootEventSink, IDisposable
{
    /// <summary>About a minute of a 500-machine storm's steps; a bound so memory cannot run away.</summary>
    private const int Capacity = 65_536;

    private readonly BlockingCollection<BootEvent> _events = new(Capacity);
    private readonly IReadOnlyList<IBootEventSink> _sinks;
    private readonly Thread _thread;
    private bool _disposed;

    public QueuedJournalSink(params IReadOnlyList<IBootEventSink> sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        _sinks = [.. sinks];
        _thread = new Thread(Run) { Name = "pxekit journal writer", IsBackground = true };
        _thread.Start();
    }

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (!_events.IsAddingCompleted)
        {
            try
            {
                _events.Add(bootEvent);
                return;
            }
            catch (InvalidOperationException)
            {
                // Closed between the check and the add: the event is written below instead.
            }
        }

        // After Dispose (a listener finishing its last reply) the event is written here, in place.
        lock (_sinks)
        {
            WriteToSinks(bootEvent);
        }
    }

    private void Run()
    {
        foreach (var bootEvent in _events.GetConsumingEnumerable())
        {
            lock (_sinks)
            {
                WriteToSinks(bootEvent);
            }
        }
    }

    private void WriteToSinks(BootEvent bootEvent)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                sink.Write(bootEvent);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // A closed terminal or a full disk must not end the server: the other sinks go on.
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _events.CompleteAdding();
        _thread.Join();
        // The collection itself is left to the collector: a late Write still asks it whether it is closed.
    }
}
