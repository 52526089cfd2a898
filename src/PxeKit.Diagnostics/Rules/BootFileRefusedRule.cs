using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Diagnostics.Trace;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// A file the server refused for another reason than its absence (TFTP access violation, HTTP 403): permissions, the
/// jail, a secure mode. Decided when the evidence is complete, as a later request may still get it.
/// </summary>
public sealed class BootFileRefusedRule : IFaultRule
{
    private sealed class Files
    {
        public List<BootEvent> Refused { get; } = [];

        public HashSet<string> Delivered { get; } = new(StringComparer.Ordinal);
    }

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        var files = client.State<Files>();
        if (EventKinds.IsDelivery(bootEvent))
        {
            files.Delivered.Add(EventKinds.FileName(bootEvent.File!));
        }
        else if (IsRefused(bootEvent) && bootEvent.File is { } file && !BootLoaderProbe.Is(file) && files.Refused.Count < 16)
        {
            files.Refused.Add(bootEvent);
        }
    }

    public void Finish(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var client in context.Clients)
        {
            var files = client.State<Files>();
            foreach (var refused in files.Refused.Where(m => !files.Delivered.Contains(EventKinds.FileName(m.File!))).DistinctBy(m => EventKinds.FileName(m.File!)))
            {
                context.Say(Verdict.Of(
                    FaultId.BootFileRefused,
                    client.Key,
                    $"The {BootFileMissingRule.Protocol(refused)} server{BootFileMissingRule.At(refused)} refused {refused.File} to {client.Key}.",
                    BootFileMissingRule.Answer(refused),
                    $"make {EventKinds.FileName(refused.File!)} readable by the server (permissions, its root, its secure mode), as the error says",
                    refused), $"{client.Key} {refused.File}");
            }
        }
    }

    /// <summary>A TFTP ERROR other than file-not-found (code 0 with a server's own words counts: the words are not ours to read), or an HTTP 403.</summary>
    private static bool IsRefused(BootEvent e) =>
        !BootFileMissingRule.IsNotFound(e) && e is { Step: BootStep.TftpRefused, Tftp.ErrorCode: not null } or { Step: BootStep.HttpFailed, Http.Status: 403 };
}
