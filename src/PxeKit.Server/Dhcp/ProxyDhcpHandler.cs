using System.Net;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;

namespace PxeKit.Server.Dhcp;

/// <summary>
/// ProxyDHCP on port 67 (PXE 2.1, 2.2.5): beside the network's own DHCP server, answers only PXE and
/// HTTP Boot clients, with boot information and never an address. Everyone else is left alone.
/// BIOS PXE ROMs get the boot file in the offer; UEFI firmware gets an offer without it and asks the
/// boot server on port 4011 (<see cref="BootServerHandler"/>), as edk2 does when option 43 is absent.
/// </summary>
public sealed class ProxyDhcpHandler : IDhcpHandler
{
    private readonly IReadOnlyDictionary<string, IPAddress> _serverAddresses;
    private readonly IBootPolicy _policy;
    private readonly DhcpJournal _journal;
    private readonly ILogger _logger;

    /// <param name="serverAddresses">PxeKit's address on each interface it serves.</param>
    public ProxyDhcpHandler(IReadOnlyDictionary<string, IPAddress> serverAddresses, IBootPolicy policy, IBootJournal journal, ILogger<ProxyDhcpHandler> logger, TimeProvider time)
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
        if (!request.IsPxeClient && !request.IsHttpClient)
        {
            Log.NotForUs(_logger, $"a {request.MessageType} from {context.Mac}, not a PXE or HTTP Boot client (proxy mode)", context.Source);
            return null;
        }

        if (request.MessageType != DhcpMessageType.Discover)
        {
            // REQUESTs on port 67 belong to the DHCP server that gives the address. Journaled all the same: the
            // packet capture must know that this socket saw the client's request (or it would look dropped).
            Log.NotForUs(_logger, $"a {request.MessageType} from {context.Mac} for the network's DHCP server", context.Source);
            _journal.Ignored(context, DhcpIgnoreReason.ForNetworkServer, $"{request.MessageType.ToString().ToLowerInvariant()} for the network's DHCP server: proxyDHCP leaves it to that server");
            return null;
        }

        if (!_serverAddresses.TryGetValue(context.Interface, out var server))
        {
            return null;
        }

        var client = BootClient.From(request, context.Interface, server);
        _journal.Request(BootStep.DhcpDiscover, context, EventText.Client(DhcpJournal.FactsOf(context), "discover (proxy): "));
        var answer = _policy.Choose(client, server);
        if (answer is null)
        {
            _journal.Ignored(context, DhcpIgnoreReason.NoProfile, "no profile matches this client: no proxy offer");
            return null;
        }

        context.Profile = answer.Profile;

        var reply = DhcpReplyFactory.Create(request, DhcpMessageType.Offer, server);
        bool uefiPxe = client.Firmware != ClientFirmware.Bios && !client.IsHttpClient && !client.IsIpxe;
        if (uefiPxe)
        {
            // No file and no option 43: edk2 then asks the boot server on port 4011 for the file.
            reply.ServerAddress = server;
            reply.SetString(DhcpOptionCode.VendorClassIdentifier, "PXEClient");
            if (request.GetOption(DhcpOptionCode.ClientMachineIdentifier) is { } guid)
            {
                reply.SetOption(DhcpOptionCode.ClientMachineIdentifier, guid);
            }

            DhcpJournal.Reply(BootStep.DhcpOffer, context, reply, $"proxy offer, boot file from the boot server on port {DhcpConstants.PxeServerPort}");
        }
        else
        {
            DhcpReplyFactory.AddProxyBoot(request, reply, answer, server, skipDiscovery: true);
            DhcpJournal.Reply(BootStep.DhcpOffer, context, reply, $"proxy offer, boot {answer.Describe()} from {reply.ServerAddress}");
        }

        return reply;
    }
}
