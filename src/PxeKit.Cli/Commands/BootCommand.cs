using System.CommandLine;
using PxeKit.Cli.Boot;
using PxeKit.Lab.Boot;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;
using Command = System.CommandLine.Command;

namespace PxeKit.Cli.Commands;

/// <summary><c>pxekit boot</c>: a VM network-boots in the lab from PxeKit; prints the timeline.</summary>
public static class BootCommand
{
    internal static readonly Option<string> Firmware = new("--firmware")
    {
        Description = "Client firmware. bios: SeaBIOS with iPXE's option ROM. uefi: OVMF (x64) with edk2's own PXE client, chainloaded into iPXE.",
        DefaultValueFactory = _ => "bios",
    };

    internal static readonly Option<string> Arch = new("--arch")
    {
        Description = "Client architecture: x86_64, or arm64 (UEFI on qemu-system-aarch64 virt, GRUB over TFTP; implies --firmware uefi).",
        DefaultValueFactory = _ => "x86_64",
    };

    internal static readonly Option<string> Nic = new("--nic")
    {
        Description = "QEMU NIC model: e1000, rtl8139 or virtio-net-pci. Default: e1000 for BIOS, virtio-net-pci for UEFI.",
    };

    internal static readonly Option<string> Expect = new("--expect")
    {
        Description = "Console text that means the boot succeeded. Default: the marker the fixtures' initramfs prints.",
        DefaultValueFactory = _ => BootFixture.Marker,
    };

    internal static readonly Option<int> Timeout = new("--timeout")
    {
        Description = "Seconds before a boot that has not shown the marker counts as failed.",
        DefaultValueFactory = _ => 120,
    };

    internal static readonly Option<string> Root = new("--root")
    {
        Description = "Boot tree to serve (default: the fixtures, built if missing).",
    };

    internal static readonly Option<bool> Explain = new("--explain")
    {
        Description = "Print the shell commands equivalent to each lab step (ip, pxekit serve, qemu).",
    };

    internal static readonly Option<bool> Http = new("--http")
    {
        Description = "BIOS: boot the kernel through an iPXE script over HTTP instead of pxelinux over TFTP. UEFI: UEFI HTTP Boot instead of PXE "
            + "(over IPv6 with --ipv6).",
    };

    internal static readonly Option<bool> Proxy = new("--proxy")
    {
        Description = "Run a third-party DHCP server (dnsmasq, addresses only) on the lab network and PxeKit as proxyDHCP beside it.",
    };

    internal static readonly Option<bool> OtherDhcp = new("--other-dhcp")
    {
        Description = "Also run a third-party DHCP server (dnsmasq, addresses only) on the lab network while PxeKit is a full server: the rogue-server fault.",
    };

    internal static readonly Option<bool> NoDhcp = new("--no-dhcp")
    {
        Description = "PxeKit serves files only (TFTP, HTTP) while a third-party DHCP server (dnsmasq) hands out addresses with no boot information: the fault of a network whose DHCP server was never set up for PXE.",
    };

    internal static readonly Option<string> BridgeTo = new("--bridge-to")
    {
        Description = "Boot against whatever PXE server is on an existing bridge (e.g. br0 holding your LAN's NIC), not PxeKit: the VM's tap joins the bridge, "
            + "and the timeline and causes come from a capture on the tap. The tap is removed afterwards.",
    };

    internal static readonly Option<string> BootFile = new("--bootfile")
    {
        Description = "The program PxeKit offers over TFTP, under the root, instead of the usual path (pxelinux.0 for BIOS, ipxe.efi then a kernel for UEFI). "
            + "undionly.kpxe reproduces an iPXE chainload loop; pxelinux.0 with --firmware uefi a BIOS program sent to UEFI.",
    };

    internal static readonly Option<bool> Ipv6 = new("--ipv6")
    {
        Description = "x64 over IPv6 only: edk2's PXE client asks DHCPv6 (PxeKit advertises the lab's fd00:47::/64 with the managed flag), "
            + "fetches ipxe.efi over TFTP on IPv6, and iPXE boots the kernel over HTTP on IPv6; UEFI unless --firmware bios is given, "
            + "which boots QEMU's iPXE ROM over DHCPv6 and HTTP on IPv6. "
            + "With --http, edk2's HTTP Boot client fetches ipxe.efi over HTTP on IPv6 instead, after a 5 s wait that Debian 12's OVMF needs "
            + "(a firmware bug, docs/lab.md).",
    };

    internal static readonly Option<bool> DualStack = new("--dual-stack")
    {
        Description = "A dual-stack lab network: PxeKit answers DHCPv4 and DHCPv6 (with a managed-flag advertisement for the lab's fd00:47::/64) "
            + "from the same profile. The firmware boots over IPv4 (UEFI: edk2 PXE, then ipxe.efi; BIOS: QEMU's iPXE ROM), iPXE configures both "
            + "and boots the kernel over HTTP.",
    };

    internal static readonly Option<bool> SecureBoot = new("--secure-boot")
    {
        Description = "UEFI x64 firmware that enforces Secure Boot (OVMF with Microsoft's keys), booted through Debian's signed shim, GRUB and kernel "
            + "(a profile with chain: shim); implies --firmware uefi. With --bootfile ipxe.efi: an unsigned program, refused by the firmware.",
    };

    private static readonly string[] Nics = ["e1000", "rtl8139", "virtio-net-pci"];

    public static Command Create()
    {
        var command = new Command("boot", """
            Network-boot a QEMU VM in the lab from PxeKit and print its timeline: DHCP, every file fetched over
            TFTP, kernel start, marker. Brings the lab up if it is not (and removes it again afterwards).
            A failed boot ends with its cause and the fix ("Cause: ..."), then the last console lines.
            With --bridge-to, the VM boots from the PXE server already on that bridge instead, as in the
            article this tool grew from, and the story is read from a capture on the VM's tap.
            Exit status: 0 when the marker appeared, 1 when the boot failed, 2 for bad usage.

            Examples:
              sudo pxekit boot                              BIOS, pxelinux over TFTP
              sudo pxekit boot --firmware uefi --proxy      UEFI beside dnsmasq, PxeKit as proxyDHCP (port 4011)
              sudo pxekit boot --bridge-to br0              debug the PXE server on your LAN, whatever it is
              sudo pxekit boot --bootfile undionly.kpxe     reproduce an iPXE chainload loop and see it named
              sudo pxekit boot --secure-boot                Secure Boot: shim, GRUB and the signed kernel
              sudo pxekit boot --ipv6                       UEFI over IPv6: DHCPv6, TFTP and HTTP on IPv6
              sudo pxekit boot --ipv6 --http                UEFI HTTP Boot over IPv6: DHCPv6, then HTTP only
              sudo pxekit boot --dual-stack                 BIOS on a network where DHCPv4 and DHCPv6 both answer
            """)
        {
            Firmware, Arch, Nic, SecureBoot, Ipv6, DualStack, Http, Proxy, OtherDhcp, NoDhcp, BootFile, BridgeTo, Expect, Timeout, Root, Explain,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var request = Parse(parse, out var error);
            if (request is null)
            {
                Console.Error.WriteLine($"pxekit: {error}");
                return Task.FromResult(ExitCodes.BadConfiguration);
            }

            var run = new BootRun(Console.Out, Console.Error);
            return parse.GetValue(BridgeTo) is { } bridge
                ? run.BridgedAsync(request, bridge, cancellationToken)
                : run.LabAsync(request, cancellationToken);
        });
        return command;
    }

    internal static BootRequest? Parse(ParseResult parse, out string? error)
    {
        error = null;
        var arch = parse.GetValue(Arch);
        var arm64 = arch == "arm64";
        var secureBoot = parse.GetValue(SecureBoot);
        var ipv6 = parse.GetValue(Ipv6);
        var firmware = parse.GetResult(Firmware) is null or { Implicit: true } && (arm64 || secureBoot || ipv6) ? "uefi" : parse.GetValue(Firmware);
        var uefi = firmware == "uefi";
        var nic = parse.GetValue(Nic) ?? (uefi ? QemuOptions.VirtioNet : "e1000");
        var root = parse.GetValue(Root);
        int timeout = parse.GetValue(Timeout);
        if (arch is not ("x86_64" or "arm64"))
        {
            error = $"architecture '{arch}' is not supported: give x86_64 or arm64.";
        }
        else if (arm64 && !uefi)
        {
            error = "arm64 machines boot with UEFI only: leave out --firmware or give --firmware uefi.";
        }
        else if (arm64 && parse.GetValue(Http))
        {
            error = "--http with arm64 is not supported yet: Debian ships no arm64 iPXE, so the lab boots arm64 through GRUB over TFTP.";
        }
        else if (secureBoot && (arm64 || firmware != "uefi" || parse.GetValue(Http) || parse.GetValue(BridgeTo) is not null))
        {
            error = "--secure-boot boots OVMF for x64 over PXE from PxeKit's lab server: leave out --firmware bios, --arch arm64, --http and --bridge-to.";
        }
        else if (ipv6 && (arm64 || (firmware == "bios" && parse.GetValue(Http)) || secureBoot || parse.GetValue(BridgeTo) is not null
            || parse.GetValue(Proxy) || parse.GetValue(OtherDhcp) || parse.GetValue(NoDhcp) || parse.GetValue(BootFile) is not null))
        {
            error = "--ipv6 boots x64 over IPv6 from PxeKit's lab server: OVMF with PXE or, with --http, HTTP Boot; with --firmware bios, QEMU's iPXE ROM "
                + "(which boots over HTTP anyway, so leave out --http). Leave out --arch arm64, --secure-boot, --proxy, --other-dhcp, --no-dhcp, --bootfile and --bridge-to.";
        }
        else if (parse.GetValue(DualStack) && (ipv6 || arm64 || secureBoot || parse.GetValue(Http) || parse.GetValue(BridgeTo) is not null
            || parse.GetValue(Proxy) || parse.GetValue(OtherDhcp) || parse.GetValue(NoDhcp) || parse.GetValue(BootFile) is not null))
        {
            error = "--dual-stack boots x64 (UEFI or BIOS) over PXE from PxeKit's lab server answering DHCPv4 and DHCPv6: leave out --ipv6, --arch arm64, "
                + "--secure-boot, --http, --proxy, --other-dhcp, --no-dhcp, --bootfile and --bridge-to.";
        }
        else if (firmware is not ("bios" or "uefi"))
        {
            error = $"firmware '{firmware}' is not supported: give bios or uefi.";
        }
        else if (uefi && nic != QemuOptions.VirtioNet)
        {
            error = $"UEFI boots here with {QemuOptions.VirtioNet} (edk2 drives it itself); {nic} would boot QEMU's iPXE ROM instead.";
        }
        else if (!Nics.Contains(nic))
        {
            error = $"NIC '{nic}' is not one of {string.Join(", ", Nics)}.";
        }
        else if (timeout is < 5 or > 3600)
        {
            error = $"--timeout {timeout} is outside 5..3600 seconds.";
        }
        else if (new[] { parse.GetValue(Proxy), parse.GetValue(OtherDhcp), parse.GetValue(NoDhcp) }.Count(on => on) > 1)
        {
            error = "--proxy, --other-dhcp and --no-dhcp each put a third-party DHCP server on the lab network in a different role: give one of them.";
        }
        else if (parse.GetValue(BridgeTo) is not null && (parse.GetValue(Proxy) || parse.GetValue(OtherDhcp) || parse.GetValue(NoDhcp) || parse.GetValue(BootFile) is not null || root is not null || arm64))
        {
            error = "--bridge-to boots from the servers already on that bridge: --proxy, --other-dhcp, --no-dhcp, --bootfile and --root configure PxeKit's own lab server, and arm64 is not supported there yet.";
        }
        else if (parse.GetValue(BootFile) is not null && (arm64 || parse.GetValue(Http)))
        {
            error = "--bootfile applies to PXE over TFTP on x86_64 (with --http, iPXE boots a kernel; arm64 boots GRUB).";
        }
        else if (root is not null && !Directory.Exists(root))
        {
            error = $"the boot root {root} does not exist.";
        }

        return error is null
            ? new BootRequest
            {
                Root = root,
                Firmware = arm64 ? QemuFirmware.UefiArm64 : uefi ? QemuFirmware.Uefi : QemuFirmware.Bios,
                SecureBoot = secureBoot,
                Stack = ipv6 ? BootIpStack.Ipv6 : parse.GetValue(DualStack) ? BootIpStack.DualStack : BootIpStack.Ipv4,
                Nic = nic,
                Marker = parse.GetValue(Expect) ?? BootFixture.Marker,
                Timeout = TimeSpan.FromSeconds(timeout),
                Explain = parse.GetValue(Explain),
                Http = parse.GetValue(Http),
                Proxy = parse.GetValue(Proxy),
                OtherDhcp = parse.GetValue(OtherDhcp),
                NoDhcp = parse.GetValue(NoDhcp),
                BootFile = parse.GetValue(BootFile),
            }
            : null;
    }
}
