using System.Net.Sockets;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Diagnostics.Tests.Rules;

/// <summary>Events as each source records them, with only the fields the rules decide on.</summary>
internal static class Ev
{
    public const string Mac = "52:54:00:12:34:56";
    public const string Client = "10.47.0.60";
    public const string PxeKit = "10.47.0.1";
    public const string PxeVendor = "PXEClient:Arch:00007:UNDI:003016";

    private static BootEvent E(BootStep step, EvidenceSource source = EvidenceSource.Server) =>
        new() { Time = EngineHarness.Start, Step = step, Source = source, Mac = Mac };

    public static BootEvent WireRequest(BootStep step = BootStep.WireDhcp, int port = 67, string mac = Mac, string? vendor = PxeVendor, ClientArchitecture? arch = null) =>
        E(step, EvidenceSource.Capture) with
        {
            Mac = mac,
            Dhcp = new DhcpFacts { MessageType = port == 4011 ? DhcpMessageType.Request : DhcpMessageType.Discover, Xid = 0x1234, Destination = "255.255.255.255", Port = port, VendorClass = vendor, Architecture = arch },
        };

    /// <summary>A DHCPv6 Solicit, seen on the wire by serve's capture (<see cref="BootStep.WireDhcp6"/>) or received by its socket.</summary>
    public static BootEvent Solicit(bool wire, string mac = Mac) =>
        E(wire ? BootStep.WireDhcp6 : BootStep.Dhcp6Solicit, wire ? EvidenceSource.Capture : EvidenceSource.Server) with
        {
            Mac = mac,
            Dhcp6 = new Dhcp6Facts { MessageType = Protocol.Dhcp6.Dhcp6MessageType.Solicit, TransactionId = 0xabcdef, Architecture = ClientArchitecture.EfiX64, BootFileUrlRequested = true },
        };

    /// <summary>A request PxeKit's socket received.</summary>
    public static BootEvent Request(DhcpMessageType type = DhcpMessageType.Discover, int port = 67, string mac = Mac, ClientArchitecture? arch = null, string? userClass = null, uint xid = 1, string? serverId = null) =>
        E(type == DhcpMessageType.Request ? BootStep.DhcpRequest : BootStep.DhcpDiscover) with
        {
            Mac = mac,
            Dhcp = new DhcpFacts { MessageType = type, Xid = xid, Port = port, VendorClass = PxeVendor, Architecture = arch, UserClass = userClass, ServerId = serverId },
        };

    /// <summary>A reply, PxeKit's (by default) or another server's seen on the wire.</summary>
    public static BootEvent Reply(DhcpMessageType type = DhcpMessageType.Offer, string server = PxeKit, string? address = Client, string? file = null, uint xid = 1, string? relay = null, bool wire = false, int port = 67) =>
        E(wire ? BootStep.WireDhcpReply : type == DhcpMessageType.Ack ? BootStep.DhcpAck : BootStep.DhcpOffer, wire ? EvidenceSource.Capture : EvidenceSource.Server) with
        {
            Address = address,
            Server = server,
            File = file,
            Dhcp = new DhcpFacts { MessageType = type, Xid = xid, ServerId = server, RelayAddress = relay, Port = port },
        };

    public static BootEvent Ignored(DhcpIgnoreReason reason, string? serverId = null) =>
        E(BootStep.DhcpIgnored) with { Dhcp = new DhcpFacts { MessageType = DhcpMessageType.Request, ServerId = serverId, IgnoreReason = reason } };

    public static BootEvent Delivered(string file, ProgramFormat? format = null, BootStep step = BootStep.TftpComplete, EvidenceSource source = EvidenceSource.Server) =>
        E(step, source) with { Mac = null, Address = Client, Server = PxeKit, File = file, Format = format, Tftp = step == BootStep.TftpComplete ? new TftpFacts() : null, Http = step == BootStep.HttpComplete ? new HttpFacts { Method = "GET", Status = 200 } : null };

    public static BootEvent NotFound(string file, EvidenceSource source = EvidenceSource.Server) =>
        E(BootStep.TftpRefused, source) with { Mac = null, Address = Client, Server = PxeKit, File = file, Tftp = new TftpFacts { ErrorCode = TftpErrorCode.FileNotFound } };

    public static BootEvent TftpFailed(TftpFailure failure, long? block = null, SocketError? error = null, string file = "pxelinux.0", EvidenceSource source = EvidenceSource.Server, int? attempts = null) =>
        E(BootStep.TftpFailed, source) with { Mac = null, Address = Client, Server = PxeKit, File = file, Tftp = new TftpFacts { Failure = failure, Block = block, Attempts = attempts }, SocketError = error };

    public static BootEvent WireTftp(string file = "pxelinux.0") =>
        E(BootStep.WireTftp, EvidenceSource.Capture) with { Mac = null, Address = Client, File = file, Tftp = new TftpFacts { Opcode = TftpOpcode.ReadRequest } };

    public static BootEvent Console(BootStep step, ConsoleFailure? failure = null) => E(step, EvidenceSource.Console) with { ConsoleFailure = failure };
}
