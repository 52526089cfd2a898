using System.Net;
using PxeKit.Core.Events;
using PxeKit.Server.Tests.Support;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Tftp;

/// <summary>
/// TFTP over IPv6, as a PXEv6 client uses it after DHCPv6 (option 59 <c>tftp://[address]/ipxe.efi</c>): the same
/// server on ::1, against curl and tftp-hpa.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TftpIpv6Tests(ITestOutputHelper output)
{
    [Fact]
    public async Task Curl_gets_a_file_over_ipv6_byte_for_byte_and_the_journal_names_the_v6_peer()
    {
        await using var host = TftpTestHost.Start(output, options => options with { ListenAddress = IPAddress.IPv6Loopback });
        var expected = host.CreateFile("ipxe.efi", 850_528);
        var target = Path.Combine(host.Root.Path, "out.bin");

        await ExternalProgram.RunAsync(output, "curl", $"-s -S --tftp-blksize 1428 tftp://[::1]:{host.Port}/ipxe.efi -o {target}", TimeSpan.FromSeconds(30));

        Assert.Equal(expected, TestFiles.Sha256(target));
        var complete = await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete);
        Assert.Equal(850_528, complete.Bytes);
        Assert.Equal("::1", complete.Address);
    }

    [HostFact(Root = false, Programs = ["tftp"], Unit = true)]
    public async Task Tftp_hpa_gets_a_file_over_ipv6_byte_for_byte()
    {
        await using var host = TftpTestHost.Start(output, options => options with { ListenAddress = IPAddress.IPv6Loopback });
        var expected = host.CreateFile("ipxe.efi", 1_000_003);
        var target = Path.Combine(host.Root.Path, "out.bin");

        await ExternalProgram.RunAsync(output, "tftp", $"-6 ::1 {host.Port} -m binary -c get ipxe.efi {target}", TimeSpan.FromSeconds(30));

        Assert.Equal(expected, TestFiles.Sha256(target));
        Assert.Equal("::1", (await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete)).Address);
    }

    [Fact]
    public async Task A_path_out_of_the_root_is_refused_over_ipv6_as_over_ipv4()
    {
        await using var host = TftpTestHost.Start(output, options => options with { ListenAddress = IPAddress.IPv6Loopback });
        var target = Path.Combine(host.Root.Path, "out.bin");

        var (exitCode, _) = await ExternalProgram.RunAsync(output, "curl", $"-s -S --path-as-is tftp://[::1]:{host.Port}/../../etc/passwd -o {target}", TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, exitCode);
        var refused = await host.WaitForEventAsync(e => e.Step == BootStep.TftpRefused);
        Assert.Equal(FileRefusal.Forbidden, refused.Refusal);
        Assert.False(File.Exists(target) && new FileInfo(target).Length > 0);
    }
}
