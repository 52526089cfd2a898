using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Protocol.Dhcp;
using static PxeKit.Diagnostics.Tests.Rules.Ev;

namespace PxeKit.Diagnostics.Tests.Rules;

public sealed class WrongFirmwareRuleTests : IDisposable
{
    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task A_bios_program_sent_to_uefi_firmware_is_named_at_its_delivery_from_the_format_the_event_carries()
    {
        _engine.Feed(Request(arch: ClientArchitecture.EfiBc), Reply(file: "pxelinux.0"), Delivered("pxelinux.0", ProgramFormat.NotEfi));

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal(FaultId.WrongFirmwareProgram, verdict.Fault);
        Assert.Equal("52:54:00:12:34:56 is UEFI x64 firmware and was sent pxelinux.0, which is not an EFI program (a BIOS boot program or data): that firmware cannot run it.", verdict.Cause);
    }

    [Fact]
    public async Task An_x64_program_sent_over_http_boot_to_arm64_firmware_is_named_by_its_url()
    {
        _engine.Feed(
            Request(arch: ClientArchitecture.EfiArm64Http),
            Reply(file: "http://10.47.0.1/ipxe.efi"),
            Delivered("/ipxe.efi", ProgramFormat.EfiX64, BootStep.HttpComplete));

        Assert.Contains("UEFI arm64 firmware and was sent /ipxe.efi, which is PE32+ x64", Assert.Single(await _engine.SaidAsync()).Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Programs_that_fit_their_firmware_and_what_ipxe_fetches_later_are_no_alarm()
    {
        _engine.Feed(Request(arch: ClientArchitecture.EfiBc, xid: 1), Reply(file: "ipxe.efi", xid: 1), Delivered("ipxe.efi", ProgramFormat.EfiX64));
        // iPXE then asks again and is given a script, and fetches the kernel and initrd: none is the firmware's program.
        _engine.Feed(Request(arch: ClientArchitecture.EfiBc, userClass: "iPXE", xid: 2), Reply(file: "http://10.47.0.1/boot.ipxe", xid: 2));
        _engine.Feed(Delivered("/boot.ipxe", ProgramFormat.NotEfi, BootStep.HttpComplete), Delivered("/initrd.gz", ProgramFormat.NotEfi, BootStep.HttpComplete));
        _engine.Feed(Request(arch: ClientArchitecture.IntelX86Pc, mac: "52:54:00:00:00:02") , Reply(file: "pxelinux.0") with { Mac = "52:54:00:00:00:02", Address = "10.47.0.62" },
            Delivered("pxelinux.0", ProgramFormat.NotEfi) with { Address = "10.47.0.62" });

        Assert.Empty(await _engine.SaidAsync());
    }
}
