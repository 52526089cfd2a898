using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Diagnostics.Trace;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// Fault d: a file the client asked for and the server said does not exist (TFTP ERROR 1, HTTP 404), that no later
/// request got either. Names boot loaders try on purpose before their real configuration are not faults. Decided when
/// the evidence is complete (the boot is over, the capture read whole): until then a later request may still get it.
/// </summary>
public sealed class BootFileMissingRule : IFaultRule
{
    private sealed class Files
    {
        public List<BootEvent> Missing { get; } = [];

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
        else if (IsNotFound(bootEvent) && bootEvent.File is { } file && !BootLoaderProbe.Is(file) && files.Missing.Count < 16)
        {
            files.Missing.Add(bootEvent);
        }
    }

    public void Finish(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var client in context.Clients)
        {
            var files = client.State<Files>();
            foreach (var missing in files.Missing.Where(m => !files.Delivered.Contains(EventKinds.FileName(m.File!))).DistinctBy(m => EventKinds.FileName(m.File!)))
            {
                context.Say(Verdict.Of(
                    FaultId.BootFileMissing,
                    client.Key,
                    $"{client.Key} asked for {missing.File} and the {Protocol(missing)} server{At(missing)} does not have it.",
                    Answer(missing),
                    $"put {EventKinds.FileName(missing.File!)} in {(context.Options.BootRoot is { } root ? $"the boot root {root}" : "the server's boot root")}, or correct the name that points to it (the boot file, option 67, a profile, an iPXE script or the boot loader's configuration)",
                    missing), $"{client.Key} {missing.File}");
            }
        }
    }

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
