using PxeKit.Core.Events;
using PxeKit.Core.Files;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// A boot file too large for the way it is sent, from the host's inspection (doctor). TFTP counts blocks in 16 bits:
/// past 65535 blocks a client must roll the counter over, which some firmware cannot; nearly all PXE firmware asks for
/// 1468-byte blocks, and a client that negotiates nothing gets RFC 1350's 512 (likely, not certain, to matter). A BIOS PXE
/// ROM loads its program below 640 KiB, so a large BIOS program may not fit.
/// </summary>
public sealed class BootFileTooLargeRule : IFaultRule
{
    private const long MaxBlocks = 65535;
    private const long FirmwareBlockSize = 1468;
    private const long PlainBlockSize = 512;
    private const long BiosProgramLimit = 512 * 1024;

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(context);
        if (bootEvent is not { Step: BootStep.HostBootFile, BootFile: { State: BootFileState.Present, OverTftp: true } file, Bytes: long size, File: { } name })
        {
            return;
        }

        var sized = $"{name} ({file.Purpose}) is {ByteSize.Describe(size)}";
        if (size > MaxBlocks * FirmwareBlockSize)
        {
            Say(context, bootEvent, Confidence.Certain,
                $"{sized}: over TFTP that is more than 65535 blocks even at {FirmwareBlockSize} bytes, and firmware that cannot roll the block number over stops at {ByteSize.Describe(MaxBlocks * FirmwareBlockSize)}.");
        }
        else if (size > MaxBlocks * PlainBlockSize)
        {
            Say(context, bootEvent, Confidence.Likely,
                $"{sized}: clients that use {PlainBlockSize}-byte TFTP blocks and cannot roll the block number over stop at {ByteSize.Describe(MaxBlocks * PlainBlockSize)}.");
        }

        if (file.Firmware == ClientArchitecture.IntelX86Pc && size > BiosProgramLimit)
        {
            context.Say(Verdict.Of(
                FaultId.BootFileTooLarge,
                "",
                $"{sized}: a BIOS PXE ROM loads its program below 640 KiB, so a program this large may not fit.",
                "",
                "chainload a small program first (undionly.kpxe, pxelinux.0) that fetches the rest",
                bootEvent) with { Confidence = Confidence.Likely }, $"{name} bios");
        }
    }

    private static void Say(RuleContext context, BootEvent bootEvent, Confidence confidence, string cause) =>
        context.Say(Verdict.Of(FaultId.BootFileTooLarge, "", cause, "", "send it over HTTP (through iPXE), or split it", bootEvent) with { Confidence = confidence },
            $"{bootEvent.File} tftp");
}
