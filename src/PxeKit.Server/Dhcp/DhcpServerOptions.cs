namespace PxeKit.Server.Dhcp;

/// <summary>The DHCP side of <c>pxekit serve</c>.</summary>
public sealed record DhcpServerOptions
{
    public required IReadOnlyList<DhcpScope> Scopes { get; init; }

    /// <summary>UDP port to listen on. Default 67; only tests change it.</summary>
    public int Port { get; init; } = Protocol.Dhcp.DhcpConstants.ServerPort;
}
