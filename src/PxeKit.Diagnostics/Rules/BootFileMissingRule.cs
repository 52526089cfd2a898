using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// Fault d: a file the client asked for and the server said does not exist (TFTP ERROR 1, HTTP 404), that no later
/// request got either. Decided when the evidence is complete (the boot is over, the capture read whole): until then a
/// later request may still get it. From the host's inspection (doctor): a file the configuration sends that is not
/// under the boot root, with the same fix.
/// </summary>
public sealed class BootFileMissingRule : UndeliveredFileRule
{
    protected override bool IsFailure(BootEvent e) => IsNotFound(e) || e is { Step: BootStep.HostBootFile, BootFile.State: BootFileState.Missing };

    protected override Verdict? Judge(ClientState client, BootEvent missing, RuleContext context) => Verdict.Of(
        FaultId.BootFileMissing,
        client.Key,
        missing.BootFile is { } configured
            ? $"{missing.File} ({configured.Purpose}) is not on this host: every client sent it fails to boot."
            : $"{client.Key} asked for {missing.File} and the {Protocol(missing)} server{At(missing)} does not have it.",
        missing.BootFile is { Path: { } path } ? $"There is no {path}." : Answer(missing),
        $"put {EventKinds.FileName(missing.File!)} in {(context.Options.BootRoot is { } root ? $"the boot root {root}" : "the server's boot root")}, "
            + "or correct the name that points to it (the boot file, option 67, a profile, an iPXE script or the boot loader's configuration)",
        missing);

    internal static bool IsNotFound(BootEvent e) =>
        e is { Step: BootStep.TftpRefused, Tftp.ErrorCode: TftpErrorCode.FileNotFound } or { Step: BootStep.HttpFailed, Http.Status: 404 };

    internal static string Protocol(BootEvent e) => e.Step is BootStep.TftpRefused or BootStep.TftpFailed ? "TFTP" : "HTTP";

    internal static string At(BootEvent e) => e.Server is { } server ? $" at {server}" : "";

    internal static string Answer(BootEvent e) => e switch
    {
        { Tftp.ErrorCode: { } code } => $"The server answered TFTP ERROR {(int)code} ({code}).",
        { Http.Status: { } status } => $"The server answered HTTP {status}.",
        _ => "",
    };
}
