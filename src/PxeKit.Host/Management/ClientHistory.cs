using PxeKit.Core.Collections;
using PxeKit.Core.Events;

namespace PxeKit.Host.Management;

/// <summary>
/// What the management API and the dashboard show of each machine: its recent events (its timeline), newest machines
/// kept, and the recent verdicts. Fed by the journal; bounded in machines, events per machine and verdicts, so a flood
/// of forged MACs costs a fixed amount of memory. <see cref="Write"/> takes one short lock, does a constant amount of
/// work (the machines are kept in the order they were last written), and never waits on a reader.
/// </summary>
public sealed class ClientHistory : IBootEventSink
{
    /// <summary>Machines kept; the one seen longest ago goes first.</summary>
    public const int MaxMachines = 1024;

    /// <summary>Events kept per machine: several boots' worth; the oldest go first.</summary>
    public const int MaxEventsPerMachine = 256;

    /// <summary>Verdicts kept, of every machine; the oldest go first.</summary>
    public const int MaxVerdicts = 256;

    /// <summary>
    /// Events kept of every machine together. The two bounds above alone let a peer forging MACs make PxeKit hold a
    /// quarter of a million events; past this one the machine written longest ago loses its oldest event, and goes when
    /// it has none left. Thirty-two events a machine on average, when all 1,024 are kept.
    /// </summary>
    public const int MaxEvents = 32 * MaxMachines;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Mac, Machine Machine)>> _machines = new(StringComparer.Ordinal);

    /// <summary>The machines, the one written last first: the last is the one to forget.</summary>
    private readonly LinkedList<(string Mac, Machine Machine)> _recent = new();
    private readonly RecentQueue<BootEvent> _verdicts = new(MaxVerdicts);
    private int _events;

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (bootEvent.Mac is not { } mac)
        {
            return;
        }

        lock (_gate)
        {
            if (_machines.TryGetValue(mac, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
            }
            else
            {
                if (_machines.Count >= MaxMachines)
                {
                    Forget(_recent.Last!);
                }

                node = _recent.AddFirst((mac, new Machine()));
                _machines[mac] = node;
            }

            var machine = node.Value.Machine;
            if (!machine.Add(bootEvent))
            {
                _events++;
            }

            // One event more at most per write: the machine written longest ago gives up its oldest (never this one, which
            // is now the newest, unless it is the only one, which its own bound keeps below this).
            if (_events > MaxEvents)
            {
                var oldest = _recent.Last!;
                oldest.Value.Machine.DropOldest();
                _events--;
                if (oldest.Value.Machine.Events.Count == 0)
                {
                    Forget(oldest);
                }
            }

            if (bootEvent.Verdict is not null)
            {
                _verdicts.Add(bootEvent);
            }
        }
    }

    private void Forget(LinkedListNode<(string Mac, Machine Machine)> node)
    {
        _events -= node.Value.Machine.Events.Count;
        _machines.Remove(node.Value.Mac);
        _recent.Remove(node);
    }

    /// <summary>Every machine kept, the one seen last first.</summary>
    public IReadOnlyList<ClientSummary> Clients()
    {
        lock (_gate)
        {
            return [.. _recent.Select(m => m.Machine.Summary(m.Mac))];
        }
    }

    /// <summary>One machine's events, oldest first, and its verdicts; null when it is not kept.</summary>
    public ClientDetail? Client(string mac)
    {
        lock (_gate)
        {
            return _machines.TryGetValue(mac, out var node) && node.Value.Machine is var machine
                ? new ClientDetail(mac, [.. machine.Events], [.. machine.Events.Where(e => e.Verdict is not null).Select(e => e.Verdict!)])
                : null;
        }
    }

    /// <summary>The verdicts kept, newest first, each as its <see cref="BootStep.Diagnosis"/> event.</summary>
    public IReadOnlyList<BootEvent> Verdicts()
    {
        lock (_gate)
        {
            return [.. _verdicts.Reverse()];
        }
    }

    /// <summary>The machines whose last boot was answered with each profile, by profile name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> MatchedByProfile()
    {
        lock (_gate)
        {
            return _recent
                .Where(m => m.Machine.Profile is not null)
                .GroupBy(m => m.Machine.Profile!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(m => m.Mac).Order(StringComparer.Ordinal)], StringComparer.Ordinal);
        }
    }

    /// <summary>One machine's kept events and what the list of machines says of it.</summary>
    private sealed class Machine
    {
        public Queue<BootEvent> Events { get; } = new();

        public DateTimeOffset LastSeen { get; private set; }

        public string? Address { get; private set; }

        public string? Profile { get; private set; }

        public int VerdictCount { get; private set; }

        /// <summary>Adds <paramref name="bootEvent"/>; true when the machine's oldest event went to make room for it.</summary>
        public bool Add(BootEvent bootEvent)
        {
            bool full = Events.Count >= MaxEventsPerMachine;
            if (full)
            {
                DropOldest();
            }

            Events.Enqueue(bootEvent);
            LastSeen = bootEvent.Time > LastSeen ? bootEvent.Time : LastSeen;
            Address = bootEvent.Address ?? Address;
            Profile = bootEvent.Profile ?? Profile;
            if (bootEvent.Verdict is not null)
            {
                VerdictCount++;
            }

            return full;
        }

        public void DropOldest()
        {
            if (Events.Dequeue().Verdict is not null)
            {
                VerdictCount--;
            }
        }

        public ClientSummary Summary(string mac) =>
            new(mac, Address, Profile, Events.Last().Step, LastSeen, Events.Count, VerdictCount);
    }
}
