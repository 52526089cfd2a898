using System.Net;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Server.Boot;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Dhcp6;

/// <summary>
/// The DHCPv6 side of PxeKit on one interface: the handler its <see cref="Dhcp6Settings.Mode"/> asks for, over the one
/// boot policy, and its listener. The server's DUID is the DUID-LL of the interface's MAC.
/// </summary>
public sealed class Dhcp6Server : IDisposable
{
    /// <param name="interfaceName">The served interface.</param>
    /// <param name="mac">Its hardware address (6 bytes): the server's DUID is made from it.</param>
    /// <param name="server">Its global or unique-local IPv6 address: boot URLs name it.</param>
    /// <param name="leases">Where full mode's bindings are kept (a lease store whose other leases are IPv6 too, for now: see docs/configuration.md).</param>
    public Dhcp6Server(Dhcp6Settings settings, string interfaceName, ReadOnlySpan<byte> mac, IPAddress server, IBootPolicy policy, ILeaseStore leases, IBootJournal journal, ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        time ??= TimeProvider.System;
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(settings));
        }

        var handler = CreateHandler(settings, mac, policy, leases, journal, loggerFactory, time);
        Listener = new Dhcp6Listener(interfaceName, server, handler, settings.Mode, journal, loggerFactory.CreateLogger<Dhcp6Listener>(), time);
    }

    public Dhcp6Listener Listener { get; }

    /// <summary>
    /// The handler of <paramref name="settings"/>' mode over its own responder, behind the one that unwraps relayed clients
    /// (<see cref="Dhcp6RelayHandler"/>): what the listener runs, and what
    /// <c>pxekit explain --ipv6</c> runs one request through. <paramref name="settings"/> must be valid.
    /// </summary>
    public static IDhcp6Handler CreateHandler(Dhcp6Settings settings, ReadOnlySpan<byte> mac, IBootPolicy policy, ILeaseStore leases, IBootJournal journal, ILoggerFactory loggerFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var responder = new Dhcp6Responder(Dhcp6Duid.LinkLayer(mac), policy, journal, loggerFactory.CreateLogger<Dhcp6Responder>(), time);
        if (settings.Mode == Dhcp6Mode.BootOnly)
        {
            return new Dhcp6RelayHandler(new Dhcp6BootOnlyHandler(responder, settings), responder.Journal);
        }

        Dhcp6AddressRange.TryCreate(settings.RangeStart!, settings.RangeEnd!, out var range, out _);
        var bindings = new Dhcp6Bindings(leases, range!, settings.ValidLifetime, time);
        return new Dhcp6RelayHandler(new Dhcp6FullHandler(responder, bindings, settings, loggerFactory.CreateLogger<Dhcp6FullHandler>()), responder.Journal);
    }

    public Task RunAsync(CancellationToken cancellationToken) => Listener.RunAsync(cancellationToken);

    public void Dispose() => Listener.Dispose();
}
