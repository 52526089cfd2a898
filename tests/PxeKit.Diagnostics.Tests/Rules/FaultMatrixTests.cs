using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Doctor;
using PxeKit.Diagnostics.Engine;
using PxeKit.Diagnostics.Tests.Doctor;
using PxeKit.Diagnostics.Tests.Support;
using PxeKit.Diagnostics.Tests.Trace;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Tests.Rules;

/// <summary>
/// Each fault through every tool that has its evidence: serve (its sockets and the capture beside them, live, as its
/// journal records them), trace (the frames of the same boot, through the analyzer), boot (serve's journal with its
/// verdicts and the console, once the boot is over) and doctor (the host's inspection: its firewall, boot files and
/// probe). Every tool that has the evidence names the same fault; serve, trace and boot with the same cause, and doctor,
/// whose evidence is the cause itself rather than a client's boot, with the same fix. A clean boot raises no verdict in
/// any tool.
/// </summary>
public sealed class FaultMatrixTests
{
    private const string Mac = Payloads.Mac;
    private const string Server = Boots.Server;
    private const string Client = Boots.Client;
    private const string Other = "10.0.0.2";
    private const string UefiVendor = "PXEClient:Arch:00007:UNDI:003016";

    /// <summary>One boot, as each source would have recorded it; null where a tool has no evidence of it.</summary>
    /// <remarks>A fault of the host alone (its firewall dropping neighbour discovery) has the doctor's evidence only.</remarks>
    private sealed record Case(FaultId? Fault, Func<List<(double At, BootEvent Event)>>? Serve, Func<WireScript>? Capture, Func<List<BootEvent>>? Host = null)
    {
        /// <summary>PxeKit's sockets beside its capture: all but DHCP for --no-dhcp.</summary>
        public PxeKitSockets Sockets { get; init; } = PxeKitSockets.Dhcp | PxeKitSockets.BootServer | PxeKitSockets.Tftp;

        /// <summary>The doctor examines a server that answers DHCPv6 (<c>dhcp6:</c>).</summary>
        public bool Dhcp6 { get; init; }
    }

    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        ["c no acknowledgment of the first block"] = new(FaultId.TftpReturnPathBlocked,
            () => [.. Lease("pxelinux.0"), (2, Tftp(BootStep.TftpFailed) with { Tftp = new TftpFacts { Failure = TftpFailure.NoAcknowledgment, Block = 1 } })],
            () => new WireScript().Lease()
                .At(2).Udp(Client, 2070, Server, 69, Payloads.ReadRequest("pxelinux.0", 1432))
                .At(2.01).Udp(Server, 40001, Client, 2070, Payloads.OptionAck(1432))
                .At(2.02).Udp(Client, 2070, Server, 40001, Payloads.Ack(0))
                .At(2.03).Udp(Server, 40001, Client, 2070, Payloads.Data(1, 1432))
                .At(3.03).Udp(Server, 40001, Client, 2070, Payloads.Data(1, 1432))
                .At(5.03).Udp(Server, 40001, Client, 2070, Payloads.Data(1, 1432))
                .At(20).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(0x9999))),
        ["c this host refuses to send tftp data"] = new(FaultId.TftpReturnPathBlocked,
            () => [.. Lease("pxelinux.0"), (2, Tftp(BootStep.TftpFailed) with { Tftp = new TftpFacts { Failure = TftpFailure.SendRefused }, SocketError = System.Net.Sockets.SocketError.AccessDenied })],
            null,
            () => [.. HostEvents.Firewall(HostTraffic.TftpOut)]),
        ["a the host's firewall drops dhcp requests"] = new(FaultId.DhcpDroppedOnHost,
            () => [(0, Wire(BootStep.WireDhcp, DhcpMessageType.Discover)), (4, Wire(BootStep.WireDhcp, DhcpMessageType.Discover))],
            null,
            () => [.. HostEvents.Firewall(HostTraffic.DhcpIn)]),
        ["b the host's firewall drops tftp requests"] = new(FaultId.TftpDroppedOnHost,
            () => [.. Lease("pxelinux.0"), (2, new BootEvent { Time = default, Step = BootStep.WireTftp, Source = EvidenceSource.Capture, Address = Client, Server = Server, File = "pxelinux.0" })],
            null,
            () => [.. HostEvents.Firewall(HostTraffic.TftpIn)]),
        ["i the host's firewall drops the boot server's requests"] = new(FaultId.BootServerDroppedOnHost,
            () => [(0, Wire(BootStep.WireBootServer, DhcpMessageType.Request) with { Dhcp = WireFacts(DhcpMessageType.Request) with { Port = 4011, Destination = Server } })],
            null,
            () => [.. HostEvents.Firewall(HostTraffic.BootServerIn)]),
        ["the host's firewall drops dhcp replies"] = new(FaultId.DhcpRepliesBlocked,
            () => [(0, Socket(BootStep.DhcpDiscover, WireFacts(DhcpMessageType.Discover))),
                (0.01, Socket(BootStep.DhcpReplyDropped, new DhcpFacts { MessageType = DhcpMessageType.Offer, Xid = 0x1234, ReplyFailure = DhcpReplyFailure.SendRefused }) with { SocketError = System.Net.Sockets.SocketError.AccessDenied })],
            null,
            () => [.. HostEvents.Firewall(HostTraffic.DhcpOut)]),
        ["d a missing boot file"] = new(FaultId.BootFileMissing,
            null,
            () => new WireScript().Lease()
                .At(2).Udp(Client, 2070, Server, 69, Payloads.ReadRequest("pxelinux.0"))
                .At(2.01).Udp(Server, 40001, Client, 2070, Payloads.Error(Protocol.Tftp.TftpErrorCode.FileNotFound, "File not found")),
            () => [HostEvents.BootFile("pxelinux.0", BootFileState.Missing, ClientArchitecture.IntelX86Pc)]),
        ["e a bios program to uefi firmware"] = new(FaultId.WrongFirmwareProgram,
            () => [.. Lease("pxelinux.0", ClientArchitecture.EfiBc), (2, Tftp(BootStep.TftpComplete) with { Format = ProgramFormat.NotEfi, Tftp = new TftpFacts() })],
            () => new WireScript().Lease(arch: ClientArchitecture.EfiBc, vendor: UefiVendor).Download(2, "pxelinux.0", 2070, 40001),
            () => [HostEvents.BootFile("pxelinux.0", BootFileState.Present, ClientArchitecture.EfiBc, ProgramFormat.NotEfi)]),
        ["f a second dhcp server"] = new(FaultId.OtherDhcpServer,
            () => [.. Lease("pxelinux.0"), (0.02, Reply(DhcpMessageType.Offer, Other, "10.0.0.200", null, wire: true))],
            () => new WireScript().Lease().At(0.02).Udp(Other, 67, "10.0.0.200", 68, Payloads.Reply(DhcpMessageType.Offer, 0x1234, Other, "10.0.0.200", null)),
            () => [.. HostEvents.Probe((Server, Client, "pxelinux.0"), (Other, "10.0.0.200", null)).Evidence]),
        ["g an offer without boot information"] = new(FaultId.OfferWithoutBootInfo,
            () => [(0, Wire(BootStep.WireDhcp, DhcpMessageType.Discover)), (0.01, Reply(DhcpMessageType.Offer, Other, Client, null, wire: true)), (3, Wire(BootStep.WireDhcp, DhcpMessageType.Discover))],
            () => new WireScript()
                .At(0).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(0x1234))
                .At(0.01).Udp(Other, 67, Client, 68, Payloads.Reply(DhcpMessageType.Offer, 0x1234, Other, Client, null))
                .At(3).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(0x1234)),
            () => [.. HostEvents.Probe((Other, Client, null)).Evidence])
        {
            Sockets = PxeKitSockets.Tftp,
        },
        ["h an ipxe chainload loop"] = new(FaultId.ChainloadLoop,
            () => [.. Lease("undionly.kpxe"), (2, Tftp(BootStep.TftpComplete) with { File = "undionly.kpxe", Tftp = new TftpFacts() }),
                .. Lease("undionly.kpxe", at: 16, ipxe: true), (18, Tftp(BootStep.TftpComplete) with { File = "undionly.kpxe", Tftp = new TftpFacts() })],
            () => new WireScript().Lease(bootFile: "undionly.kpxe").Download(2, "undionly.kpxe", 2070, 40001)
                .At(16).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(0x5678, ipxe: true))
                .At(16.01).Udp(Server, 67, Client, 68, Payloads.Reply(DhcpMessageType.Offer, 0x5678, Server, Client, "undionly.kpxe"))
                .Download(18, "undionly.kpxe", 2071, 40002)),
        ["j a relay that skips the pxe server"] = new(FaultId.RelaySkipsPxeKit,
            () => [(0, Wire(BootStep.WireDhcpForwarded, DhcpMessageType.Discover) with { Server = Other, Dhcp = WireFacts(DhcpMessageType.Discover) with { RelayAddress = "10.9.0.1", Destination = Other } })],
            () => new WireScript()
                .At(0).Udp("10.9.0.1", 67, Other, 67, Payloads.Discover(1, relay: "10.9.0.1"))
                .At(0.01).Udp(Other, 67, "10.9.0.1", 67, Payloads.Reply(DhcpMessageType.Offer, 1, Other, "10.9.0.50", null, relay: "10.9.0.1"))),
        ["clean bios boot"] = new(null,
            () => [.. Lease("pxelinux.0", ClientArchitecture.IntelX86Pc), (2, Tftp(BootStep.TftpComplete) with { Format = ProgramFormat.NotEfi, Tftp = new TftpFacts() })],
            () => new WireScript().Lease(arch: ClientArchitecture.IntelX86Pc).Download(2, "pxelinux.0", 2070, 40001).Download(3, "pxelinux.cfg/default", 2071, 40002),
            () => HostEvents.Clean("pxelinux.0", ClientArchitecture.IntelX86Pc, ProgramFormat.NotEfi)),
        ["clean uefi boot: ipxe.efi, then a script"] = new(null,
            () => [.. Lease("ipxe.efi", ClientArchitecture.EfiBc), (2, Tftp(BootStep.TftpComplete) with { File = "ipxe.efi", Format = ProgramFormat.EfiX64, Tftp = new TftpFacts() }),
                .. Lease("http://10.0.0.1/boot.ipxe", ClientArchitecture.EfiBc, at: 10, ipxe: true)],
            () => new WireScript().Lease(bootFile: "ipxe.efi", arch: ClientArchitecture.EfiBc, vendor: UefiVendor).Download(2, "ipxe.efi", 2070, 40001, head: Payloads.EfiX64Head()),
            () => HostEvents.Clean("ipxe.efi", ClientArchitecture.EfiBc, ProgramFormat.EfiX64)),
        ["clean uefi proxy boot: the network's address, pxekit's offer pointing at 4011"] = new(null,
            () =>
            [
                (0, Socket(BootStep.DhcpDiscover, new DhcpFacts { MessageType = DhcpMessageType.Discover, Xid = 0x1234, Port = 67, VendorClass = UefiVendor, Architecture = ClientArchitecture.EfiBc })),
                (0.01, Reply(DhcpMessageType.Offer, Other, Client, null, wire: true)),
                (0.02, Reply(DhcpMessageType.Offer, Server, null, null) with { Dhcp = new DhcpFacts { MessageType = DhcpMessageType.Offer, Xid = 0x1234, ServerId = Server, VendorClass = "PXEClient", NextServer = Server } }),
                (3, Reply(DhcpMessageType.Ack, Server, Client, "ipxe.efi") with { Dhcp = new DhcpFacts { MessageType = DhcpMessageType.Ack, Xid = 0x2222, ServerId = Server, Port = 4011 } }),
                (4, Tftp(BootStep.TftpComplete) with { File = "ipxe.efi", Format = ProgramFormat.EfiX64, Tftp = new TftpFacts() }),
            ],
            () => new WireScript()
                .At(0).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(0x1234, vendor: UefiVendor, arch: ClientArchitecture.EfiBc))
                .At(0.01).Udp(Other, 67, Client, 68, Payloads.Reply(DhcpMessageType.Offer, 0x1234, Other, Client, null))
                .At(0.02).Udp(Server, 67, "255.255.255.255", 68, Payloads.Reply(DhcpMessageType.Offer, 0x1234, Server, null, null, pxeOptions: true))
                .At(3).Udp(Client, 68, Server, 4011, Payloads.Request(DhcpMessageType.Request, 0x2222, vendor: UefiVendor, arch: ClientArchitecture.EfiBc))
                .At(3.01).Udp(Server, 4011, Client, 68, Payloads.Reply(DhcpMessageType.Ack, 0x2222, Server, null, "ipxe.efi"))
                .Download(4, "ipxe.efi", 2070, 40001, head: Payloads.EfiX64Head()),
            () => HostEvents.Clean("ipxe.efi", ClientArchitecture.EfiBc, ProgramFormat.EfiX64)),
        ["dhcpv6 solicits no server answered"] = new(FaultId.DhcpUnanswered,
            null,
            () => new WireScript()
                .At(0).Udp(Payloads6.ClientLinkLocal, 546, Payloads6.AllRoutersAndServers, 547, Payloads6.Solicit(7))
                .At(1).Udp(Payloads6.ClientLinkLocal, 546, Payloads6.AllRoutersAndServers, 547, Payloads6.Solicit(7))),
        ["g over ipv6: an address and no boot file url"] = new(FaultId.OfferWithoutBootInfo,
            () => [(0, Dhcp6(BootStep.Dhcp6Solicit, Protocol.Dhcp6.Dhcp6MessageType.Solicit)),
                (0.01, Dhcp6(BootStep.Dhcp6Advertise, Protocol.Dhcp6.Dhcp6MessageType.Advertise) with { Address = Payloads6.Client, Server = Payloads6.ServerLinkLocal })],
            () => new WireScript().Lease6(bootUrl: null)),
        ["router solicitations no managed advertisement answered"] = new(FaultId.NoManagedRouterAdvertisement,
            null,
            () => new WireScript()
                .At(0).Icmpv6(Payloads6.ClientLinkLocal, Payloads6.AllRouters, Payloads6.RouterSolicitation())
                .At(4).Icmpv6(Payloads6.ClientLinkLocal, Payloads6.AllRouters, Payloads6.RouterSolicitation()),
            () => [.. HostEvents.RouterAdvertisements()]) { Dhcp6 = true },
        ["the host's firewall drops neighbour discovery"] = new(FaultId.Icmpv6DroppedOnHost,
            null,
            null,
            () => [.. HostEvents.Firewall(HostTraffic.NeighborDiscovery)]) { Dhcp6 = true },
        ["a clean ipv6 boot"] = new(null,
            () => [(0, Dhcp6(BootStep.Dhcp6Solicit, Protocol.Dhcp6.Dhcp6MessageType.Solicit)),
                (0.01, Dhcp6(BootStep.Dhcp6Advertise, Protocol.Dhcp6.Dhcp6MessageType.Advertise) with { Address = Payloads6.Client, Server = Payloads6.ServerLinkLocal, File = "tftp://[fd00:47::1]/ipxe.efi" })],
            () => new WireScript().Lease6().Download(3, "ipxe.efi", 1500, 40001, client: Payloads6.Client, server: Payloads6.Server, head: Payloads.EfiX64Head())),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    /// <summary>A DHCPv6 step of PxeKit's socket, for a client that asks for a boot file URL.</summary>
    private static BootEvent Dhcp6(BootStep step, Protocol.Dhcp6.Dhcp6MessageType type) => new()
    {
        Time = default,
        Step = step,
        Source = EvidenceSource.Server,
        Mac = Mac,
        Dhcp6 = new Dhcp6Facts { MessageType = type, TransactionId = 0x123456, BootFileUrlRequested = type == Protocol.Dhcp6.Dhcp6MessageType.Solicit },
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Every_tool_with_the_evidence_names_the_same_fault_in_the_same_words(string name)
    {
        var fault = Cases[name];
        var byTool = new Dictionary<string, IReadOnlyList<Verdict>>(StringComparer.Ordinal);
        if (fault.Serve is { } serve)
        {
            var (live, journal) = await ServeAsync(serve(), fault.Sockets);
            byTool["serve"] = live;
            byTool["boot"] = [.. live, .. DiagnosisEngine.Replay([.. journal, .. live.Select(v => v.ToEvent(journal[^1].Time, EvidenceSource.Server))])];
        }

        if (fault.Capture is { } capture)
        {
            byTool["trace"] = Diagnosis.Of(capture().Run());
        }

        if (fault.Host is { } host)
        {
            byTool["doctor"] = PxeKit.Diagnostics.Doctor.Doctor.Judge(
                new DoctorSubject { Interface = HostEvents.Interface, Address = System.Net.IPAddress.Parse(Server), Sockets = fault.Sockets, Dhcp6 = fault.Dhcp6 }, host());
        }

        if (fault.Fault is not { } expected)
        {
            Assert.All(byTool, tool => Assert.True(tool.Value.Count == 0, $"{tool.Key} said: {string.Join(" | ", tool.Value.Select(v => v.Text))}"));
            return;
        }

        var named = byTool.ToDictionary(t => t.Key, t => t.Value.SingleOrDefault(v => v.Fault == expected), StringComparer.Ordinal);
        Assert.All(named, tool => Assert.True(tool.Value is not null, $"{tool.Key} did not name {expected}: {string.Join(" | ", byTool[tool.Key].Select(v => v.Text))}"));
        var ofBoots = named.Where(t => t.Key != "doctor").ToList();
        Assert.True(ofBoots.Select(t => t.Value!.Cause).Distinct(StringComparer.Ordinal).Count() <= 1, string.Join(" | ", ofBoots.Select(t => $"{t.Key}: {t.Value!.Cause}")));
        if (named.GetValueOrDefault("doctor") is { } doctor && ofBoots.Count > 0)
        {
            var other = named.First(t => t.Key != "doctor").Value!;
            Assert.Equal(other.Fix, doctor.Fix);
        }
    }

    /// <summary>Serve's engine, live: the events at their times, the clock ticking every quarter second, ten seconds past the last.</summary>
    private static async Task<(IReadOnlyList<Verdict> Verdicts, List<BootEvent> Journal)> ServeAsync(List<(double At, BootEvent Event)> events, PxeKitSockets sockets)
    {
        using var engine = new EngineHarness(new Verdicts.FirewallAdvice("Rule X drops it.", "run Y"), sockets: sockets);
        var journal = new List<BootEvent>();
        var start = engine.Now;
        foreach (var (at, e) in events.OrderBy(e => e.At))
        {
            while (engine.Now < start.AddSeconds(at))
            {
                engine.Advance(Math.Min(0.25, (start.AddSeconds(at) - engine.Now).TotalSeconds));
            }

            engine.Feed(e);
            journal.Add(e with { Time = engine.Now });
        }

        for (int i = 0; i < 40; i++)
        {
            engine.Advance(0.25);
        }

        return (await engine.SaidAsync(), journal);
    }

    private static List<(double, BootEvent)> Lease(string bootFile, ClientArchitecture? arch = null, double at = 0, bool ipxe = false)
    {
        var xid = at == 0 ? 0x1234u : 0x5678u;
        var request = new DhcpFacts { MessageType = DhcpMessageType.Discover, Xid = xid, Port = 67, VendorClass = arch is null or ClientArchitecture.IntelX86Pc ? Payloads.BiosVendor : UefiVendor, Architecture = arch, UserClass = ipxe ? "iPXE" : null };
        return
        [
            (at, Socket(BootStep.DhcpDiscover, request)),
            (at + 0.01, Reply(DhcpMessageType.Offer, Server, Client, bootFile, xid: xid)),
            (at + 1, Socket(BootStep.DhcpRequest, request with { MessageType = DhcpMessageType.Request, ServerId = Server })),
            (at + 1.01, Reply(DhcpMessageType.Ack, Server, Client, bootFile, xid: xid)),
        ];
    }

    private static BootEvent Socket(BootStep step, DhcpFacts facts) =>
        new() { Time = default, Step = step, Source = EvidenceSource.Server, Mac = Mac, Dhcp = facts };

    private static DhcpFacts WireFacts(DhcpMessageType type) =>
        new() { MessageType = type, Xid = 0x1234, Port = 67, Destination = "255.255.255.255", VendorClass = Payloads.BiosVendor };

    private static BootEvent Wire(BootStep step, DhcpMessageType type) =>
        new() { Time = default, Step = step, Source = EvidenceSource.Capture, Mac = Mac, Dhcp = WireFacts(type) };

    private static BootEvent Reply(DhcpMessageType type, string server, string? address, string? file, bool wire = false, uint xid = 0x1234) => new()
    {
        Time = default,
        Step = wire ? BootStep.WireDhcpReply : type == DhcpMessageType.Ack ? BootStep.DhcpAck : BootStep.DhcpOffer,
        Source = wire ? EvidenceSource.Capture : EvidenceSource.Server,
        Mac = Mac,
        Address = address,
        Server = server,
        File = file,
        Dhcp = new DhcpFacts { MessageType = type, Xid = xid, ServerId = server, Port = 68 },
    };

    private static BootEvent Tftp(BootStep step) =>
        new() { Time = default, Step = step, Source = EvidenceSource.Server, Address = Client, Server = Server, File = "pxelinux.0" };
}
