using System.Net.Sockets;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// Fault c, TFTP's return path broken: the read request got in, the answer did not get back. Certain when this host
/// refused to send (the kernel said EPERM: its OUTPUT chain). Likely when the first block (or the OACK) was never
/// acknowledged and no later transfer to that client succeeded within the patience: something on the way drops
/// TFTP that does not come from port 69. The server's own transfers and a capture's tell it the same way. From the
/// host's inspection (doctor): a rule of its firewall that drops TFTP data out from a new port, or the acknowledgments
/// back in, is the same fault with the same fix.
/// </summary>
public sealed class ReturnPathRule : IFaultRule
{
    private const string Helper = "load the TFTP conntrack helper so the data counts as RELATED: modprobe nf_conntrack_tftp; "
        + "iptables -t raw -A PREROUTING -p udp --dport 69 -j CT --helper tftp (and accept RELATED in OUTPUT)";

    private sealed class Transfers : IRuleState
    {
        public BootEvent? Unacknowledged { get; set; }

        public DateTimeOffset LastComplete { get; set; }

        public void Clear()
        {
            Unacknowledged = null;
            LastComplete = default;
        }
    }

    private readonly HashSet<ClientState> _waiting = [];

    public bool Holds(ClientState client) => _waiting.Contains(client);

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        if (bootEvent is { Step: BootStep.HostFirewall, Firewall: { Traffic: HostTraffic.TftpOut, Drops: true } firewall })
        {
            context.Say(Verdict.Of(
                FaultId.TftpReturnPathBlocked,
                "",
                $"TFTP read requests would reach PxeKit{(firewall.Family == IpFamily.Ipv6 ? " over IPv6" : "")}{(firewall.Forwarded ? " across the bridge" : "")}, but this host's firewall drops the answers, which leave from a new port, not 69.",
                $"Conntrack counts that data as NEW, not ESTABLISHED. {firewall.Rules}".TrimEnd(),
                StrictOutputFix(firewall.Fix),
                bootEvent) with { Confidence = firewall.Certain ? Confidence.Certain : Confidence.Likely }, $"host {firewall.Forwarded} {firewall.Family}");
            return;
        }

        if (bootEvent.Step == BootStep.TftpComplete)
        {
            client.State<Transfers>().LastComplete = bootEvent.Time;
        }
        else if (bootEvent is { Step: BootStep.TftpFailed, Tftp.Failure: TftpFailure.SendRefused, SocketError: SocketError.AccessDenied })
        {
            Refused(client, bootEvent, context);
        }
        else if (bootEvent is { Step: BootStep.TftpFailed, Tftp: { Failure: TftpFailure.NoAcknowledgment, Block: 0 or 1 } } && client.State<Transfers>() is { Unacknowledged: null } transfers)
        {
            transfers.Unacknowledged = bootEvent;
            _waiting.Add(client);
        }
    }

    public void Tick(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_waiting.Count == 0)
        {
            // Every event ticks: nothing to copy.
            return;
        }

        foreach (var client in _waiting.ToList())
        {
            var transfers = client.State<Transfers>();
            if (transfers.Unacknowledged is not { } failed || context.Now - failed.Time < context.Options.ReturnPathPatience)
            {
                continue;
            }

            Decide(client, failed, context);
        }
    }

    public void Finish(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var client in _waiting.ToList())
        {
            if (client.State<Transfers>().Unacknowledged is { } failed)
            {
                Decide(client, failed, context);
            }
        }
    }

    private void Decide(ClientState client, BootEvent failed, RuleContext context)
    {
        var transfers = client.State<Transfers>();
        transfers.Unacknowledged = null;
        _waiting.Remove(client);
        if (transfers.LastComplete >= failed.Time)
        {
            return; // A later transfer to the same client went through: that was loss, not a blocked path.
        }

        var server = failed.Server ?? "the TFTP server";
        context.SayAfterInspecting(HostTraffic.TftpOut, FaultId.TftpReturnPathBlocked, client.Key, client.Key, firewall => Verdict.Of(
            FaultId.TftpReturnPathBlocked,
            client.Key,
            $"{server} sent the first block of {failed.File} to {failed.Address} and no acknowledgment came back: the request got in, the answer did not get back.",
            ("TFTP answers from a new port, not 69, so a firewall or NAT on the way (or on the client) that lets only port 69 and ESTABLISHED traffic through drops it. "
                + firewall.Seen).TrimEnd(),
            (firewall.Fix.Length > 0 ? firewall.Fix + "; " : "") + "where that firewall is, " + Helper + ", or let UDP from the server's address through",
            failed) with { Confidence = Confidence.Likely });
    }

    private static void Refused(ClientState client, BootEvent failed, RuleContext context) =>
        context.SayAfterInspecting(HostTraffic.TftpOut, FaultId.TftpReturnPathBlocked, client.Key, client.Key, firewall => Verdict.Of(
            FaultId.TftpReturnPathBlocked,
            client.Key,
            $"TFTP read requests for {failed.File} from {failed.Address} reach PxeKit, but this host refuses to send the answer (the kernel said EPERM).",
            $"Its firewall's OUTPUT chain drops the data, which leaves from a new port, not 69, so conntrack counts it as NEW, not ESTABLISHED. {firewall.Seen}".TrimEnd(),
            StrictOutputFix(firewall.Fix),
            failed));

    /// <summary>The firewall's own fix, or the conntrack helper for those who keep a strict OUTPUT chain.</summary>
    private static string StrictOutputFix(string firewallFix) =>
        firewallFix.Length > 0 ? $"{firewallFix}; or, to keep a strict OUTPUT chain, {Helper}" : Helper;
}
