using System.Net;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>A socket bound on this host (this network namespace), as <c>/proc/net/udp</c> or <c>/proc/net/tcp</c> lists it.</summary>
/// <param name="Tcp">TCP (listening) rather than UDP.</param>
/// <param name="Inode">The socket's inode, which ties it to the process holding it.</param>
public sealed record BoundSocket(bool Tcp, IPAddress Address, int Port, long Inode);
