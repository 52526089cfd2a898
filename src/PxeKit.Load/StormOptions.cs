using System.Net;

namespace PxeKit.Load;

/// <summary>What a boot storm plays: how many clients, where they send, what they fetch over HTTP.</summary>
public sealed record StormOptions
{
    public const int MaxClients = 2000;

    /// <summary>The boot server; TFTP goes to the reply's next-server when it names one, else here.</summary>
    public required IPAddress Server { get; init; }

    /// <summary>The interface the DHCP broadcasts leave from (the clients' side of the link).</summary>
    public required string Interface { get; init; }

    public int Clients { get; init; } = 10;

    public int HttpPort { get; init; } = 80;

    /// <summary>Paths fetched over HTTP after the boot program, as a loader would (kernel, then initrd).</summary>
    public IReadOnlyList<string> HttpPaths { get; init; } = ["vmlinuz", "initrd.gz"];

    /// <summary>blksize the clients ask for; 1432 is what iPXE and edk2 ask on a 1500-byte link.</summary>
    public int TftpBlockSize { get; init; } = 1432;

    /// <summary>The whole storm stops here; clients not done by then are failures.</summary>
    public TimeSpan Limit { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long a client waits for its first DHCP answer before sending again; doubled on each of four tries, as PXE firmware does.</summary>
    public TimeSpan DhcpTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>The first bytes of every client's MAC; the last three number the clients.</summary>
    public byte MacPrefix { get; init; } = 0x02;
}
