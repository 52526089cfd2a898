namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// On a bridge: whether bridged frames pass the firewall (br_netfilter), and whether the TFTP conntrack helper is
/// loaded, which a stateful firewall or NAT between clients and the server needs for TFTP data from a new port.
/// </summary>
public sealed class BridgeCheck : IDoctorCheck
{
    public string Name => "bridge";

    public Task<CheckResult> RunAsync(DoctorSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var findings = new List<HostObservation>();
        if (subject.Interface is { } name && BridgeNetfilter.IsBridge(name))
        {
            findings.Add(BridgeNetfilter.FeedsIptables(name)
                ? HostObservation.Info(Name, $"{name} is a bridge and bridge netfilter is on: DHCP and TFTP between its ports pass the FORWARD chains (checked above as \"forwarded\").")
                : HostObservation.Ok(Name, $"{name} is a bridge and bridge netfilter is off: frames between its ports bypass iptables and nft ip/inet chains."));
        }

        bool helper = Directory.Exists("/sys/module/nf_conntrack_tftp");
        findings.Add(helper
            ? HostObservation.Ok(Name, "The TFTP conntrack helper (nf_conntrack_tftp) is loaded: a stateful firewall can pass TFTP data as RELATED once a CT rule assigns the helper.")
            : HostObservation.Info(Name, "The TFTP conntrack helper (nf_conntrack_tftp) is not loaded. This host needs it only if its firewall passes outgoing UDP as ESTABLISHED,RELATED alone; "
                + "a router, NAT or firewall between clients and PxeKit needs it there, because TFTP data comes from a new port, not from 69."));
        return Task.FromResult(new CheckResult(findings, []));
    }
}
