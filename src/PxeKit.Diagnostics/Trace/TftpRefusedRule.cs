using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Diagnostics.Trace;

/// <summary>
/// A file the client asked for and the server refused with a TFTP ERROR (or HTTP 4xx), that no later
/// request got. The names boot loaders try before their real configuration (pxelinux.cfg/01-MAC,
/// grub.cfg-ADDRESS, ...) are expected to be missing and are not faults.
/// </summary>
public sealed class TftpRefusedRule : IWireRule
{
    public IEnumerable<Verdict> Check(ClientTrace client, IReadOnlyList<ClientTrace> everyone)
    {
        ArgumentNullException.ThrowIfNull(client);
        var delivered = client.Transfers.Where(t => t.Outcome == TftpOutcome.Complete).Select(t => Normalize(t.File)).ToHashSet(StringComparer.Ordinal);
        foreach (var refused in client.Transfers.Where(t => t.Outcome == TftpOutcome.Refused && !BootLoaderProbe.Is(t.File) && !delivered.Contains(Normalize(t.File)))
            .DistinctBy(t => t.File))
        {
            // Some servers say "file not found" with ERROR 0: the peer's own message is evidence too.
            bool notFound = refused.ErrorCode == (int)TftpErrorCode.FileNotFound || refused.Error?.Contains("not found", StringComparison.OrdinalIgnoreCase) == true;
            yield return notFound
                ? Verdict.Of(
                    FaultId.BootFileMissing,
                    client.Key,
                    $"The boot file {refused.File} is missing on the TFTP server.",
                    $"{client.Key} asked {refused.Server} for {refused.File} and the server answered ERROR {refused.ErrorCode} \"{refused.Error}\".",
                    $"Put {refused.File} in the TFTP root of {refused.Server}, or correct the name that points to it (the boot file, option 67, or the boot loader's configuration).")
                : Verdict.Of(
                    FaultId.BootFileRefused,
                    client.Key,
                    $"The TFTP server refused {refused.File}.",
                    $"{client.Key} asked {refused.Server} for {refused.File} and the server answered ERROR {refused.ErrorCode} \"{refused.Error}\".",
                    $"Make {refused.File} readable by the TFTP server on {refused.Server} (permissions, its root or its secure mode), as the error says.");
        }

        foreach (var failed in client.Events.Where(e => e is { Step: BootStep.HttpFailed, Http.Status: 404 }).DistinctBy(e => e.File))
        {
            yield return Verdict.Of(
                FaultId.BootFileMissing,
                client.Key,
                $"The file {failed.File} is missing on the HTTP server.",
                $"{client.Key} asked for {failed.File} with {failed.Http!.Method} and the server answered 404 Not Found.",
                $"Put {failed.File} where the HTTP server serves it, or correct the URL (the boot file, or the iPXE script) that names it.");
        }
    }

    private static string Normalize(string file) => file.TrimStart('/');
}
