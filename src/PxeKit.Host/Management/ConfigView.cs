using System.Numerics;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Host.Management;

/// <summary>The running settings as <c>GET /api/v1/config</c> shows them (<see cref="ConfigReply"/>).</summary>
internal static class ConfigView
{
    /// <param name="scopes">The scopes served now: the settings' with the reservations set through the API.</param>
    public static ConfigReply Of(ServeSettings settings, IReadOnlyList<DhcpScope> scopes) => new(
        settings.Mode,
        [.. settings.Interfaces.Select(i => new InterfaceEntry(i.Name, i.Address.ToString()))],
        settings.Root,
        settings.Templates,
        settings.LeaseDb,
        [.. scopes.Select(Scope)],
        [.. settings.Profiles.Select(p => p.Name)],
        [.. settings.Profiles.SelectMany(p => p.Groups).DistinctBy(g => g.Name).OrderBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => new GroupEntry(g.Name, [.. g.Macs.Order(StringComparer.Ordinal)], g.Vars))],
        settings.HttpPort is { } port ? new HttpEntry(port, settings.HttpConnections.MaxConnections, settings.HttpConnections.MaxConnectionsPerAddress) : null,
        new TftpEntry(settings.TftpPort, settings.AllowWrite, settings.TftpLimits.MaxTransfers, settings.TftpLimits.MaxTransfersPerClient, (long)settings.TftpLimits.TransferLifetime.TotalSeconds),
        settings.BootApi?.ToString(),
        settings.Management is { } management ? new ManagementEntry(management.Address.ToString(), management.Port, management.Token is not null) : null,
        settings.Warnings);

    private static ScopeEntry Scope(DhcpScope scope)
    {
        var mask = Ipv4.FromAddress(scope.SubnetMask);
        var network = Ipv4.FromAddress(scope.RelayedNetwork ?? scope.ServerAddress) & mask;
        return new ScopeEntry(
            scope.Interface,
            $"{Ipv4.ToAddress(network)}/{BitOperations.PopCount(mask)}",
            scope.RelayedNetwork is not null,
            $"{scope.RangeStart}-{scope.RangeEnd}",
            scope.Router?.ToString(),
            [.. scope.DnsServers.Select(d => d.ToString())],
            (long)scope.LeaseTime.TotalSeconds,
            scope.Authoritative,
            scope.ProbeBeforeOffer,
            [.. scope.Reservations.Select(r => new ReservationEntry(r.Mac, r.Address.ToString(), r.HostName))],
            [.. scope.Options.Select(o => (int)o.Code).Distinct()]);
    }
}
