using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Diagnostics.Verdicts;

namespace PxeKit.Diagnostics.Tests.Rules;

/// <summary>
/// The engine with every rule, on a clock the test moves: events are stamped with it, <see cref="Advance"/> ticks the
/// engine, and the firewall answers what the test says.
/// </summary>
internal sealed class EngineHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);

    private readonly List<Verdict> _said = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<HostTraffic> _firewallQuestions = new();
    private int _firewallReads;

    /// <param name="sockets">PxeKit's own sockets beside the capture: all, as serve in full or proxy mode; none, as a capture file or --no-dhcp's DHCP.</param>
    public EngineHarness(FirewallAdvice? firewall = null, bool readsHost = true, PxeKitSockets sockets = PxeKitSockets.Dhcp | PxeKitSockets.BootServer | PxeKitSockets.Tftp)
    {
        var options = new EngineOptions
        {
            Interface = "lab0",
            Sockets = sockets,
            ServerAddress = "10.47.0.1",
            Firewall = readsHost
                ? (traffic, _) =>
                {
                    _firewallQuestions.Enqueue(traffic);
                    Interlocked.Increment(ref _firewallReads);
                    return Task.FromResult(firewall ?? new FirewallAdvice("Rule X drops it.", "run Y"));
                }
                : null,
        };
        Engine = new DiagnosisEngine(FaultRules.All(), options, v =>
        {
            lock (_said)
            {
                _said.Add(v);
            }
        });
    }

    public DiagnosisEngine Engine { get; }

    public DateTimeOffset Now { get; private set; } = Start;

    /// <summary>How often the engine read the host's firewall.</summary>
    public int FirewallReads => Volatile.Read(ref _firewallReads);

    /// <summary>What the engine asked the host's firewall about, in order.</summary>
    public IReadOnlyList<HostTraffic> FirewallQuestions => [.. _firewallQuestions];

    /// <summary>Every verdict said so far, once any firewall reading has finished.</summary>
    public async Task<IReadOnlyList<Verdict>> SaidAsync()
    {
        await Eventually.HoldsAsync(() => Engine.Pending == 0);
        lock (_said)
        {
            return [.. _said];
        }
    }

    /// <summary>Feeds events stamped with the harness's clock (an event's own time is replaced).</summary>
    public EngineHarness Feed(params BootEvent[] events)
    {
        foreach (var e in events)
        {
            Engine.Write(e with { Time = Now });
        }

        return this;
    }

    public EngineHarness Advance(double seconds)
    {
        Now = Now.AddSeconds(seconds);
        Engine.Tick(Now);
        return this;
    }

    public EngineHarness Finish()
    {
        Engine.Finish();
        return this;
    }

    public void Dispose() => Engine.Dispose();
}
