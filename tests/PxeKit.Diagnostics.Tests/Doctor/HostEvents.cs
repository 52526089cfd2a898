using System.Net;
using PxeKit.Core.Events;
using PxeKit.Diagnostics.Doctor;
using PxeKit.Diagnostics.Tests.Trace;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Tests.Doctor;

/// <summary>What the doctor's checks would record of a host, written out: its firewall, boot files, interface, ports and probe.</summary>
internal static class HostEvents
{
    public const string Interface = "lab0";

    /// <summary>What the firewall's rules say of each kind of traffic, the ones in <paramref name="dropped"/> dropped with the harness's words.</summary>
    public static IEnumerable<BootEvent> Firewall(params HostTraffic[] dropped) =>
        Enum.GetValues<HostTraffic>().Select(t => Event(BootStep.HostFirewall) with
        {
            Firewall = dropped.Contains(t)
                ? new FirewallFacts { Traffic = t, Drops = true, Rules = "Rule X drops it.", Fix = "run Y" }
                : new FirewallFacts { Traffic = t },
        });

    public static BootEvent BootFile(string file, BootFileState state, ClientArchitecture? firmware, ProgramFormat? format = null, long bytes = 40_000) =>
        Event(BootStep.HostBootFile) with
        {
            File = file,
            Bytes = state == BootFileState.Present ? bytes : null,
            Format = state == BootFileState.Present ? format : null,
            BootFile = new BootFileFacts { State = state, Purpose = "the boot file", Path = $"/srv/tftp/{file}", OverTftp = true, Firmware = firmware },
        };

    public static BootEvent Usable() => Event(BootStep.HostInterface) with
    {
        Interface = new InterfaceFacts { Name = Interface, Exists = true, Up = true, OperState = "up", Ipv4 = ["10.0.0.1/24"], Mtu = 1500 },
    };

    /// <summary>What the doctor heard after its router solicitation: the advertisements of <paramref name="routers"/>, none by default.</summary>
    public static IEnumerable<BootEvent> RouterAdvertisements(params HeardRouter[] routers) =>
    [
        Event(BootStep.HostRouterAdvertisement) with
        {
            RouterAdvertisement = new RouterAdvertisementFacts { WaitedSeconds = 3, Routers = routers, InterfaceAddress = "fd00:47::1/64" },
        },
    ];

    public static IEnumerable<BootEvent> PortsHeldByPxeKit() =>
        new[] { 67, 69, 4011 }.Select(p => Event(BootStep.HostPort) with { Port = new PortFacts { Number = p, Holders = [new PortHolder(10, "pxekit", true)] } });

    /// <summary>A probe that played BIOS and UEFI x64 firmware (one MAC, <see cref="Payloads.Mac"/>) and heard <paramref name="replies"/> to each.</summary>
    public static ProbeRun Probe(params (string Server, string? Offered, string? File)[] replies)
    {
        var run = new ProbeRun(Payloads.Mac);
        uint xid = 0x1234;
        foreach (var arch in new[] { ClientArchitecture.IntelX86Pc, ClientArchitecture.EfiBc })
        {
            run.Sent(Parse(Payloads.Discover(xid, vendor: $"PXEClient:Arch:{(ushort)arch:00000}:UNDI:002001", arch: arch)), DhcpConstants.ServerPort);
            foreach (var (server, offered, file) in replies)
            {
                var reply = Parse(Payloads.Reply(DhcpMessageType.Offer, xid, server, offered, file));
                var from = new IPEndPoint(IPAddress.Parse(server), DhcpConstants.ServerPort);
                run.Heard(ProbeAnswer.From(arch, reply, from), reply, from);
            }

            xid++;
        }

        return run;
    }

    /// <summary>A host from which <paramref name="file"/> boots <paramref name="firmware"/> clean.</summary>
    public static List<BootEvent> Clean(string file, ClientArchitecture firmware, ProgramFormat format) =>
        [Usable(), .. PortsHeldByPxeKit(), .. Firewall(), BootFile(file, BootFileState.Present, firmware, format), .. Probe(("10.0.0.1", "10.0.0.100", file)).Evidence];

    private static BootEvent Event(BootStep step) => new() { Time = DateTimeOffset.UnixEpoch, Step = step, Source = EvidenceSource.Host };

    private static DhcpMessage Parse(byte[] bytes) => DhcpMessage.TryParse(bytes, out var message) == DhcpParseError.None ? message! : throw new InvalidDataException();
}
