using System.Collections.Concurrent;

namespace PxeKit.Core.Events;

/// <summary>
/// The journal: completes and fans out events to its sinks, one at a time. TFTP and HTTP see only an IP
/// address; the journal fills in the MAC from the DHCP steps it has already recorded. A sink may record
/// into the journal from its <see cref="IBootEventSink.Write"/> (a rule's verdict): that event is delivered
/// right after the one being written, on the same thread.
/// </summary>
public sealed class BootJournal : IBootJournal
{
    private readonly ConcurrentDictionary<string, string> _macByAddress = new(StringComparer.Ordinal);
    private readonly List<IBootEventSink> _sinks;
    private readonly Lock _gate = new();
    private readonly Queue<BootEvent> _deferred = new();
    private bool _delivering;

    public BootJournal(params IReadOnlyList<IBootEventSink> sinks) => _sinks = [.. sinks];

    /// <summary>Adds a sink later: for sinks that themselves record into this journal (diagnosis).</summary>
    public void Attach(IBootEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_gate)
        {
            _sinks.Add(sink);
        }
    }

    public void Record(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (bootEvent is { Mac: not null, Address: not null } && bootEvent.Step is BootStep.DhcpAck or BootStep.DhcpOffer)
        {
            _macByAddress[bootEvent.Address] = bootEvent.Mac;
        }
        else if (bootEvent is { Mac: null, Address: not null } && _macByAddress.TryGetValue(bootEvent.Address, out var mac))
        {
            bootEvent = bootEvent with { Mac = mac };
        }

        // One event at a time, so sinks see a consistent order and need no locks of their own.
        lock (_gate)
        {
            if (_delivering)
            {
                // A sink recording from inside Write (a rule's verdict): it goes out once the event that caused
                // it has reached every sink, so every sink sees the evidence before the verdict.
                _deferred.Enqueue(bootEvent);
                return;
            }

            _delivering = true;
            try
            {
                Deliver(bootEvent);
                while (_deferred.TryDequeue(out var next))
                {
                    Deliver(next);
                }
            }
            finally
            {
                _delivering = false;
                _deferred.Clear();
            }
        }
    }

    private void Deliver(BootEvent bootEvent)
    {
        foreach (var sink in _sinks)
        {
            sink.Write(bootEvent);
        }
    }
}
