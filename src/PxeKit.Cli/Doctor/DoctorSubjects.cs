using PxeKit.Core.Interop;
using PxeKit.Core.Processes;
using PxeKit.Diagnostics.Doctor;
using PxeKit.Host;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;

namespace PxeKit.Cli.Doctor;

/// <summary>What the doctor examines, from a <c>serve</c> configuration: its interface, root and every file it sends.</summary>
internal static class DoctorSubjects
{
    public static DoctorSubject From(ServeSettings settings) => new()
    {
        // The doctor examines one interface: the first served.
        Interface = settings.Interfaces[0].Name,
        Address = settings.Interfaces[0].Address,
        Root = settings.Root,
        HttpPort = settings.HttpPort,
        Sockets = settings.Sockets,
        Dhcp6 = settings.Dhcp6 is not null,
        RouterAdvertisements = settings.RouterAdvertisements != Server.Ipv6.RouterAdvertisementMode.Off,
        BootFiles = BootFiles(settings).DistinctBy(u => (u.Path, u.Firmware)).ToList(),

        ServingUser = ServingUserHere(),
    };

    /// <summary>Run as root, the doctor judges the files as the user serve would become (the default one: serve --user may differ).</summary>
    public static UnixUser? ServingUserHere() => Privileges.IsRoot ? ServingUser.Resolve(null, out _) : null;

    private static IEnumerable<BootFileUse> BootFiles(ServeSettings settings)
    {
        bool chainloads = false;
        var kernelTargets = new HashSet<BootFileTarget?>();
        foreach (var profile in settings.Profiles)
        {
            var target = Target(profile.Match);
            if (profile.Program is { } program)
            {
                bool http = profile.Match.VendorClassPrefix?.StartsWith("HTTPClient", StringComparison.Ordinal) == true
                    || (profile.Match.Architectures.Count > 0 && profile.Match.Architectures.All(PxeClientRequest.IsHttpBoot));
                yield return new BootFileUse(program, $"boot program of profile \"{profile.Name}\"", !http, target);
            }

            if (profile is { Kernel: { } signedKernel, Chain: BootChain.Shim })
            {
                // shim, the GRUB beside it and the kernel go over TFTP; the firmware runs shim, shim runs GRUB. A profile for
                // any architecture is taken as x64's (the arm64 pair is checked for profiles that match arm64).
                foreach (var (firmware, bootTarget) in new[] { (ClientFirmware.UefiX64, BootFileTarget.UefiX64), (ClientFirmware.UefiArm64, BootFileTarget.UefiArm64) })
                {
                    if (target == bootTarget || (target is null && bootTarget == BootFileTarget.UefiX64))
                    {
                        yield return new BootFileUse(GrubConfig.ShimFor(firmware)!, $"shim of profile \"{profile.Name}\" (chain: shim)", true, bootTarget);
                        yield return new BootFileUse(GrubConfig.GrubFor(firmware)!, $"GRUB of profile \"{profile.Name}\", loaded by shim", true, bootTarget);
                    }
                }

                yield return new BootFileUse(signedKernel, $"kernel of profile \"{profile.Name}\", over TFTP through GRUB", true, null);
                foreach (var initrd in profile.Initrds)
                {
                    yield return new BootFileUse(initrd, $"initrd of profile \"{profile.Name}\", over TFTP through GRUB", true, null);
                }
            }
            else if (profile.Kernel is { } kernel)
            {
                chainloads = true;
                kernelTargets.Add(target);
                yield return new BootFileUse(kernel, $"kernel of profile \"{profile.Name}\", over HTTP", false, null);
                foreach (var initrd in profile.Initrds)
                {
                    yield return new BootFileUse(initrd, $"initrd of profile \"{profile.Name}\", over HTTP", false, null);
                }
            }
        }

        if (!chainloads)
        {
            yield break;
        }

        // Kernels boot through iPXE: firmware that is not iPXE yet is chainloaded into the build for it.
        if (kernelTargets.Contains(null) || kernelTargets.Contains(BootFileTarget.Bios))
        {
            yield return new BootFileUse(settings.Ipxe.Bios, "iPXE for BIOS clients", true, BootFileTarget.Bios);
        }

        if (kernelTargets.Contains(null) || kernelTargets.Contains(BootFileTarget.UefiX64))
        {
            yield return new BootFileUse(settings.Ipxe.UefiX64, "iPXE for UEFI x64 clients", true, BootFileTarget.UefiX64);
        }

        if (kernelTargets.Contains(BootFileTarget.UefiArm64))
        {
            yield return new BootFileUse(settings.Ipxe.UefiArm64, "iPXE for ARM64 UEFI clients", true, BootFileTarget.UefiArm64);
        }
    }

    /// <summary>
    /// The firmware a profile's program goes to, read from the whole of its match: the architectures listed, else the
    /// architecture its vendor class names (<c>PXEClient:Arch:00007</c>). A profile for iPXE (user class iPXE) has
    /// none: iPXE loads scripts, kernels and programs of either kind. Null for none, a mix, or iPXE.
    /// </summary>
    internal static BootFileTarget? Target(ProfileMatch match)
    {
        if (string.Equals(match.UserClass, "iPXE", StringComparison.Ordinal))
        {
            return null;
        }

        var architectures = match.Architectures.Count > 0 ? match.Architectures : [.. ArchitectureOfVendor(match.VendorClassPrefix)];
        var targets = architectures.Select(a => a switch
        {
            ClientArchitecture.IntelX86Pc => BootFileTarget.Bios,
            ClientArchitecture.EfiBc or ClientArchitecture.EfiX64 or ClientArchitecture.EfiX64Http => BootFileTarget.UefiX64,
            ClientArchitecture.EfiArm64 or ClientArchitecture.EfiArm64Http => BootFileTarget.UefiArm64,
            _ => (BootFileTarget?)null,
        }).Distinct().ToList();
        return targets.Count == 1 ? targets[0] : null;
    }

    /// <summary>The architecture a vendor class prefix names: <c>PXEClient:Arch:00007</c> is 7 (PXE 2.1, RFC 4578 section 2.1).</summary>
    private static IEnumerable<ClientArchitecture> ArchitectureOfVendor(string? prefix)
    {
        const string Marker = ":Arch:";
        int at = prefix?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        if (at >= 0 && prefix!.Length >= at + Marker.Length + 5
            && ushort.TryParse(prefix.AsSpan(at + Marker.Length, 5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var arch))
        {
            yield return (ClientArchitecture)arch;
        }
    }
}
