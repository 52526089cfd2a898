using PxeKit.Core.Collections;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Verdicts;

namespace PxeKit.Diagnostics.Engine;

/// <summary>
/// The one diagnosis engine: every tool feeds it the events its sources give (serve its sockets and capture,
/// trace a capture, boot the server's journal or a tap capture and the VM's console, doctor the host), it keeps
/// per-client state, and its rules (<see cref="FaultRules"/>), one per fault, say verdicts. A fault is therefore
/// named with the same id and the same words by every tool that has its evidence. Verdicts go to the callback
/// given, outside the engine's lock (so it may record them into the journal that feeds the engine).
/// </summary>
public sealed class DiagnosisEngine : IBootEventSink, IDisposable
{
    /// <summary>A bound on the clients remembered: a flood of forged MACs cannot grow the engine without end.</summary>
    public const int MaxClients = 10_000;

    /// <summary>
    /// A bound on the verdicts kept for <see cref="Verdicts"/>, the oldest going first: as many as the clients
    /// remembered. serve's engine runs for months, and each new client with a fault adds one.
    /// </summary>
    public const int MaxVerdicts = MaxClients;

    /// <summary>
    /// A bound on what is remembered as said (a fault and the client or key it was said of), the least recently asked
    /// about going first: a verdict about a client forgotten that long ago is said again if its fault comes back.
    /// </summary>
    public const int MaxSaid = 4 * MaxClients;

    private readonly IReadOnlyList<IFaultRule> _rules;
    private readonly Action<Verdict> _say;
    private readonly RuleContext _context;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ClientState> _clients = new(StringComparer.Ordinal);
    private readonly Queue<ClientState> _order = new();
    private readonly BoundedMap<string, string> _macByAddress = new(MaxClients, StringComparer.Ordinal);
    private readonly BoundedMap<(FaultId Fault, string Key), bool> _said = new(MaxSaid);
    private readonly RecentQueue<Verdict> _verdicts = new(MaxVerdicts);
    private readonly List<Verdict> _toSay = [];
    private readonly Dictionary<HostTraffic, (DateTimeOffset At, Task<FirewallAdvice> Advice)> _firewallReads = [];
    private readonly CancellationTokenSource _stop = new();
    private int _inspecting;

    public DiagnosisEngine(IReadOnlyList<IFaultRule> rules, EngineOptions options, Action<Verdict> say)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        _rules = rules;
        _say = say;
        _context = new RuleContext(this, options);
    }

    /// <summary>
    /// Diagnoses evidence that is complete (a capture read whole, a boot that is over): the verdicts its events already
    /// carry count as said, every other event is read in order, and then every rule decides. Returns the new verdicts.
    /// </summary>
    public static IReadOnlyList<Verdict> Replay(IEnumerable<BootEvent> events, EngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var all = events.ToList();
        using var engine = new DiagnosisEngine(FaultRules.All(), options ?? new EngineOptions(), _ => { });
        foreach (var said in all.Where(e => e.Step == BootStep.Diagnosis))
        {
            engine.Write(said);
        }

        foreach (var e in all.Where(e => e.Step != BootStep.Diagnosis))
        {
            engine.Write(e);
        }

        engine.Finish();
        return engine.Verdicts;
    }

    /// <summary>Every verdict said so far, in order.</summary>
    public IReadOnlyList<Verdict> Verdicts
    {
        get
        {
            lock (_gate)
            {
                return [.. _verdicts];
            }
        }
    }

    /// <summary>Verdicts waiting for the host's firewall to be read: a test waits for none to be left.</summary>
    public int Pending => Volatile.Read(ref _inspecting);

    internal IEnumerable<ClientState> ClientsInOrder => _order;

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        lock (_gate)
        {
            if (bootEvent is { Step: BootStep.Diagnosis, Verdict: { } said })
            {
                // A verdict a source made before this engine (serve's, read back by boot): not said again.
                _said.Set((said.Fault, said.Client), true);
                return;
            }

            var client = Resolve(bootEvent);
            Advance(bootEvent.Time);
            var rules = _rules;
            for (int i = 0; i < rules.Count; i++) // indexed: a foreach on the interface would allocate its enumerator for every event
            {
                rules[i].Observe(bootEvent, client, _context);
            }

            for (int i = 0; i < rules.Count; i++)
            {
                rules[i].Tick(_context);
            }
        }

        Flush();
    }

    /// <summary>Time has passed without events: rules whose grace periods ended decide.</summary>
    public void Tick(DateTimeOffset now)
    {
        lock (_gate)
        {
            Advance(now);
            foreach (var rule in _rules)
            {
                rule.Tick(_context);
            }
        }

        Flush();
    }

    /// <summary>The evidence is complete: every rule decides what is still open.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                rule.Tick(_context);
                rule.Finish(_context);
            }
        }

        Flush();
    }

    internal bool HasSaid(FaultId fault, string key) => _said.TryGet((fault, key), out _);

    internal void Say(Verdict verdict, string key)
    {
        // Said once per key, and once about a client: never again about a client a source already said it of. A fault of
        // the whole host or segment (no client: the doctor's) is said once per key, as several files or ports may have it.
        bool ofClient = verdict.Client.Length > 0;
        if ((ofClient && HasSaid(verdict.Fault, verdict.Client)) || !MarkSaid(verdict.Fault, key))
        {
            return;
        }

        if (ofClient)
        {
            MarkSaid(verdict.Fault, verdict.Client);
        }

        _verdicts.Add(verdict);
        _toSay.Add(verdict);
    }

    internal void SayAfterInspecting(HostTraffic question, FaultId fault, string key, string client, Func<FirewallAdvice, Verdict> make)
    {
        if (HasSaid(fault, client) || !MarkSaid(fault, key))
        {
            return;
        }

        MarkSaid(fault, client);

        if (_context.Options.Firewall is not { } firewall)
        {
            var verdict = make(FirewallAdvice.None);
            _verdicts.Add(verdict);
            _toSay.Add(verdict);
            return;
        }

        Interlocked.Increment(ref _inspecting);
        _ = InspectThenSayAsync(Read(firewall, question), make);
    }

    /// <summary>The host's firewall for <paramref name="traffic"/>: the reading in flight or made within the period, else a new one.</summary>
    private Task<FirewallAdvice> Read(Func<HostTraffic, CancellationToken, Task<FirewallAdvice>> firewall, HostTraffic traffic)
    {
        if (_firewallReads.TryGetValue(traffic, out var read) && _context.Now - read.At < _context.Options.FirewallRereadAfter && !read.Advice.IsFaulted)
        {
            return read.Advice;
        }

        var advice = firewall(traffic, _stop.Token);
        _firewallReads[traffic] = (_context.Now, advice);
        return advice;
    }

    private async Task InspectThenSayAsync(Task<FirewallAdvice> reading, Func<FirewallAdvice, Verdict> make)
    {
        try
        {
            var advice = await reading.ConfigureAwait(false);
            var verdict = make(advice);
            lock (_gate)
            {
                _verdicts.Add(verdict);
            }

            _say(verdict);
        }
        catch (OperationCanceledException)
        {
            // The engine is stopping.
        }
        finally
        {
            Interlocked.Decrement(ref _inspecting);
        }
    }

    /// <summary>Remembers that <paramref name="fault"/> was said of <paramref name="key"/>; false if it already was.</summary>
    private bool MarkSaid(FaultId fault, string key)
    {
        if (HasSaid(fault, key))
        {
            return false;
        }

        _said.Set((fault, key), true);
        return true;
    }

    private void Advance(DateTimeOffset time)
    {
        if (time > _context.Now)
        {
            _context.Now = time;
        }
    }

    private void Flush()
    {
        List<Verdict> ready;
        lock (_gate)
        {
            if (_toSay.Count == 0)
            {
                return;
            }

            ready = [.. _toSay];
            _toSay.Clear();
        }

        foreach (var verdict in ready)
        {
            _say(verdict);
        }
    }

    /// <summary>The client an event is about: by MAC, or by an address DHCP tied to a MAC, or by the address alone.</summary>
    private ClientState Resolve(BootEvent e)
    {
        ClientState client;
        if (e.Mac is { } mac)
        {
            client = Get(mac);
            client.Mac = mac;
            if (e.Address is { } address && e.Step is BootStep.DhcpOffer or BootStep.DhcpAck or BootStep.WireDhcpReply)
            {
                _macByAddress.Set(address, mac);
                client.Address = address;
            }
        }
        else if (e.Address is { } address)
        {
            client = _macByAddress.TryGet(address, out var known) ? Get(known) : Get(address);
            client.Address ??= address;
        }
        else
        {
            client = Get("");
        }

        if (e.Dhcp is { Architecture: { } arch } && e.Step is BootStep.DhcpDiscover or BootStep.DhcpRequest or BootStep.DhcpInform or BootStep.WireDhcp or BootStep.WireBootServer)
        {
            client.Architecture = arch;
        }

        return client;
    }

    private ClientState Get(string key)
    {
        if (_clients.TryGetValue(key, out var client))
        {
            return client;
        }

        ClientState? reused = null;
        if (_order.Count >= MaxClients)
        {
            // The oldest goes: a queue, as a flood of new MACs evicts on every event (a list moved 10,000 entries each time).
            // Its state becomes the new client's, unless a rule still waits to decide about it.
            var oldest = _order.Dequeue();
            _clients.Remove(oldest.Key);
            if (!HeldByRule(oldest))
            {
                reused = oldest;
                reused.Reuse(key, _context.Now);
            }
        }

        client = reused ?? new ClientState(key) { FirstSeen = _context.Now };
        _clients[key] = client;
        _order.Enqueue(client);
        return client;
    }

    private bool HeldByRule(ClientState client)
    {
        for (int i = 0; i < _rules.Count; i++)
        {
            if (_rules[i].Holds(client))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
