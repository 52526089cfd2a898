namespace PxeKit.Load.Conformance;

/// <summary>
/// One check of the suite: where the RFC asks for it, what the probe sends and what it expects; <see cref="Run"/>
/// plays it over the wire against whatever server answers on the probe's interface.
/// </summary>
public sealed record ConformanceCase
{
    /// <summary>Short and stable, for <c>--only</c> and for the table (e.g. <c>2131-init-reboot-unknown</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The RFC and section (e.g. <c>RFC 2131 4.3.2</c>), or what a hostility case is about.</summary>
    public required string Section { get; init; }

    public required ConformanceLevel Level { get; init; }

    public required string Sends { get; init; }

    public required string Expects { get; init; }

    public required Func<ConformanceProbe, CaseVerdict> Run { get; init; }
}
