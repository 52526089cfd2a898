using System.Globalization;
using System.Text.Json;
using PxeKit.Core.Events;

namespace PxeKit.Core.Systemd;

/// <summary>
/// A journal event as a journald entry: the sentence as <c>MESSAGE</c>, and the typed fields as journal fields, so
/// that <c>journalctl -u pxekit MAC=52:54:00:12:34:56</c>, <c>STEP=TftpFailed</c> or <c>FAULT_ID=boot-file-missing</c>
/// find a client's steps or a fault. Steps and fault ids are written as the events file writes them (docs/events.md).
/// </summary>
public static class BootEventJournalFields
{
    /// <summary>The fields of <paramref name="e"/>, with <paramref name="message"/> (its rendering) as <c>MESSAGE</c>.</summary>
    public static JournalFields For(BootEvent e, string message)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new JournalFields()
            .Add("MESSAGE", message)
            .Add("PRIORITY", Priority(e.Step).ToString(CultureInfo.InvariantCulture))
            .Add("SYSLOG_IDENTIFIER", "pxekit")
            .Add("STEP", e.Step.ToString())
            .Add("MAC", e.Mac)
            .Add("CLIENT_ADDRESS", e.Address)
            .Add("BOOT_FILE", e.File)
            .Add("FAULT_ID", e.Verdict is { } verdict ? JsonSerializer.Serialize(verdict.Fault, JournalJsonContext.Default.FaultId).Trim('"') : null);
    }

    /// <summary>syslog(3)'s levels: 3 error, 4 warning, 5 notice, 6 info.</summary>
    public static int Priority(BootStep step) => step switch
    {
        BootStep.LeaseStoreFailed => 3,
        BootStep.Diagnosis or BootStep.DhcpReplyDropped or BootStep.TftpFailed or BootStep.TftpRefused or BootStep.HttpFailed
            or BootStep.ConsoleError or BootStep.EventsDropped or BootStep.BootApiFailed => 4,
        BootStep.ServerReady or BootStep.LeaseStoreRecovered => 5,
        _ => 6,
    };
}
