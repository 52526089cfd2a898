using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// A file the server refused for another reason than its absence (TFTP access violation, HTTP 403): permissions, the
/// jail, a secure mode. Decided when the evidence is complete, as a later request may still get it. From the host's
/// inspection (doctor): a file the configuration sends that is there and cannot be read.
/// </summary>
public sealed class BootFileRefusedRule : UndeliveredFileRule
{
    /// <summary>A TFTP ERROR other than file-not-found, or an HTTP 403.</summary>
    protected override bool IsFailure(BootEvent e) =>
        (!BootFileMissingRule.IsNotFound(e) && e is { Step: BootStep.TftpRefused, Tftp.ErrorCode: not null } or { Step: BootStep.HttpFailed, Http.Status: 403 })
        || e is { Step: BootStep.HostBootFile, BootFile.State: BootFileState.Unreadable };

    protected override Verdict? Judge(ClientState client, BootEvent refused, RuleContext context) => Verdict.Of(
        FaultId.BootFileRefused,
        client.Key,
        refused.BootFile is { } configured
            ? $"{refused.File} ({configured.Purpose}) is on this host and cannot be read, so the server refuses it to every client."
            : $"The {BootFileMissingRule.Protocol(refused)} server{BootFileMissingRule.At(refused)} refused {refused.File} to {client.Key}.",
        refused.BootFile is { Path: { } path, Reason: var reason } ? $"Opening {path} failed: {reason}" : BootFileMissingRule.Answer(refused),
        $"make {EventKinds.FileName(refused.File!)} readable by the server (permissions, its root, its secure mode), as the error says",
        refused);
}
