using System.Net;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// What the doctor's probe sent and heard: the answers for people, and the same exchanges as events (from
/// <see cref="EvidenceSource.Host"/>) for the engine, whose rules tell two DHCP servers, an offer without boot
/// information, or no answer at all, as they tell them from a capture.
/// </summary>
public sealed class ProbeRun(string mac)
{
    private readonly List<ProbeAnswer> _answers = [];
    private readonly List<BootEvent> _evidence = [];

    /// <summary>The probe machine's MAC.</summary>
    public string Mac { get; } = mac;

    public IReadOnlyList<ProbeAnswer> Answers => _answers;

    public IReadOnlyList<BootEvent> Evidence => _evidence;

    /// <summary>A request the probe broadcast (port 67) or sent to a boot server (port 4011).</summary>
    public void Sent(DhcpMessage request, int port)
    {
        ArgumentNullException.ThrowIfNull(request);
        _evidence.Add(HostEvidence.Of(port == DhcpConstants.PxeServerPort ? BootStep.WireBootServer : BootStep.WireDhcp) with
        {
            Mac = Mac,
            Dhcp = DhcpFacts.Of(request, port),
            Detail = $"probe {request.MessageType} to port {port}",
        });
    }

    /// <summary>A reply to one of the probe's requests.</summary>
    public void Heard(ProbeAnswer answer, DhcpMessage reply, IPEndPoint from)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(from);
        _answers.Add(answer);
        _evidence.Add(HostEvidence.Of(BootStep.WireDhcpReply) with
        {
            Mac = Mac,
            Address = answer.IsProxy ? null : answer.Offered.ToString(),
            Server = answer.Server.ToString(),
            File = DhcpFacts.BootFileOf(reply),
            Dhcp = DhcpFacts.Of(reply, from.Port == DhcpConstants.PxeServerPort ? DhcpConstants.PxeServerPort : DhcpConstants.ClientPort),
            Detail = $"{answer.Server}: {answer.Describe()}",
        });
    }
}
