using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Verdicts;

namespace PxeKit.Diagnostics.Engine;

/// <summary>What a rule may ask of the engine while it runs: the time, the other clients, and a way to say its verdict.</summary>
public sealed class RuleContext
{
    private readonly DiagnosisEngine _engine;

    internal RuleContext(DiagnosisEngine engine, EngineOptions options)
    {
        _engine = engine;
        Options = options;
    }

    public EngineOptions Options { get; }

    /// <summary>The engine's time: the latest event's or tick's.</summary>
    public DateTimeOffset Now { get; internal set; }

    /// <summary>Every client the engine knows, in the order it met them.</summary>
    public IEnumerable<ClientState> Clients => _engine.ClientsInOrder;

    /// <summary>Whether <paramref name="fault"/> was already said about <paramref name="key"/> (by this engine or a source before it).</summary>
    public bool HasSaid(FaultId fault, string key) => _engine.HasSaid(fault, key);

    /// <summary>Says a verdict, once per fault and <paramref name="key"/> (by default the verdict's client).</summary>
    public void Say(Verdict verdict, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        _engine.Say(verdict, key ?? verdict.Client);
    }

    /// <summary>
    /// Says a verdict that names the host's firewall: the firewall is read first (off the caller's thread), then
    /// <paramref name="make"/> words the verdict with what it found. Where the engine cannot read the host's
    /// firewall, <paramref name="make"/> gets an empty answer.
    /// </summary>
    /// <remarks>
    /// Said once per fault and <paramref name="key"/>, and never about <paramref name="client"/> when it was said of
    /// that client already (by this engine or a source before it).
    /// </remarks>
    public void SayAfterInspecting(HostTraffic question, FaultId fault, string key, string client, Func<FirewallAdvice, Verdict> make) =>
        _engine.SayAfterInspecting(question, fault, key, client, make);
}
