using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Cli.Rendering;
using PxeKit.Core.Events;
using PxeKit.Host;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Leases;
using PxeKit.Server.Machines;

namespace PxeKit.Cli.Explain;

/// <summary>
/// Runs one request through the very handlers <c>serve</c> uses (with a lease store in memory) and
/// tells the story: the client, each profile and why it does or does not match, the reply, decoded.
/// </summary>
internal sealed class ReplyExplainer(ServeSettings settings, MachineOverrides? machines = null)
{
    public ExplainReport Explain(DhcpMessage request)
    {
        var text = new StringBuilder();
        // A request is explained as if it arrived on the first interface served.
        var arrived = settings.Interfaces[0];
        var client = BootClient.From(request, arrived.Name, arrived.Address);
        text.Append($"Client {client.Mac}: {EventText.Client(DhcpFacts.Of(request))}\n");
        if (settings.Interfaces.Count > 1)
        {
            text.Append($"Arriving on {arrived.Name}, the first interface served\n");
        }

        text.Append($"Firmware: {client.Firmware}{(client.IsIpxe ? ", running iPXE" : "")}{(client.IsHttpClient ? ", UEFI HTTP Boot" : "")}\n\n");

        var policy = new ProfileBootPolicy(settings.Profiles, settings.Ipxe, settings.HttpPort, new InMemoryBootOnceStore(), machines);
        var chosen = ExplainProfiles(text, settings.Profiles, policy, client);

        var events = new List<BootEvent>();
        var journal = new BootJournal(new ListSink(events));
        var handler = Handler(policy, journal);
        var context = new DhcpRequestContext(request, arrived.Name, new IPEndPoint(IPAddress.Any, DhcpConstants.ClientPort));
        var reply = handler?.Handle(context);
        text.Append('\n');
        if (reply is null)
        {
            var why = (events.LastOrDefault(e => e.Step == BootStep.DhcpIgnored)?.Dhcp is { } ignored ? IgnoreReasonText.Of(ignored) : null)
                ?? (handler is null ? "DHCP is off (--no-dhcp)" : "the handler has nothing to say to this client");
            text.Append($"No reply: {why}.\n");
            return new ExplainReport(text.ToString(), false, chosen?.Name);
        }

        text.Append($"Reply ({settings.Mode} mode), sent to {DhcpReplyDestination.For(context, reply)}:\n");
        text.Append(DhcpMessageFormatter.Format(reply));
        if (client.IsIpxe && policy.Script(client.Mac, client.Architecture, arrived.Name, reply.YourAddress.Equals(IPAddress.Any) ? null : reply.YourAddress, arrived.Address) is { } script)
        {
            text.Append($"\nThe iPXE script it will fetch ({ProfileBootPolicy.ScriptPath}):\n").Append(script);
        }
        else if (!client.IsIpxe && policy.GrubConfigFor(client.Mac, arrived.Name, reply.YourAddress.Equals(IPAddress.Any) ? null : reply.YourAddress, arrived.Address) is { } grub)
        {
            text.Append($"\nThe GRUB configuration shim's GRUB will read ({GrubConfig.Directory}/{GrubConfig.FileName}-01-{client.Mac}, over TFTP):\n").Append(grub);
        }

        return new ExplainReport(text.ToString(), true, chosen?.Name);
    }

    /// <summary>Each profile in order and why it does or does not match <paramref name="client"/>; returns the one chosen.</summary>
    public static BootProfile? ExplainProfiles(StringBuilder text, IReadOnlyList<BootProfile> profiles, ProfileBootPolicy policy, BootClient client)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(policy);
        var chosen = policy.Select(client);
        if (ReferenceEquals(chosen, ProfileBootPolicy.BootLocalProfile))
        {
            text.Append($"=> {chosen.Name}: set for this machine, before every profile\n");
        }

        text.Append("Profiles, in order:\n");
        foreach (var profile in profiles)
        {
            var mismatch = profile.Match.Mismatch(client);
            var mark = ReferenceEquals(profile, chosen) ? "=> " : "   ";
            text.Append($"{mark}{profile.Name}: {(mismatch is null ? ReferenceEquals(profile, chosen) ? "matches, chosen" : "matches, but an earlier profile won" : "no: " + mismatch)}\n");
        }

        if (profiles.Count == 0)
        {
            text.Append("   (none: no --bootfile and no profiles)\n");
        }

        return chosen;
    }

    private IDhcpHandler? Handler(IBootPolicy policy, IBootJournal journal)
    {
        var time = TimeProvider.System;
        var addresses = new Dictionary<string, IPAddress>(StringComparer.Ordinal) { [settings.Interfaces[0].Name] = settings.Interfaces[0].Address };
        return settings.Mode switch
        {
            ServeMode.Full => new FullDhcpHandler(new DhcpScopes(machines is null ? settings.Scopes : MachineReservations.Apply(settings.Scopes, machines.All)), new LeasePool(new InMemoryLeaseStore(), time), policy, journal, NullLogger<FullDhcpHandler>.Instance, time),
            ServeMode.Proxy => new ProxyDhcpHandler(addresses, policy, journal, NullLogger<ProxyDhcpHandler>.Instance, time),
            _ => null,
        };
    }

    private sealed class ListSink(List<BootEvent> events) : IBootEventSink
    {
        public void Write(BootEvent bootEvent) => events.Add(bootEvent);
    }
}
