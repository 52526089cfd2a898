namespace PxeKit.Diagnostics.Tests.Trace;

/// <summary>The real captures kept in tests/PxeKit.Diagnostics.Tests/Data/trace (see the README there), found from the repository root.</summary>
public static class TraceData
{
    public const string BiosBoot = "bios-dnsmasq-qemu.pcap";
    public const string IpxeLoop = "ipxe-loop.pcap";
    public const string NoBootInfo = "no-boot-info.pcap";
    public const string TftpMissing = "tftp-missing.pcap";
    public const string TftpBlocked = "tftp-blocked.pcap";

    public static string Directory { get; } = Find();

    /// <summary>The golden DHCPv6 capture (OVMF's PXEv6 client and iPXE, dnsmasq 2.90), kept with the protocol tests.</summary>
    public static string Dhcp6Golden { get; } = System.IO.Path.Combine(Directory, "..", "..", "..", "PxeKit.Protocol.Tests", "Data", "ovmf-ipxe-dhcp6.pcap");

    public static string PathOf(string name) => System.IO.Path.Combine(Directory, name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PxeKit.slnx")))
            {
                return System.IO.Path.Combine(dir.FullName, "tests", "PxeKit.Diagnostics.Tests", "Data", "trace");
            }
        }

        throw new InvalidOperationException($"No PxeKit.slnx above {AppContext.BaseDirectory}: the test data cannot be found.");
    }
}
