namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// Who holds the ports a PXE server needs: UDP 67 (DHCP), 69 (TFTP), 4011 (PXE boot server) and the HTTP port.
/// Another program there (dnsmasq, a DHCP or TFTP daemon) keeps PxeKit from serving, or answers in its place.
/// </summary>
public sealed class PortCheck(Func<IReadOnlyList<BoundSocket>>? sockets = null, Func<IReadOnlyDictionary<long, SocketOwner>>? owners = null) : IDoctorCheck
{
    private readonly Func<IReadOnlyList<BoundSocket>> _sockets = sockets ?? ProcNetSockets.Read;
    private readonly Func<IReadOnlyDictionary<long, SocketOwner>> _owners = owners ?? SocketOwners.Read;

    public string Name => "ports";

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var bound = _sockets();
        var owners = _owners();
        var wanted = new List<(bool Tcp, int Port, string Service)>
        {
            (false, 67, "DHCP"), (false, 69, "TFTP"), (false, 4011, "the PXE boot server"),
        };
        if (subject.HttpPort is int http)
        {
            wanted.Add((true, http, "HTTP boot"));
        }

        var findings = new List<DoctorFinding>();
        foreach (var (tcp, port, service) in wanted)
        {
            string label = $"{(tcp ? "TCP" : "UDP")} {port} ({service})";
            var holders = bound.Where(s => s.Tcp == tcp && s.Port == port)
                .Select(s => owners.TryGetValue(s.Inode, out var owner) ? owner : null)
                .Distinct().ToList();
            var others = holders.Where(o => o is null || !o.IsPxeKit).ToList();
            if (holders.Count == 0)
            {
                findings.Add(DoctorFinding.Info(Name, $"{label} is free: nothing answers there until PxeKit serves."));
            }
            else if (others.Count == 0)
            {
                findings.Add(DoctorFinding.Ok(Name, $"{label} is held by {string.Join(", ", holders)}."));
            }
            else
            {
                var names = string.Join(", ", others.Select(o => o?.ToString() ?? "a process this user cannot see"));
                var stop = string.Join("; ", others.OfType<SocketOwner>().Select(o => $"kill {o.Pid} (or systemctl stop the service that runs {o.Name})").Distinct());
                findings.Add(DoctorFinding.Warning(Name,
                    $"{label} is held by {names}: PxeKit cannot bind it on this interface while it runs, or that program answers clients instead of PxeKit (unless each is bound to a different interface).",
                    stop.Length > 0 ? $"stop it: {stop}" : "find the program with: ss -lunp; ss -ltnp"));
            }
        }

        return Task.FromResult<IReadOnlyList<DoctorFinding>>(findings);
    }
}
