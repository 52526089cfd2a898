using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// Who holds the ports a PXE server needs: UDP 67 (DHCP), 69 (TFTP), 4011 (PXE boot server) and the HTTP port.
/// Another program there (dnsmasq, a DHCP or TFTP daemon) keeps PxeKit from serving, or answers in its place: the
/// engine's rule for a taken port judges it.
/// </summary>
public sealed class PortCheck(Func<IReadOnlyList<BoundSocket>>? sockets = null, Func<IReadOnlyDictionary<long, SocketOwner>>? owners = null) : IDoctorCheck
{
    private readonly Func<IReadOnlyList<BoundSocket>> _sockets = sockets ?? ProcNetSockets.Read;
    private readonly Func<IReadOnlyDictionary<long, SocketOwner>> _owners = owners ?? SocketOwners.Read;

    public string Name => "ports";

    public Task<CheckResult> RunAsync(DoctorSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var bound = _sockets();
        var owners = _owners();
        var wanted = new List<PortFacts>
        {
            new() { Number = 67, Service = "DHCP" }, new() { Number = 69, Service = "TFTP" }, new() { Number = 4011, Service = "the PXE boot server" },
        };
        if (subject.HttpPort is int http)
        {
            wanted.Add(new() { Tcp = true, Number = http, Service = "HTTP boot" });
        }

        var observations = new List<HostObservation>();
        var evidence = new List<BootEvent>();
        foreach (var port in wanted)
        {
            var holders = bound.Where(s => s.Tcp == port.Tcp && s.Port == port.Number)
                .Select(s => owners.TryGetValue(s.Inode, out var owner) ? new PortHolder(owner.Pid, owner.Name, owner.IsPxeKit) : new PortHolder(null, null, false))
                .Distinct().ToList();
            if (holders.Count == 0)
            {
                observations.Add(HostObservation.Info(Name, $"{port.Label} is free: nothing answers there until PxeKit serves."));
            }
            else if (holders.All(h => h.IsPxeKit))
            {
                observations.Add(HostObservation.Ok(Name, $"{port.Label} is held by {string.Join(", ", holders)}."));
            }

            evidence.Add(HostEvidence.Of(BootStep.HostPort) with { Port = port with { Holders = holders }, Detail = port.Label });
        }

        return Task.FromResult(new CheckResult(observations, evidence));
    }
}
