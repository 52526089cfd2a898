using PxeKit.Diagnostics.Rules;

namespace PxeKit.Diagnostics.Engine;

/// <summary>Every fault rule, one per fault, in the order their verdicts are told when several fall due at once.</summary>
public static class FaultRules
{
    /// <summary>A fresh set of rules (rules keep state: one set per engine).</summary>
    public static IReadOnlyList<IFaultRule> All() =>
    [
        new InterfaceUnusableRule(),
        new PortTakenRule(),
        new DroppedOnHostRule(),
        new DhcpRepliesBlockedRule(),
        new ReturnPathRule(),
        new Icmpv6BlockedRule(),
        new OtherDhcpServerRule(),
        new TookOtherOfferRule(),
        new OfferWithoutBootInfoRule(),
        new RelaySkipsPxeKitRule(),
        new ChainloadLoopRule(),
        new WrongFirmwareRule(),
        new UnsignedProgramRule(),
        new HttpBootIpv6NotReadyRule(),
        new DhcpUnansweredRule(),
        new NoManagedRouterAdvertisementRule(),
        new BootServerUnansweredRule(),
        new BootFileMissingRule(),
        new BootFileRefusedRule(),
        new BootFileTooLargeRule(),
        new TftpStalledRule(),
        new KernelWithoutMarkerRule(),
        new NoDhcpRequestRule(),
        new BootApiFailedRule(),
    ];
}
