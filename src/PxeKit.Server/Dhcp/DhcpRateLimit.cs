namespace PxeKit.Server.Dhcp;

/// <summary>
/// How many DHCP requests one client (one <c>chaddr</c>) may send before the rest are dropped: a token
/// bucket of <see cref="Burst"/> requests refilled at <see cref="PerSecond"/> a second. A booting
/// machine sends two to six requests in a burst (DISCOVER and REQUEST from the ROM, again from iPXE,
/// and on port 4011), so the defaults never touch a real boot and cap a looping or hostile client.
/// </summary>
public sealed record DhcpRateLimit
{
    /// <summary>No limit: every request is handled.</summary>
    public static DhcpRateLimit None { get; } = new() { PerSecond = 0 };

    /// <summary>Requests a second a client earns back. Default: 5. 0 turns the limit off.</summary>
    public double PerSecond { get; init; } = 5;

    /// <summary>Requests a client may send at once. Default: 20.</summary>
    public int Burst { get; init; } = 20;

    /// <summary>Clients remembered at most; past that, the ones idle longest are forgotten. Default: 10,000.</summary>
    public int MaxClients { get; init; } = 10_000;

    public bool Enabled => PerSecond > 0;
}
