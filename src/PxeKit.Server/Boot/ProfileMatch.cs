using System.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Boot;

/// <summary>
/// Which clients a profile is for. Every condition that is set must hold; an empty match takes
/// every client. MACs listed directly and those of the named groups are one set.
/// </summary>
public sealed record ProfileMatch
{
    public static ProfileMatch Any { get; } = new();

    /// <summary>Option 93 values; the client matches if its first architecture is one of them.</summary>
    public IReadOnlyList<ClientArchitecture> Architectures { get; init; } = [];

    /// <summary>Option 60 must start with this (e.g. <c>PXEClient</c>, <c>HTTPClient</c>).</summary>
    public string? VendorClassPrefix { get; init; }

    /// <summary>Option 77 must hold this class (e.g. <c>iPXE</c>).</summary>
    public string? UserClass { get; init; }

    /// <summary>Canonical MACs (directly and from groups).</summary>
    public IReadOnlySet<string> Macs { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The interfaces the request may arrive on (a profile of one entry of <c>interfaces:</c>); empty: any.</summary>
    public IReadOnlySet<string> Interfaces { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The subnets the client may be on (<see cref="BootClient.Network"/>: giaddr when relayed); empty: any.</summary>
    public IReadOnlyList<Subnet> Subnets { get; init; } = [];

    /// <summary>Machine UUIDs (option 97), lower case; empty: any.</summary>
    public IReadOnlySet<string> Uuids { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Host names (option 12), case-insensitive; one ending in <c>*</c> is a prefix. Empty: any.</summary>
    public IReadOnlyList<string> HostNames { get; init; } = [];

    /// <summary>Option 82 circuit ids, as <see cref="RelayAgentInformation.Show"/> writes them; empty: any.</summary>
    public IReadOnlySet<string> CircuitIds { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Option 82 remote ids, as <see cref="RelayAgentInformation.Show"/> writes them; empty: any.</summary>
    public IReadOnlySet<string> RemoteIds { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool Matches(BootClient client) => Mismatch(client) is null;

    /// <summary>Equal when every condition is: lists in order, sets as sets (a reload compares profiles by content).</summary>
    public bool Equals(ProfileMatch? other) =>
        other is not null
        && VendorClassPrefix == other.VendorClassPrefix
        && UserClass == other.UserClass
        && Architectures.SequenceEqual(other.Architectures)
        && Subnets.SequenceEqual(other.Subnets)
        && HostNames.SequenceEqual(other.HostNames)
        && Macs.SetEquals(other.Macs)
        && Interfaces.SetEquals(other.Interfaces)
        && Uuids.SetEquals(other.Uuids)
        && CircuitIds.SetEquals(other.CircuitIds)
        && RemoteIds.SetEquals(other.RemoteIds);

    public override int GetHashCode() => HashCode.Combine(VendorClassPrefix, UserClass, Architectures.Count, Macs.Count);

    // Loops, not lambdas: a lambda over Mismatch's locals would be a closure made for every request, matched or not.
    private bool InSubnets(IPAddress network)
    {
        for (int i = 0; i < Subnets.Count; i++)
        {
            if (Subnets[i].Contains(network))
            {
                return true;
            }
        }

        return false;
    }

    private bool NamedHost(string name)
    {
        for (int i = 0; i < HostNames.Count; i++)
        {
            if (HostNameMatches(HostNames[i], name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HostNameMatches(string pattern, string name) =>
        pattern.EndsWith('*')
            ? name.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : name.Equals(pattern, StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the client does not match (the first condition that fails), or null when it does.</summary>
    public string? Mismatch(BootClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (Architectures.Count > 0 && (client.Architecture is not { } arch || !Architectures.Contains(arch)))
        {
            var wanted = string.Join(", ", Architectures.Select(a => (ushort)a));
            return client.Architecture is { } a ? $"arch {(ushort)a} is not one of {wanted}" : $"no arch (option 93); wants {wanted}";
        }

        if (VendorClassPrefix is not null && client.VendorClass?.StartsWith(VendorClassPrefix, StringComparison.Ordinal) != true)
        {
            return $"vendor class \"{client.VendorClass}\" does not start with \"{VendorClassPrefix}\"";
        }

        if (UserClass is not null && !client.UserClasses.Contains(UserClass, StringComparer.Ordinal))
        {
            return $"user class is not \"{UserClass}\"";
        }

        if (Interfaces.Count > 0 && (client.Interface is not { } arrived || !Interfaces.Contains(arrived)))
        {
            var wanted = string.Join(", ", Interfaces.Order(StringComparer.Ordinal));
            return client.Interface is { } name ? $"it came in on {name}, not on {wanted}" : $"it came in on no interface; wants {wanted}";
        }

        if (Subnets.Count > 0 && (client.Network is not { } network || !InSubnets(network)))
        {
            var wanted = string.Join(", ", Subnets);
            return client.Network is { } on ? $"its subnet ({on}) is not in {wanted}" : $"its subnet is not known; wants {wanted}";
        }

        if (Uuids.Count > 0 && (client.Uuid is not { } uuid || !Uuids.Contains(uuid)))
        {
            return client.Uuid is { } u ? $"uuid {u} is not among its {Uuids.Count} UUID(s)" : "no uuid (option 97)";
        }

        if (HostNames.Count > 0 && (client.HostName is not { } host || !NamedHost(host)))
        {
            return client.HostName is { } h ? $"host name \"{h}\" is not one of {string.Join(", ", HostNames)}" : "no host name (option 12)";
        }

        if (CircuitIds.Count > 0 && (client.RelayAgent?.CircuitId is not { } circuit || !CircuitIds.Contains(circuit)))
        {
            return client.RelayAgent?.CircuitId is { } c ? $"circuit id \"{c}\" is not one of {string.Join(", ", CircuitIds)}" : "no circuit id (option 82 from a relay)";
        }

        if (RemoteIds.Count > 0 && (client.RelayAgent?.RemoteId is not { } remote || !RemoteIds.Contains(remote)))
        {
            return client.RelayAgent?.RemoteId is { } r ? $"remote id \"{r}\" is not one of {string.Join(", ", RemoteIds)}" : "no remote id (option 82 from a relay)";
        }

        return Macs.Count == 0 || Macs.Contains(client.Mac) ? null : $"{client.Mac} is not among its {Macs.Count} MAC(s)";
    }
}
