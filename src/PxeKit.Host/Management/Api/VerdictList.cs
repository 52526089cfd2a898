using PxeKit.Core.Events;

namespace PxeKit.Host.Management;

/// <summary><c>GET /api/v1/verdicts</c>: the verdicts kept, newest first, each as its <c>Diagnosis</c> event (time, MAC, verdict).</summary>
public sealed record VerdictList(IReadOnlyList<BootEvent> Verdicts);
