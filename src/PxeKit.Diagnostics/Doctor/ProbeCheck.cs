using System.Net.Sockets;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// Which servers answer PXE clients on the interface, and what each offers: the doctor's probe, judged. No
/// answer at all, two servers handing out addresses, or a firmware that gets no boot file are findings.
/// </summary>
public sealed class ProbeCheck : IDoctorCheck
{
    public string Name => "probe";

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (!subject.Probe || subject.Interface is null)
        {
            return [];
        }

        IReadOnlyList<ProbeAnswer> answers;
        try
        {
            answers = await new DhcpProbe(subject.Interface, subject.ProbeWait).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            return [DoctorFinding.Warning(Name, $"The probe could not use UDP 68 on {subject.Interface} ({e.Message}), so no server was asked.", "run the doctor as root, with no DHCP client holding port 68 on that interface")];
        }

        return Judge(subject.Interface, answers);
    }

    /// <summary>The findings for a set of answers (public for tests).</summary>
    public IReadOnlyList<DoctorFinding> Judge(string interfaceName, IReadOnlyList<ProbeAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var findings = new List<DoctorFinding>();
        if (answers.Count == 0)
        {
            findings.Add(DoctorFinding.Error(Name,
                $"No server answered PXE DISCOVERs on {interfaceName} (BIOS, UEFI x64, ARM64, HTTP Boot): machines on this network get no address and no boot file.",
                "start a PXE server here (pxekit serve --interface IF --root DIR, or --proxy beside an existing DHCP server), and check that nothing drops UDP 67"));
            return findings;
        }

        foreach (var answer in answers)
        {
            findings.Add(DoctorFinding.Info(Name, $"{answer.Server} answers {FirmwareName(answer.Asked)} clients: {answer.Describe()}."));
        }

        var addressServers = answers.Where(a => !a.IsProxy && a.Port != DhcpConstants.PxeServerPort).Select(a => a.Server).Distinct().ToList();
        if (addressServers.Count > 1)
        {
            findings.Add(DoctorFinding.Warning(Name,
                $"{addressServers.Count} servers hand out addresses on {interfaceName} ({string.Join(", ", addressServers)}): each client takes whichever offer comes first, so some boot and some do not.",
                "keep one DHCP server for addresses and run PxeKit beside it with --proxy, or turn the other off"));
        }

        foreach (var architecture in DhcpProbe.Architectures)
        {
            if (!answers.Any(a => a.Asked == architecture && a.BootFile.Length > 0))
            {
                findings.Add(DoctorFinding.Info(Name,
                    $"No server offers a boot file to {FirmwareName(architecture)} clients: such machines would get an address at most (fine if none boot here).",
                    "add a profile for that firmware, and check it with pxekit explain --arch"));
            }
        }

        return findings;
    }

    private static string FirmwareName(ClientArchitecture architecture) => architecture switch
    {
        ClientArchitecture.IntelX86Pc => "BIOS",
        ClientArchitecture.EfiBc => "UEFI x64",
        ClientArchitecture.EfiArm64 => "ARM64 UEFI",
        ClientArchitecture.EfiX64Http => "UEFI HTTP Boot",
        _ => $"arch {(ushort)architecture}",
    };
}
