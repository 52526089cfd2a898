using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Text.Json.Serialization;
using PxeKit.Core.Verdicts;

namespace PxeKit.Core.Events;

/// <summary>
/// One thing that happened to one client, seen by one source. Events are the contract between PxeKit's
/// parts: the live log, <c>pxekit boot</c>'s timeline, the diagnosis rules and the <c>--events</c> JSON
/// lines (docs/events.md) all read these typed fields. <see cref="Detail"/> is for people only: no code
/// outside rendering decides on it.
/// </summary>
public sealed record BootEvent
{
    /// <summary>The version of the JSON shape (docs/events.md); raised when a field changes meaning or goes away.</summary>
    public const int CurrentSchema = 1;

    /// <summary>The schema of this event: <see cref="CurrentSchema"/> for events written by this build.</summary>
    [JsonPropertyName("v")]
    public int Schema { get; init; } = CurrentSchema;

    public required DateTimeOffset Time { get; init; }

    public required BootStep Step { get; init; }

    /// <summary>Which source saw it: PxeKit's sockets, a capture, a VM console, or the host.</summary>
    public EvidenceSource Source { get; init; } = EvidenceSource.Server;

    /// <summary>Client hardware address as <c>52:54:00:12:34:56</c>, when known.</summary>
    public string? Mac { get; init; }

    /// <summary>Client IPv4 address (offered, leased or the TFTP peer), when known.</summary>
    public string? Address { get; init; }

    /// <summary>The DHCP server a reply came from (its server identifier), or the server a relay forwards to.</summary>
    public string? Server { get; init; }

    /// <summary>The file a TFTP or HTTP step is about, or the boot file a DHCP reply names.</summary>
    public string? File { get; init; }

    /// <summary>For <see cref="BootStep.MenuChosen"/>: the boot profile chosen.</summary>
    public string? Profile { get; init; }

    /// <summary>Bytes transferred, for finished transfers.</summary>
    public long? Bytes { get; init; }

    /// <summary>How long the step took, for transfers.</summary>
    public TimeSpan? Elapsed { get; init; }

    /// <summary>For DHCP steps: the message's typed fields.</summary>
    public DhcpFacts? Dhcp { get; init; }

    /// <summary>What a DHCPv6 step carried (the <c>Dhcp6*</c> steps).</summary>
    public Dhcp6Facts? Dhcp6 { get; init; }

    /// <summary>For <see cref="BootStep.RouterAdvertisement"/>: the flags, lifetime and prefixes it carried.</summary>
    public RouterFacts? Router { get; init; }

    /// <summary>For TFTP steps: options, error code, why a transfer failed.</summary>
    public TftpFacts? Tftp { get; init; }

    /// <summary>For HTTP steps: method and status.</summary>
    public HttpFacts? Http { get; init; }

    /// <summary>For a finished transfer: what kind of program the file is, told by its first bytes.</summary>
    public ProgramFormat? Format { get; init; }

    /// <summary>
    /// For a finished transfer of a program on disk, and the doctor's boot files: whether its PE certificate table holds
    /// an Authenticode signature (<c>ProgramSignatures</c>); null when not read.
    /// </summary>
    public ProgramSignature? Signature { get; init; }

    /// <summary>For <see cref="BootStep.ConsoleError"/>: what kind of failure the console line reports.</summary>
    public ConsoleFailure? ConsoleFailure { get; init; }

    /// <summary>For a send the kernel refused: how (AccessDenied is EPERM: this host's firewall).</summary>
    public SocketError? SocketError { get; init; }

    /// <summary>For <see cref="BootStep.HostFirewall"/>: what the host's firewall does to one kind of PxeKit's traffic.</summary>
    public FirewallFacts? Firewall { get; init; }

    /// <summary>For <see cref="BootStep.HostRouterAdvertisement"/>: the routers the doctor heard answer its solicitation.</summary>
    public RouterAdvertisementFacts? RouterAdvertisement { get; init; }

    /// <summary>For <see cref="BootStep.HostBootFile"/>: a configured file as the host has it (<see cref="File"/>, <see cref="Bytes"/>, <see cref="Format"/>).</summary>
    public BootFileFacts? BootFile { get; init; }

    /// <summary>For <see cref="BootStep.HostInterface"/>: the interface's state.</summary>
    public InterfaceFacts? Interface { get; init; }

    /// <summary>For <see cref="BootStep.HostPort"/>: a port PxeKit needs and who holds it.</summary>
    public PortFacts? Port { get; init; }

    /// <summary>For <see cref="BootStep.EventsDropped"/>: how many events this output did not get.</summary>
    public long? Dropped { get; init; }

    /// <summary>For <see cref="BootStep.LeaseStoreFailed"/>: why the lease store could not write.</summary>
    public LeaseStoreFailure? LeaseStore { get; init; }

    /// <summary>For <see cref="BootStep.ReloadApplied"/> and <see cref="BootStep.ReloadRefused"/>: what the reload changed, or its errors.</summary>
    public ReloadFacts? Reload { get; init; }

    /// <summary>For <see cref="BootStep.BootApiFailed"/>: the URL asked, the status, and why the answer could not be used.</summary>
    public BootApiFacts? BootApi { get; init; }

    /// <summary>For <see cref="BootStep.Firmware"/> from a console: the firmware's network boot client that started, and over which IP version.</summary>
    public NetworkBootFacts? NetworkBoot { get; init; }

    /// <summary>For <see cref="BootStep.Diagnosis"/>: the verdict.</summary>
    public Verdict? Verdict { get; init; }

    /// <summary>For <see cref="BootStep.TftpRefused"/> and <see cref="BootStep.HttpFailed"/>: why the file was refused, when it was.</summary>
    public FileRefusal? Refusal { get; init; }

    private readonly string? _detail;

    /// <summary>
    /// A short sentence for people: what the step carried. Rendering only. When the source gave none (null or empty), it is
    /// said from the typed fields each time it is read (<see cref="EventText"/>): the DHCP server leaves the sentences of
    /// its busiest steps to the readers of the events.
    /// </summary>
    [AllowNull]
    public string Detail
    {
        get => _detail ?? EventText.Of(this);
        init => _detail = string.IsNullOrEmpty(value) ? null : value; // an empty one read back from JSON is none, as written
    }
}
