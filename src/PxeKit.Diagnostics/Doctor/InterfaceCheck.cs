using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>The interface exists, is up, has a carrier and an IPv4 address: without these nothing reaches PxeKit.</summary>
public sealed class InterfaceCheck : IDoctorCheck
{
    public string Name => "interface";

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return Task.FromResult(Check(subject.Interface));
    }

    private IReadOnlyList<DoctorFinding> Check(string? name)
    {
        var all = NetworkInterface.GetAllNetworkInterfaces();
        if (name is null)
        {
            var names = string.Join(", ", all.Where(n => n.NetworkInterfaceType != NetworkInterfaceType.Loopback).Select(n => n.Name));
            return [DoctorFinding.Error(Name, $"No interface to examine: name the one your PXE clients are on (this host has {names}).", "pxekit doctor --interface IF")];
        }

        var nic = all.FirstOrDefault(n => n.Name == name);
        if (nic is null)
        {
            var names = string.Join(", ", all.Select(n => n.Name));
            return [DoctorFinding.Error(Name, $"There is no interface {name} here (this host has {names}).", "pxekit doctor --interface IF, with one of those names")];
        }

        var findings = new List<DoctorFinding>();
        string operstate = ReadSys(name, "operstate") ?? "unknown";
        bool adminUp = (ParseFlags(ReadSys(name, "flags")) & 1) != 0;
        if (!adminUp)
        {
            findings.Add(DoctorFinding.Error(Name, $"{name} is down (administratively).", $"ip link set {name} up"));
        }
        else if (operstate is "down" or "lowerlayerdown")
        {
            findings.Add(DoctorFinding.Error(Name, $"{name} is up but has no link (operstate {operstate}): no cable, switch port or bridge member carries frames to it.", "check the cable or switch port; for a bridge, that a port is attached and up"));
        }
        else
        {
            findings.Add(DoctorFinding.Ok(Name, $"{name} is up (operstate {operstate})."));
        }

        var ipv4 = nic.GetIPProperties().UnicastAddresses.Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork).ToList();
        if (ipv4.Count == 0)
        {
            findings.Add(DoctorFinding.Error(Name, $"{name} has no IPv4 address: a DHCP server and TFTP need one on the clients' network.", $"ip addr add 192.168.x.y/24 dev {name} (an address of that network)"));
        }
        else
        {
            var addresses = string.Join(", ", ipv4.Select(a => $"{a.Address}/{a.PrefixLength}"));
            findings.Add(DoctorFinding.Ok(Name, $"{name} has {addresses}."));
        }

        if (nic.GetIPProperties().GetIPv4Properties()?.Mtu is int mtu && mtu < 1280)
        {
            findings.Add(DoctorFinding.Warning(Name, $"{name} has an MTU of {mtu}: firmware that asks for a TFTP block size of 1468 will fall back or fail.", $"ip link set {name} mtu 1500"));
        }

        return findings;
    }

    private static string? ReadSys(string name, string file)
    {
        try
        {
            return File.ReadAllText($"/sys/class/net/{name}/{file}").Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int ParseFlags(string? hex) =>
        hex is not null && int.TryParse(hex.AsSpan().TrimStart("0x"), System.Globalization.NumberStyles.HexNumber, null, out int flags) ? flags : 0;
}
