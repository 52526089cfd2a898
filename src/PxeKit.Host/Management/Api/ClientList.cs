namespace PxeKit.Host.Management;

/// <summary><c>GET /api/v1/clients</c>: the machines kept (<see cref="ClientHistory"/>), the one seen last first.</summary>
public sealed record ClientList(IReadOnlyList<ClientSummary> Clients);
