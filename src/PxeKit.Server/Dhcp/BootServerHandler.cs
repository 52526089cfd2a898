using System.Net;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;

namespace PxeKit.Server.Dhcp;

/// <summary>
/// The PXE boot server on UDP 4011 (PXE 2.1, 2.2.7): a client that already has an address asks it
/// for its boot file with a REQUEST (or INFORM) and gets an ACK back where it came from. UEFI
/// firmware after a proxy offer, and iPXE after any offer that said PXEClient, come here.
/// </summary>
public sealed class BootServerHandler : IDhcpHandler
{
    private readonly IReadOnlyDictionary<string, IPAddress> _serverAddresses;
    private readonly IBootPolicy _policy;
    private readonly DhcpJournal _journal;
    private readonly ILogger _logger;

    public BootServerHandler(IReadOnlyDictionary<string, IPAddress> serverAddresses, IBootPolicy policy, IBootJournal journal, ILogger<BootServerHandler> logger, TimeProvider time)
    {
        _serverAddresses = serverAddresses;
        _policy = policy;
        _journal = new DhcpJournal(journal, time);
        _logger = logger;
    }

    public DhcpMessage? Handle(DhcpRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.MessageType is not (DhcpMessageType.Request or DhcpMessageType.Inform) || (!request.IsPxeClient && !request.IsHttpClient))
        {
            Log.NotForUs(_logger, $"a {request.MessageType} on the boot server port from {context.Mac}", context.Source);
            return null;
        }

        if (!_serverAddresses.TryGetValue(context.Interface, out var server))
        {
            return null;
        }

        var address = request.ClientAddress.Equals(IPAddress.Any) ? context.Source.Address : request.ClientAddress;
        var answer = _policy.Choose(BootClient.From(request, context.Interface, server), server);
        if (answer is null)
        {
            _journal.Ignored(context, DhcpIgnoreReason.NoProfile, "boot server request: no profile matches this client", address);
            return null;
        }

        context.Profile = answer.Profile;
        var reply = DhcpReplyFactory.Create(request, DhcpMessageType.Ack, server);
        reply.ClientAddress = request.ClientAddress;
        DhcpReplyFactory.AddProxyBoot(request, reply, answer, server, skipDiscovery: false);

        // Recorded as an ACK with the client's address, so TFTP and HTTP steps from that address
        // are told under this MAC even when another server gave the address.
        DhcpJournal.Reply(BootStep.DhcpAck, context, reply, $"boot server ({DhcpConstants.PxeServerPort}): boot {answer.Describe()} from {reply.ServerAddress}", address);
        return reply;
    }
}
