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

    public bool Matches(BootClient client) => Mismatch(client) is null;

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

        return Macs.Count == 0 || Macs.Contains(client.Mac) ? null : $"{client.Mac} is not among its {Macs.Count} MAC(s)";
    }
}
