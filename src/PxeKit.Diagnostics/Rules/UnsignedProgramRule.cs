using PxeKit.Core.Events;
using PxeKit.Core.Files;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// Fault x: firmware that enforces Secure Boot downloaded an EFI program and refused to run it (edk2: <c>Access Denied</c>),
/// because the program carries no signature it trusts. The refusal comes from the console (<see cref="ConsoleFailure.ProgramRefused"/>);
/// the program is the last EFI program delivered whole to that client, and whether it is signed is what the server read of its
/// certificate table (<see cref="BootEvent.Signature"/>, <c>ProgramSignatures</c>). Said at the refusal.
/// </summary>
public sealed class UnsignedProgramRule : IFaultRule
{
    /// <summary>The fix in plain words: the signed chain, or Secure Boot off.</summary>
    public const string Fix = "serve the signed chain instead: a profile with kernel, initrd, cmdline and chain: shim boots shimx64.efi (Debian's shim-signed), "
        + "which loads grubx64.efi (grubnetx64.efi.signed from grub-efi-amd64-signed) and a signed kernel; or turn Secure Boot off in the machine's firmware setup";

    private sealed class Delivered
    {
        public BootEvent? Program { get; set; }
    }

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        var delivered = client.State<Delivered>();
        if (EventKinds.IsDelivery(bootEvent) && bootEvent.Format is { } format && format != ProgramFormat.NotEfi)
        {
            delivered.Program = bootEvent;
            return;
        }

        if (bootEvent is not { Step: BootStep.ConsoleError, ConsoleFailure: ConsoleFailure.ProgramRefused })
        {
            return;
        }

        var name = client.Key.Length > 0 ? client.Key : "the machine";
        if (delivered.Program is not { } program)
        {
            context.Say(Verdict.Of(
                FaultId.UnsignedProgram,
                client.Key,
                $"{name}'s firmware enforces Secure Boot and refused the program it downloaded, because that program carries no signature the firmware trusts.",
                "The firmware said Access Denied right after loading its boot file.",
                Fix,
                bootEvent));
            return;
        }

        var (cause, seen) = program.Signature switch
        {
            ProgramSignature.Signed => (
                $"{name}'s firmware enforces Secure Boot and refused {program.File}: it is signed, but not by a key the firmware trusts (its db), or its signer is revoked (its dbx).",
                $"The firmware said Access Denied right after loading {program.File}, whose certificate table holds a signature."),
            ProgramSignature.Unsigned or ProgramSignature.BadCertificateTable => (
                $"{name}'s firmware enforces Secure Boot and refused {program.File} because it carries no signature.",
                $"The firmware said Access Denied right after loading {program.File}, which is {ProgramSignatures.Describe(program.Signature.Value)}."),
            _ => (
                $"{name}'s firmware enforces Secure Boot and refused {program.File}, because it carries no signature the firmware trusts.",
                $"The firmware said Access Denied right after loading {program.File}."),
        };
        context.Say(Verdict.Of(FaultId.UnsignedProgram, client.Key, cause, seen, Fix, program, bootEvent));
    }
}
