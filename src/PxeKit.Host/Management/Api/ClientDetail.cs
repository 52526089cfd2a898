using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;

namespace PxeKit.Host.Management;

/// <summary><c>GET /api/v1/clients/{mac}</c>: a machine's kept events, oldest first (its timeline), and its verdicts.</summary>
public sealed record ClientDetail(string Mac, IReadOnlyList<BootEvent> Events, IReadOnlyList<Verdict> Verdicts)
{
    /// <summary>The operator's settings of the machine set through the API; absent when it has none.</summary>
    public ClientOverrides? Overrides { get; init; }
}
