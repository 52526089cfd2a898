using System.Net;

namespace PxeKit.Server.Dhcp6;

/// <summary>DHCPv6 settings of one interface (the <c>dhcp6:</c> section).</summary>
public sealed record Dhcp6Settings
{
    /// <summary>The largest range PxeKit scans for a free address: a bound on the work one Solicit can cause.</summary>
    public const int MaximumRangeSize = 1 << 20;

    public Dhcp6Mode Mode { get; init; } = Dhcp6Mode.Full;

    /// <summary>The first address of the range (full mode); the range is inclusive and within one /64.</summary>
    public IPAddress? RangeStart { get; init; }

    /// <summary>The last address of the range (full mode).</summary>
    public IPAddress? RangeEnd { get; init; }

    /// <summary>How long a client prefers its address. Default: one hour.</summary>
    public TimeSpan PreferredLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long its address stays valid, and the lease's length. Default: two hours.</summary>
    public TimeSpan ValidLifetime { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Recursive DNS servers given in option 23 to clients that ask for it. Default: none.</summary>
    public IReadOnlyList<IPAddress> DnsServers { get; init; } = [];

    /// <summary>T1: half the preferred lifetime (RFC 8415 section 21.4 recommends 0.5).</summary>
    public uint T1 => (uint)(PreferredLifetime.TotalSeconds / 2);

    /// <summary>T2: 0.8 of the preferred lifetime (RFC 8415 section 21.4).</summary>
    public uint T2 => (uint)(PreferredLifetime.TotalSeconds * 4 / 5);

    /// <summary>Every mistake, all of them, for the start-up report; empty when the settings can run.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Mode == Dhcp6Mode.Full)
        {
            if (RangeStart is null || RangeEnd is null)
            {
                errors.Add("dhcp6: full mode needs range-start and range-end (IPv6 addresses)");
            }
            else if (!Dhcp6AddressRange.TryCreate(RangeStart, RangeEnd, out _, out var why))
            {
                errors.Add($"dhcp6: range {RangeStart}-{RangeEnd}: {why}");
            }
        }

        if (PreferredLifetime <= TimeSpan.Zero || ValidLifetime < PreferredLifetime || ValidLifetime.TotalSeconds >= uint.MaxValue)
        {
            errors.Add($"dhcp6: lifetimes must be positive, valid ({ValidLifetime}) at least preferred ({PreferredLifetime})");
        }

        errors.AddRange(DnsServers.Where(d => d.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            .Select(d => $"dhcp6: DNS server {d} is not an IPv6 address"));
        return errors;
    }
}
