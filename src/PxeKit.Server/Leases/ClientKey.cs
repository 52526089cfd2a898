using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Leases;

/// <summary>
/// Who a lease belongs to (RFC 2131 section 4.2, RFC 6842): the client identifier (option 61) when the client
/// sends one, else its hardware address. Two clients behind one MAC that send different identifiers (two systems
/// of a dual-boot machine, a PXE ROM then the installed system) are two clients, with a lease each.
/// </summary>
public readonly record struct ClientKey
{
    /// <summary>RFC 2132 section 9.14: a client identifier is at least two bytes (a type, then the identifier).</summary>
    public const int MinimumIdentifierLength = 2;

    private ClientKey(string? mac, string? identifier)
    {
        Mac = mac;
        Identifier = identifier;
    }

    /// <summary>The hardware address the lease is keyed by, when the client sends no identifier; null otherwise.</summary>
    public string? Mac { get; }

    /// <summary>Option 61 as colon-separated hex (<c>01:52:54:00:12:34:56</c>), when the lease is keyed by it; null otherwise.</summary>
    public string? Identifier { get; }

    /// <summary>True when the lease is keyed by a client identifier rather than a MAC.</summary>
    public bool IsIdentifier => Identifier is not null;

    public static ClientKey ForMac(string mac)
    {
        ArgumentException.ThrowIfNullOrEmpty(mac);
        return new(mac, null);
    }

    /// <summary>A key for the identifier in its colon-hex form (as <see cref="Identifier"/> and the lease database write it).</summary>
    public static ClientKey ForIdentifier(string identifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return new(null, identifier.ToLowerInvariant());
    }

    public static ClientKey ForIdentifier(ReadOnlySpan<byte> identifier) => ForIdentifier(MacAddress.Format(identifier));

    /// <summary>
    /// The key of the client that sent <paramref name="request"/>. An option 61 shorter than RFC 2132 allows is not an
    /// identifier: such a client is keyed by its MAC, as one that sends none.
    /// </summary>
    public static ClientKey Of(DhcpMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Of(request.ClientMac, request.GetOption(DhcpOptionCode.ClientIdentifier));
    }

    /// <summary>The key for a client with hardware address <paramref name="mac"/> that sent option 61 <paramref name="identifier"/> (or none).</summary>
    public static ClientKey Of(string mac, ReadOnlySpan<byte> identifier) =>
        identifier.Length >= MinimumIdentifierLength ? ForIdentifier(identifier) : ForMac(mac);

    /// <summary>For people: the MAC, or <c>id 01:52:54:...</c>.</summary>
    public override string ToString() => Identifier is { } id ? $"id {id}" : Mac ?? "";
}
