using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Boot;

/// <summary>Every client boots the same file (the walking skeleton's policy; profiles come later).</summary>
public sealed class StaticBootPolicy(BootAnswer? answer) : IBootPolicy
{
    public BootAnswer? Choose(DhcpMessage request, DhcpScope scope) => answer;
}
