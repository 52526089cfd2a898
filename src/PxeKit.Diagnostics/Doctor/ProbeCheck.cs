using System.Net.Sockets;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// Which servers answer PXE clients on the interface, and what each offers: the doctor's probe. Its exchanges are
/// evidence for the engine (two servers handing out addresses, an address without boot information, no answer at all
/// are its rules' verdicts); the answers themselves are told as observations.
/// </summary>
public sealed class ProbeCheck : IDoctorCheck
{
    public string Name => "probe";

    public async Task<CheckResult> RunAsync(DoctorSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (!subject.Probe || subject.Interface is null)
        {
            return CheckResult.Empty;
        }

        try
        {
            return Observe(await new DhcpProbe(subject.Interface, subject.ProbeWait).RunAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (SocketException e)
        {
            return new CheckResult([HostObservation.Info(Name, $"The probe could not use UDP 68 on {subject.Interface} ({e.Message}), so no server was asked.", "run the doctor as root, with no DHCP client holding port 68 on that interface")], []);
        }
    }

    /// <summary>The observations of a probe's answers, and its exchanges as evidence (public for tests).</summary>
    public CheckResult Observe(ProbeRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var observations = new List<HostObservation>();
        foreach (var answer in run.Answers)
        {
            observations.Add(HostObservation.Info(Name, $"{answer.Server} answers {FirmwareName(answer.Asked)} clients: {answer.Describe()}."));
        }

        foreach (var architecture in DhcpProbe.Architectures)
        {
            if (run.Answers.Count > 0 && !run.Answers.Any(a => a.Asked == architecture && a.BootFile.Length > 0))
            {
                observations.Add(HostObservation.Info(Name,
                    $"No server offers a boot file to {FirmwareName(architecture)} clients: such machines would get an address at most (fine if none boot here).",
                    "add a profile for that firmware, and check it with pxekit explain --arch"));
            }
        }

        return new CheckResult(observations, run.Evidence);
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
