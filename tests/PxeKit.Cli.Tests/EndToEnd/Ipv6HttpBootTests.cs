using System.Net;
using System.Net.Sockets;
using PxeKit.Cli.Commands;
using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Lab.Boot;
using PxeKit.Lab.Fixtures;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// <c>pxekit boot --ipv6 --http</c> (issue 16): OVMF with its IPv4 stack and both PXE clients off boots UEFI HTTP Boot over
/// IPv6. It asks DHCPv6 as an HTTP Boot client (architecture 16, vendor class <c>HTTPClient</c>), takes PxeKit's answer
/// only because that answer echoes the vendor class, fetches ipxe.efi from the HTTP URL of option 59, and iPXE boots the
/// kernel over HTTP on IPv6. The request is what the command line makes of the flags; the boot is the lab's, whose
/// journal comes back typed.
/// <para>
/// Debian 12's OVMF gives up on HTTP Boot over IPv6 if it starts before the link-local address is ready; the lab's VM waits
/// 5 s at the boot menu first (docs/lab.md), and the firmware must get through on its first try: a failure would leave
/// the VM in the UEFI shell until the timeout.
/// </para>
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class Ipv6HttpBootTests
{
    [HostFact(Files = ["/usr/share/OVMF/OVMF_CODE_4M.fd"])]
    public async Task Uefi_http_boot_fetches_ipxe_efi_over_http_on_ipv6_and_boots_to_the_marker()
    {
        // 150 s for the VM: with software emulation, HTTP Boot over IPv6 took TIMES here (docs/lab.md).
        var request = BootCommand.Parse(BootCommand.Create().Parse(["--ipv6", "--http", "--timeout", "150"]), out var error);
        Assert.True(request is not null, error);
        var fixtures = await FixturesCommand.EnsureAsync(new FixtureOptions(), TextWriter.Null, CancellationToken.None);
        Assert.NotNull(fixtures);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(360));
        var progress = new StringWriter();

        var outcome = await new LabBoot(request, arguments => new Command("dotnet", [ServeProcess.PxekitDll, .. arguments]), new RecordingSink(), progress)
            .RunAsync(fixtures.Directory, bound.Token);

        var events = outcome.Events;
        var story = string.Join('\n', events.Select(e => $"{e.Step} {e.File} {e.Detail}")) + "\n" + progress + "\n" + string.Join('\n', outcome.Result.LastLines);
        Assert.True(outcome.Succeeded, story);
        Assert.Empty(outcome.Causes);

        // One try of the firmware's HTTP Boot was enough: it never said it failed.
        Assert.DoesNotContain(events, e => e.Step == BootStep.ConsoleError);

        // The firmware's Solicit is an HTTP Boot client's, and PxeKit's Advertise gives it ipxe.efi as an HTTP URL on IPv6.
        Assert.Contains(events, e => e.Step == BootStep.Dhcp6Solicit && e.Dhcp6!.Architecture == Protocol.Dhcp.ClientArchitecture.EfiX64Http
            && e.Dhcp6.VendorClass?.StartsWith("HTTPClient", StringComparison.Ordinal) == true);
        Assert.Contains(events, e => e.Step == BootStep.Dhcp6Advertise && e.File == "http://[fd00:47::1]/ipxe.efi");

        // The firmware's own fetch of ipxe.efi was HTTP (its size by HEAD, then a GET), from an IPv6 address of the lab's
        // /64; nothing went over TFTP.
        var ipxe = Assert.Single(events, e => e.Step == BootStep.HttpComplete && e.File?.TrimStart('/') == BootFixture.IpxeEfi && e.Http?.Method == "GET");
        Assert.Equal(AddressFamily.InterNetworkV6, IPAddress.Parse(ipxe.Address!).AddressFamily);
        Assert.StartsWith("fd00:47::", ipxe.Address, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Step is BootStep.TftpComplete or BootStep.TftpRequest);

        // Then iPXE: the kernel and the initrd over HTTP, and the marker after them.
        int Index(Func<BootEvent, bool> which) => events.Select((e, i) => (e, i)).First(p => which(p.e)).i;
        int kernel = Index(e => e.Step == BootStep.HttpComplete && e.File?.TrimStart('/') == BootFixture.Kernel);
        int initrd = Index(e => e.Step == BootStep.HttpComplete && e.File?.TrimStart('/') == BootFixture.Initrd);
        Assert.True(Index(e => e == ipxe) < kernel && kernel < initrd && initrd < Index(e => e.Step == BootStep.Marker), story);

        // Nothing of the boot used IPv4: no DHCPv4 answer (iPXE asks DHCPv4 too, and nothing answers it).
        Assert.DoesNotContain(events, e => e.Step is BootStep.DhcpOffer or BootStep.DhcpAck);
        Assert.DoesNotContain("pxk-lab", (await Sh.RunAsync("ip", "netns", "list")).Output, StringComparison.Ordinal);
    }
}
