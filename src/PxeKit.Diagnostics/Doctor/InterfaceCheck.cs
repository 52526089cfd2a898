using System.Net.NetworkInformation;
using System.Net.Sockets;
using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// The interface as the kernel reports it: whether it exists, is up, has a carrier, its IPv4 addresses and MTU. Without
/// these nothing reaches PxeKit; the engine's rule for an unusable interface judges them.
/// </summary>
public sealed class InterfaceCheck : IDoctorCheck
{
    public string Name => "interface";

    public Task<CheckResult> RunAsync(DoctorSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var facts = Read(subject.Interface);
        var observations = new List<HostObservation>();
        if (facts is { Exists: true, Up: true } && facts.OperState is not ("down" or "lowerlayerdown"))
        {
            observations.Add(HostObservation.Ok(Name, $"{facts.Name} is up (operstate {facts.OperState})."));
        }

        if (facts is { Exists: true, Ipv4.Count: > 0 })
        {
            observations.Add(HostObservation.Ok(Name, $"{facts.Name} has {string.Join(", ", facts.Ipv4)}."));
        }

        return Task.FromResult(new CheckResult(observations, [HostEvidence.Of(BootStep.HostInterface) with { Interface = facts, Detail = $"interface {facts.Name}" }]));
    }

    /// <summary>The interface as the kernel reports it (sysfs and the interface list).</summary>
    private static InterfaceFacts Read(string? name)
    {
        var all = NetworkInterface.GetAllNetworkInterfaces();
        var known = all.Where(n => n.NetworkInterfaceType != NetworkInterfaceType.Loopback || name is not null).Select(n => n.Name).ToList();
        var nic = name is null ? null : all.FirstOrDefault(n => n.Name == name);
        if (nic is null)
        {
            return new InterfaceFacts { Name = name, Known = known };
        }

        var properties = nic.GetIPProperties();
        return new InterfaceFacts
        {
            Name = name,
            Exists = true,
            Up = (ParseFlags(ReadSys(nic.Name, "flags")) & 1) != 0,
            OperState = ReadSys(nic.Name, "operstate") ?? "unknown",
            Ipv4 = [.. properties.UnicastAddresses.Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork).Select(a => $"{a.Address}/{a.PrefixLength}")],
            Mtu = properties.GetIPv4Properties()?.Mtu,
            Known = known,
        };
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
