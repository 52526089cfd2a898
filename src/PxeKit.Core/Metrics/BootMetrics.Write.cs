using System.Globalization;
using System.Text.Json;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Core.Metrics;

public sealed partial class BootMetrics
{
    /// <summary>Counts one journal event: each step feeds the instruments that are about it, from its typed fields.</summary>
    public void Write(BootEvent bootEvent)
    {
        try
        {
            Count(bootEvent);
        }
#pragma warning disable CA1031 // A metrics bug must not reach the journal and the listeners behind it: counted, and the event goes on.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failures);
        }
    }

    private void Count(BootEvent e)
    {
        if (e is { Step: BootStep.Diagnosis, Verdict: { } verdict })
        {
            // A verdict counts whichever source showed the fault.
            Verdicts.Add(1, Tag("fault", FaultName(verdict.Fault)));
            return;
        }

        // What a capture or a VM console saw is evidence for the diagnosis, not traffic the server handled.
        if (e.Source != EvidenceSource.Server)
        {
            return;
        }

        switch (e.Step)
        {
            case BootStep.DhcpDiscover or BootStep.DhcpRequest or BootStep.DhcpDecline or BootStep.DhcpRelease or BootStep.DhcpInform:
                DhcpReceived.Add(1, Tag("type", TypeOf(e)));
                RememberRequest(e);
                break;
            case BootStep.DhcpIgnored:
                DhcpIgnored.Add(1, Tag("type", TypeOf(e)), Tag("reason", Name(e.Dhcp?.IgnoreReason)));
                break;
            case BootStep.DhcpOffer or BootStep.DhcpAck or BootStep.DhcpNak:
                DhcpReplies.Add(1, Tag("type", TypeOf(e)));
                MeasureAck(e);
                break;
            case BootStep.DhcpReplyDropped:
                DhcpRepliesDropped.Add(1, Tag("type", TypeOf(e)), Tag("reason", Name(e.Dhcp?.ReplyFailure)));
                break;
            case BootStep.LeaseStoreFailed:
                LeaseStoreFailures.Add(1, Tag("reason", Name(e.LeaseStore)));
                break;
            case BootStep.TftpRequest:
                TftpStarted.Add(1, Tag("op", Op(e.Tftp)));
                break;
            case BootStep.TftpComplete:
                TftpCompleted.Add(1, Tag("op", Op(e.Tftp)));
                TftpBytes.Add(e.Bytes ?? 0, Tag("op", Op(e.Tftp)));
                if (e.Elapsed is { } elapsed)
                {
                    TftpDuration.Record(elapsed.TotalSeconds, Tag("op", Op(e.Tftp)));
                }

                break;
            case BootStep.TftpFailed:
                TftpFailed.Add(1, Tag("op", Op(e.Tftp)), Tag("reason", Name(e.Tftp?.Failure)));
                break;
            case BootStep.TftpRefused:
                // Refusals over a limit are journaled as one summary for many requests.
                TftpRefused.Add(e.Tftp?.Refusals ?? 1, Tag("reason", RefusalReason(e)));
                break;
            case BootStep.HttpRequest:
                HttpRequests.Add(1, Tag("method", Method(e.Http)));
                break;
            case BootStep.HttpComplete:
                HttpCompleted.Add(1, Tag("status", Status(e.Http)));
                HttpBytes.Add(e.Bytes ?? 0);
                break;
            case BootStep.HttpFailed:
                HttpFailed.Add(1, Tag("status", Status(e.Http)));
                HttpBytes.Add(e.Bytes ?? 0);
                break;
            default:
                break;
        }
    }

    /// <summary>A REQUEST's time, kept until its ACK leaves (or it is pushed out by newer ones).</summary>
    private void RememberRequest(BootEvent e)
    {
        if (e is { Step: BootStep.DhcpRequest, Mac: { } mac, Dhcp: { } dhcp })
        {
            _requests.Set((mac, dhcp.Xid), e.Time);
        }
    }

    /// <summary>An ACK or a NAK ends its REQUEST's wait; an ACK's wait is measured (it includes the lease's commit).</summary>
    private void MeasureAck(BootEvent e)
    {
        if (e is not { Mac: { } mac, Dhcp: { } dhcp } || e.Step == BootStep.DhcpOffer)
        {
            return;
        }

        var key = (mac, dhcp.Xid);
        if (_requests.TryGet(key, out var asked))
        {
            _requests.Remove(key);
            if (e.Step == BootStep.DhcpAck && e.Time >= asked)
            {
                AckLatency.Record((e.Time - asked).TotalSeconds);
            }
        }
    }

    private static string TypeOf(BootEvent e) => e.Dhcp is { } dhcp ? EnumLabel<DhcpMessageType>.Of(dhcp.MessageType) : "none";

    private static string Op(TftpFacts? tftp) => tftp?.Opcode switch
    {
        TftpOpcode.ReadRequest => "read",
        TftpOpcode.WriteRequest => "write",
        _ => "none",
    };

    /// <summary>Why a TFTP request was refused: a limit it was over, else why the file was refused, else the ERROR code sent.</summary>
    private static string RefusalReason(BootEvent e) => e.Tftp?.Limit switch
    {
        TftpLimit.PerClient => "LimitPerClient",
        TftpLimit.Server => "LimitServer",
        _ => e.Refusal is { } refusal ? refusal.ToString() : Name(e.Tftp?.ErrorCode),
    };

    /// <summary>The request's method when it is a standard one, else "other": a client names the method, and a label must not grow with what clients send.</summary>
    private static string Method(HttpFacts? http) => http?.Method switch
    {
        null => "none",
        "GET" or "HEAD" or "POST" or "PUT" or "DELETE" or "OPTIONS" or "PATCH" or "TRACE" or "CONNECT" => http.Method,
        _ => "other",
    };

    private static string Status(HttpFacts? http) => http?.Status is { } status ? status.ToString(CultureInfo.InvariantCulture) : "none";

    /// <summary>An enum's value as the events JSON writes it; "none" when absent.</summary>
    private static string Name<T>(T? value)
        where T : struct, Enum => value is { } v ? EnumLabel<T>.Of(v) : "none";

    /// <summary>A fault's stable id, as the JSON, the API and docs/diagnosis.md name it.</summary>
    private static string FaultName(FaultId fault) => JsonSerializer.Serialize(fault, JournalJsonContext.Default.FaultId).Trim('"');

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}
