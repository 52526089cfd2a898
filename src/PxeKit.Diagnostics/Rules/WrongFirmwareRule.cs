using PxeKit.Core.Collections;
using PxeKit.Core.Events;
using PxeKit.Core.Files;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// Fault e: a boot program built for other firmware (a BIOS program to UEFI, an x64 program to arm64). The client's
/// architecture comes from its DHCP request (option 93), the boot file from the reply to the firmware (not to iPXE,
/// whose boot files are scripts), and the program's format from the first bytes of the file delivered: on disk for
/// serve, from the first DATA block or HTTP body for a capture. Said at the delivery. From the host's inspection
/// (doctor): a configured file whose format is not what the firmware it is sent to runs, with the same fix.
/// </summary>
public sealed class WrongFirmwareRule : IFaultRule
{
    private const string Fix = "send a program built for that firmware (undionly.kpxe or pxelinux.0 for BIOS, ipxe.efi or grubx64.efi for UEFI x64, "
        + "grubaa64.efi for ARM64), for example with a profile matched by arch";

    private sealed class Firmware : IRuleState
    {
        /// <summary>The transactions of its last iPXE requests: bounded, as a client may send as many as it likes.</summary>
        public RecentQueue<uint> IpxeRequests { get; } = new(8);

        public HashSet<string> BootFiles { get; } = new(StringComparer.Ordinal);

        public void Clear()
        {
            IpxeRequests.Clear();
            BootFiles.Clear();
        }
    }

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        if (bootEvent is { Step: BootStep.HostBootFile, BootFile: { State: BootFileState.Present, Firmware: { } target } configured, Format: { } found }
            && Expected(target) is { } wanted && found != wanted)
        {
            context.Say(Verdict.Of(
                FaultId.WrongFirmwareProgram,
                "",
                $"{bootEvent.File} ({configured.Purpose}) is {ProgramFormats.Describe(found)}, and it is sent to {Describe(target)} firmware, which cannot run it.",
                $"The file's header says {ProgramFormats.Describe(found)}; {Describe(target)} firmware runs {ProgramFormats.Describe(wanted)}.",
                Fix,
                bootEvent), bootEvent.File!);
            return;
        }

        var firmware = client.Find<Firmware>();
        if (EventKinds.IsDhcpRequest(bootEvent) && bootEvent.Dhcp is { IsIpxe: true, Xid: var xid })
        {
            client.State<Firmware>().IpxeRequests.Add(xid);
        }
        else if (EventKinds.IsDhcpReply(bootEvent) && bootEvent is { File: { } file, Dhcp: { } reply }
            && !reply.IsIpxe && firmware?.IpxeRequests.Contains(reply.Xid) != true && (firmware?.BootFiles.Count ?? 0) < 8)
        {
            client.State<Firmware>().BootFiles.Add(EventKinds.FileName(file));
        }
        else if (EventKinds.IsDelivery(bootEvent) && bootEvent.Format is { } format && client.Architecture is { } arch
            && firmware?.BootFiles.Contains(EventKinds.FileName(bootEvent.File!)) == true
            && Expected(arch) is { } expected && format != expected)
        {
            context.Say(Verdict.Of(
                FaultId.WrongFirmwareProgram,
                client.Key,
                $"{client.Key} is {Describe(arch)} firmware and was sent {bootEvent.File}, which is {ProgramFormats.Describe(format)}: that firmware cannot run it.",
                $"Its DHCP request named architecture {(ushort)arch} ({arch}); the file's header says {ProgramFormats.Describe(format)}.",
                Fix,
                bootEvent));
        }
    }

    /// <summary>The program format firmware of <paramref name="arch"/> runs; null for architectures PxeKit does not judge.</summary>
    private static ProgramFormat? Expected(ClientArchitecture arch) => arch switch
    {
        ClientArchitecture.IntelX86Pc => ProgramFormat.NotEfi,
        ClientArchitecture.EfiBc or ClientArchitecture.EfiX64 or ClientArchitecture.EfiX64Http or ClientArchitecture.EfiBcHttp => ProgramFormat.EfiX64,
        ClientArchitecture.EfiIa32 or ClientArchitecture.EfiX86Http => ProgramFormat.EfiIa32,
        ClientArchitecture.EfiArm64 or ClientArchitecture.EfiArm64Http => ProgramFormat.EfiArm64,
        ClientArchitecture.EfiArm32 or ClientArchitecture.EfiArm32Http => ProgramFormat.EfiArm,
        _ => null,
    };

    private static string Describe(ClientArchitecture arch) => Expected(arch) switch
    {
        ProgramFormat.NotEfi => "BIOS",
        ProgramFormat.EfiX64 => "UEFI x64",
        ProgramFormat.EfiIa32 => "UEFI ia32",
        ProgramFormat.EfiArm64 => "UEFI arm64",
        _ => "UEFI arm",
    };
}
