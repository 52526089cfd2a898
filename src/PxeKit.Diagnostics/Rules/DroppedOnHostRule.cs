using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Diagnostics.Verdicts;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// Faults a, b and i, the article's bug: a request the capture saw on the wire and that PxeKit's socket did not see
/// within a grace period was dropped on the host, between the interface and the socket: by its firewall. Needs both
/// the capture and the socket (serve), and only for the sockets PxeKit has (<see cref="EngineOptions.Sockets"/>). Said once
/// per protocol and period (<see cref="EngineOptions.HostFaultPeriod"/>), about the first client it met, with the
/// firewall's rule and its fix. From the host's inspection (doctor), a rule of its
/// firewall that drops the requests (or HTTP boot requests, which no capture beside PxeKit watches) is the same fault,
/// with the same fix, for every client.
/// </summary>
public sealed class DroppedOnHostRule : IFaultRule
{
    private enum Protocol
    {
        Dhcp,
        Tftp,
        BootServer,
        Dhcp6,
    }

    /// <summary>
    /// By protocol, indexed by its value: arrays, where two dictionaries made six objects for every client the engine met
    /// (with a capture on, each of a storm's clients).
    /// </summary>
    private sealed class Seen : IRuleState
    {
        private const int Protocols = (int)Protocol.Dhcp6 + 1;

        private BootEvent?[]? _onWire;

        /// <summary>The request the capture saw and the socket has not yet, by protocol: made at the capture's first.</summary>
        public BootEvent?[] OnWire => _onWire ??= new BootEvent?[Protocols];

        /// <summary>
        /// When the socket last saw a request, by protocol, in UTC ticks (0: never). Every DHCP client's state has it:
        /// 8 bytes a protocol, where a nullable time took 24.
        /// </summary>
        public long[] BySocket { get; } = new long[Protocols];

        /// <summary>Whether a request the capture saw waits for its grace (it is in the rule's queue meanwhile).</summary>
        public bool Waits => _onWire is not null && Array.Exists(_onWire, request => request is not null);

        public void Clear()
        {
            if (_onWire is not null)
            {
                Array.Clear(_onWire);
            }

            Array.Clear(BySocket);
        }
    }

    /// <summary>
    /// Each request the capture saw, in the order it came, until its grace has passed: a tick looks at the oldest alone.
    /// Under a storm with the capture on (serve's default) thousands wait at once, and a tick that went through them all
    /// on every event cost the server more than the storm itself.
    /// </summary>
    private readonly Queue<(ClientState Client, Protocol Protocol)> _waiting = new();

    public bool Holds(ClientState client) => client.Find<Seen>() is { Waits: true };

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        if (bootEvent is { Step: BootStep.HostFirewall, Firewall: { Drops: true } firewall } && Inbound(firewall.Traffic) is { } inbound)
        {
            SayOfHost(bootEvent, firewall, inbound, context);
            return;
        }

        if (WireProtocol(bootEvent) is { } wire && Listens(context.Options.Sockets, wire))
        {
            var onWire = client.State<Seen>().OnWire;
            if (onWire[(int)wire] is null)
            {
                onWire[(int)wire] = bootEvent;
                _waiting.Enqueue((client, wire));
            }
        }
        else if (SocketProtocol(bootEvent) is { } socket)
        {
            client.State<Seen>().BySocket[(int)socket] = bootEvent.Time.UtcTicks;
        }
    }

    public void Tick(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var grace = context.Options.SocketGrace;
        while (_waiting.TryPeek(out var oldest))
        {
            var (client, protocol) = oldest;
            var seen = client.State<Seen>();
            var wire = seen.OnWire[(int)protocol];
            if (wire is not null && context.Now - wire.Time < grace)
            {
                // The rest came later (a capture's order): their grace has not passed either.
                return;
            }

            _waiting.Dequeue();
            seen.OnWire[(int)protocol] = null;
            if (wire is not null && !(seen.BySocket[(int)protocol] is var socket and not 0 && socket >= (wire.Time - grace).UtcTicks))
            {
                Say(client, protocol, wire, context);
            }
        }
    }

    private static void Say(ClientState client, Protocol protocol, BootEvent wire, RuleContext context)
    {
        var (fault, question, what, port) = protocol switch
        {
            Protocol.Dhcp => (FaultId.DhcpDroppedOnHost, HostTraffic.DhcpIn, "DHCP requests", 67),
            Protocol.Tftp => (FaultId.TftpDroppedOnHost, HostTraffic.TftpIn, "TFTP requests", 69),
            Protocol.Dhcp6 => (FaultId.DhcpDroppedOnHost, HostTraffic.Dhcp6In, "DHCPv6 requests", 547),
            _ => (FaultId.BootServerDroppedOnHost, HostTraffic.BootServerIn, "PXE boot-server requests (UDP 4011)", 4011),
        };
        var where = context.Options.Interface ?? "the interface";
        // The cause is the host, not the client: told once per period, about the first client it met (a flood of forged
        // MACs is one verdict and one reading of the firewall).
        var period = context.Now.UtcTicks / context.Options.HostFaultPeriod.Ticks;
        context.SayAfterInspecting(question, fault, $"host {period}", client.Key, firewall => Verdict.Of(
            fault,
            client.Key,
            $"{what} from {client.Key} reach {where} but never PxeKit's socket: something on this host drops them before they are delivered, most likely its firewall.",
            $"The capture saw {WireEvidence.Describe(wire)}. {firewall.Seen}".TrimEnd(),
            firewall.Fix.Length > 0 ? firewall.Fix : $"let UDP {port} in to PxeKit on {where}",
            wire));
    }

    /// <summary>The host's firewall drops one kind of request, whoever sends it: said once per kind.</summary>
    private static void SayOfHost(BootEvent inspected, FirewallFacts firewall, (FaultId Fault, string What, string Port) inbound, RuleContext context)
    {
        var where = context.Options.Interface ?? "the interface";
        var crossing = firewall.Forwarded ? $" as they cross the bridge {where}" : "";
        context.Say(Verdict.Of(
            inbound.Fault,
            "",
            $"{inbound.What}{(firewall is { Family: IpFamily.Ipv6, Traffic: not HostTraffic.Dhcp6In } ? " over IPv6" : "")} to PxeKit on {where} never reach its socket: this host's firewall drops them{crossing}.",
            firewall.Rules,
            firewall.Fix.Length > 0 ? firewall.Fix : $"let {inbound.Port} in to PxeKit on {where}",
            inspected) with { Confidence = firewall.Certain ? Confidence.Certain : Confidence.Likely }, $"host {firewall.Forwarded} {firewall.Family}");
    }

    /// <summary>The fault, the words and the port of a kind of request coming in.</summary>
    private static (FaultId Fault, string What, string Port)? Inbound(HostTraffic traffic) => traffic switch
    {
        HostTraffic.DhcpIn => (FaultId.DhcpDroppedOnHost, "DHCP requests", "UDP 67"),
        HostTraffic.Dhcp6In => (FaultId.DhcpDroppedOnHost, "DHCPv6 requests", "UDP 547"),
        HostTraffic.TftpIn => (FaultId.TftpDroppedOnHost, "TFTP requests", "UDP 69"),
        HostTraffic.BootServerIn => (FaultId.BootServerDroppedOnHost, "PXE boot-server requests (UDP 4011)", "UDP 4011"),
        HostTraffic.HttpIn => (FaultId.HttpDroppedOnHost, "HTTP boot requests", "the HTTP port (TCP)"),
        _ => null,
    };

    private static bool Listens(PxeKitSockets sockets, Protocol protocol) => protocol switch
    {
        Protocol.Dhcp => sockets.HasFlag(PxeKitSockets.Dhcp),
        Protocol.Tftp => sockets.HasFlag(PxeKitSockets.Tftp),
        Protocol.Dhcp6 => sockets.HasFlag(PxeKitSockets.Dhcp6),
        _ => sockets.HasFlag(PxeKitSockets.BootServer),
    };

    /// <summary>A request the capture beside PxeKit's socket saw.</summary>
    private static Protocol? WireProtocol(BootEvent e) => e.Source != EvidenceSource.Capture ? null : e.Step switch
    {
        BootStep.WireDhcp => Protocol.Dhcp,
        BootStep.WireTftp => Protocol.Tftp,
        BootStep.WireBootServer => Protocol.BootServer,
        BootStep.WireDhcp6 => Protocol.Dhcp6,
        _ => null,
    };

    /// <summary>What PxeKit's own sockets saw: the boot server's steps are DHCP steps on port 4011.</summary>
    private static Protocol? SocketProtocol(BootEvent e) => e switch
    {
        { Source: not EvidenceSource.Server } => null,
        { Dhcp.IsBootServer: true } => Protocol.BootServer,
        { Dhcp: not null } => Protocol.Dhcp,
        { Dhcp6: not null } => Protocol.Dhcp6,
        { Step: BootStep.TftpRequest or BootStep.TftpRefused or BootStep.TftpComplete or BootStep.TftpFailed } => Protocol.Tftp,
        _ => null,
    };
}
