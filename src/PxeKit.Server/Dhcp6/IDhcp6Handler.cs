namespace PxeKit.Server.Dhcp6;

/// <summary>Turns one DHCPv6 datagram into at most one reply, written into <c>reply</c>. Full and boot-only are two of these.</summary>
public interface IDhcp6Handler
{
    Dhcp6Outcome Handle(Dhcp6RequestContext context, Span<byte> reply);
}
