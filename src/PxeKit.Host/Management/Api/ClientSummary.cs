using PxeKit.Core.Events;

namespace PxeKit.Host.Management;

/// <summary>One machine in <c>GET /api/v1/clients</c>: where its last boot got to.</summary>
/// <param name="Mac">The machine's MAC, <c>52:54:00:12:34:56</c>.</param>
/// <param name="Address">The address it was last seen with (offered, leased, or a transfer's peer).</param>
/// <param name="Profile">The profile it was last answered with.</param>
/// <param name="LastStep">Its last event's step.</param>
/// <param name="LastSeen">When its last event happened.</param>
/// <param name="Events">How many of its events are kept.</param>
/// <param name="Verdicts">How many of those are verdicts.</param>
public sealed record ClientSummary(string Mac, string? Address, string? Profile, BootStep LastStep, DateTimeOffset LastSeen, int Events, int Verdicts);
