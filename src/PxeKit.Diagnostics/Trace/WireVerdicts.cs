using PxeKit.Core.Verdicts;

namespace PxeKit.Diagnostics.Trace;

/// <summary>Runs every wire rule over the clients of a capture.</summary>
public static class WireVerdicts
{
    /// <summary>The rules, in the order their verdicts are told.</summary>
    public static IReadOnlyList<IWireRule> Rules { get; } =
    [
        new NoOfferRule(),
        new SeveralServersRule(),
        new NoBootInfoRule(),
        new BootServerSilentRule(),
        new ChainloadLoopRule(),
        new TftpRefusedRule(),
        new TftpStallRule(),
    ];

    /// <summary>Every verdict about every client; empty when every boot seen went cleanly.</summary>
    public static IReadOnlyList<Verdict> Explain(IReadOnlyList<ClientTrace> clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        return clients.SelectMany(c => Explain(c, clients)).ToList();
    }

    /// <summary>The verdicts about one client.</summary>
    public static IReadOnlyList<Verdict> Explain(ClientTrace client, IReadOnlyList<ClientTrace> everyone)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Rules.SelectMany(rule => rule.Check(client, everyone)).ToList();
    }
}
