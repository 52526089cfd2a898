using System.Text;
using PxeKit.Core.Events;
using PxeKit.Protocol.Tftp;
using PxeKit.Server.Boot;
using PxeKit.Server.Tests.Tftp;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Boot;

/// <summary>
/// The generated GRUB configuration of a <c>chain: shim</c> profile reaches GRUB over the real TFTP server on loopback,
/// asked before the root (nothing is on disk); names the server does not make are served from the root as before, and
/// the delivery of a program on disk says whether it is signed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GrubConfigFilesTftpTests(ITestOutputHelper output)
{
    private static readonly BootProfile Secure = new() { Name = "secure", Kernel = "vmlinuz", CommandLine = "console=ttyS0", Chain = BootChain.Shim };

    [Fact]
    public async Task Tftp_serves_the_generated_grub_cfg_for_the_machine_named_and_the_roots_files_as_they_are()
    {
        var policy = new ProfileBootPolicy([Secure], new IpxeBinaries(), null, new InMemoryBootOnceStore());
        await using var host = TftpTestHost.Start(output, o => o with { Generated = new GrubConfigFiles(policy) });
        await File.WriteAllTextAsync(Path.Combine(host.Root.Path, "plain.cfg"), "plain\n");

        var config = await ReadAsync(host, "/grub/grub.cfg-01-52:54:00:12:34:56");
        Assert.Contains("linux '/vmlinuz' 'console=ttyS0'\n", config, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(host.Root.Path, "grub", "grub.cfg-01-52:54:00:12:34:56")));
        Assert.Equal("plain\n", await ReadAsync(host, "plain.cfg"));
        var plain = await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete && e.File == "plain.cfg");
        Assert.Equal(ProgramSignature.NotPe, plain.Signature);
    }

    private static async Task<string> ReadAsync(TftpTestHost host, string name)
    {
        using var client = new RawTftpClient();
        await client.SendRequestAsync(host.EndPoint, Encoding.ASCII.GetBytes(name));
        var data = await client.ExpectAsync(TftpOpcode.Data);
        await client.SendAckAsync(data.RemoteEndPoint, 1);
        await host.WaitForEventAsync(e => e.Step == BootStep.TftpComplete && e.File == name);
        return Encoding.UTF8.GetString(data.Buffer.AsSpan(4));
    }
}
