using System.Buffers.Binary;
using System.Net;
using BenchmarkDotNet.Attributes;
using PxeKit.Core.Events;
using PxeKit.Core.Metrics;
using PxeKit.Diagnostics.Engine;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Benchmarks;

/// <summary>
/// As <see cref="DhcpReplyPathBenchmarks"/>, with the journal serve gives the handler: the diagnosis engine and the
/// metrics read every event, and the DISCOVERs come from 20,000 MACs in turn, as perfdhcp's do in scripts/bench.sh
/// (more clients than the engine remembers, so it forgets one for each it meets). What a DHCP exchange costs beyond
/// the protocol: the events, their rules and counters.
/// </summary>
[MemoryDiagnoser]
public class DhcpJournaledReplyPathBenchmarks
{
    private const int Clients = 20_000;

    /// <summary>Where chaddr's last four bytes are in a DHCP message.</summary>
    private const int ChaddrTail = 28 + 2;

    private static readonly IPEndPoint Client = new(IPAddress.Any, DhcpConstants.ClientPort);
    private readonly byte[] _reply = new byte[DhcpConstants.MaximumMessageLength];
    private byte[] _discover = [];
    private int _next;
    private FullDhcpHandler _handler = null!;
    private BootMetrics _metrics = null!;
    private LiveDiagnosis _diagnosis = null!;
    private BootJournal _journal = null!;

    [GlobalSetup]
    public void Setup()
    {
        _discover = CapturedPackets.UdpPayloads("qemu-bios-ipxe-dhcp.pcap")[0];
        _metrics = new BootMetrics();
        _journal = new BootJournal(_metrics);
        _diagnosis = LiveDiagnosis.Attach(_journal, new EngineOptions { Interface = "pxb0", ServerAddress = "10.47.0.1" }, TimeProvider.System);
        // A /16, so that each of the 20,000 MACs keeps an address of its own.
        _handler = DhcpReplyPathBenchmarks.Handler(_journal, "255.255.0.0", "10.47.1.0", "10.47.250.255");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _diagnosis.Dispose();
        _metrics.Dispose();
    }

    [Benchmark]
    public int DiscoverToOfferJournaled()
    {
        BinaryPrimitives.WriteInt32BigEndian(_discover.AsSpan(ChaddrTail), _next);
        _next = (_next + 1) % Clients;
        if (DhcpMessage.TryParse(_discover, out var request) != DhcpParseError.None || request is null)
        {
            return 0;
        }

        var context = new DhcpRequestContext(request, "pxb0", Client);
        var reply = _handler.Handle(context);
        int length = reply?.WriteTo(_reply) ?? 0;
        if (context.PendingReply is { } sent)
        {
            // As the listener does once the OFFER has left.
            _journal.Record(sent.Sent(DateTimeOffset.UtcNow));
        }

        return length;
    }
}
