using System.Globalization;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// The firmware's UEFI HTTP Boot over IPv6 started and failed at once, and no DHCPv6 Solicit came from it: edk2 before
/// edk2-stable202508 (Debian 12's OVMF among them) starts DHCPv6 before its link-local address has passed duplicate
/// address detection, gets no mapping, and gives up without a packet on the wire. From the console (a lab boot): the
/// start of the client (<see cref="BootEvent.NetworkBoot"/>), the failure, and the wire or socket that saw no Solicit.
/// Said at the boot manager's next line, which names the machine (or when the evidence ends).
/// </summary>
public sealed class HttpBootIpv6NotReadyRule : IFaultRule
{
    /// <summary>A failure this soon after the start had no time for a DHCPv6 exchange: the firmware gave up before it.</summary>
    public static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(1);

    /// <summary>Console lines are read a moment after they are written: a Solicit this long before the start may be its own.</summary>
    private static readonly TimeSpan ConsoleLag = TimeSpan.FromSeconds(2);

    private BootEvent? _started;
    private DateTimeOffset? _lastSolicit;
    private (BootEvent Start, BootEvent Failure)? _gaveUp;

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(context);
        if (EventKinds.IsDhcp6Request(bootEvent))
        {
            _lastSolicit = bootEvent.Time;
            return;
        }

        if (bootEvent is { Source: EvidenceSource.Console, NetworkBoot: { } started })
        {
            _started = started is { Client: NetworkBootClient.HttpBoot, Family: IpFamily.Ipv6 } ? bootEvent : null;
            return;
        }

        if (_gaveUp is { } gaveUp && bootEvent is { Source: EvidenceSource.Console, Mac: { } mac })
        {
            // The boot manager's next line names the boot option that failed, and with it the machine's MAC.
            Say(context, gaveUp.Start, gaveUp.Failure, mac);
            return;
        }

        if (bootEvent is { Step: BootStep.ConsoleError, ConsoleFailure: ConsoleFailure.NetworkBootFailed } && _started is { } start
            && bootEvent.Time - start.Time <= AtOnce && !(_lastSolicit >= start.Time - ConsoleLag))
        {
            _started = null;
            _gaveUp = (start, bootEvent);
        }
    }

    public void Finish(RuleContext context)
    {
        if (_gaveUp is { } gaveUp)
        {
            Say(context, gaveUp.Start, gaveUp.Failure, gaveUp.Failure.Mac ?? gaveUp.Start.Mac ?? "");
        }
    }

    private void Say(RuleContext context, BootEvent start, BootEvent failure, string key)
    {
        _gaveUp = null;
        var name = key.Length > 0 ? key : "the machine";
        context.Say(Verdict.Of(
            FaultId.HttpBootIpv6NotReady,
            key,
            $"{name}'s firmware gave up on UEFI HTTP Boot over IPv6 before it asked DHCPv6: it started before its IPv6 link-local address was ready, "
                + "a bug of edk2 firmware older than edk2-stable202508 (Debian 12's OVMF has it), which does not try again.",
            string.Create(CultureInfo.InvariantCulture, $"The firmware said HTTP Boot over IPv6 started and failed {(failure.Time - start.Time).TotalSeconds:0.0} s later, and no DHCPv6 Solicit from it reached the server's interface."),
            "update the firmware (edk2-stable202508 or later); until then give the firmware a boot-menu timeout of a few seconds in its setup, "
                + "or put HTTP Boot over IPv6 after another boot entry, so the address is ready when HTTP Boot starts",
            start,
            failure));
    }
}
