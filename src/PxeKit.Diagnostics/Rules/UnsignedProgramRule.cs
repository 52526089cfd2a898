using PxeKit.Core.Events;
using PxeKit.Core.Files;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// Fault x: firmware that enforces Secure Boot downloaded an EFI program and refused to run it (edk2: <c>Access Denied</c>),
/// because the program carries no signature it trusts. The refusal comes from the console (<see cref="ConsoleFailure.ProgramRefused"/>);
/// the program is the last EFI program delivered whole to that client, and whether it is signed is what the server read of its
/// certificate table (<see cref="BootEvent.Signature"/>, <c>ProgramSignatures</c>). Said at the refusal when the delivery is
/// known, else once the delivery comes or <see cref="DeliveryGrace"/> has passed.
/// </summary>
public sealed class UnsignedProgramRule : IFaultRule
{
    /// <summary>The fix in plain words: the signed chain, or Secure Boot off.</summary>
    public const string Fix = "serve the signed chain instead: a profile with kernel, initrd, cmdline and chain: shim boots shimx64.efi (Debian's shim-signed), "
        + "which loads grubx64.efi (grubnetx64.efi.signed from grub-efi-amd64-signed) and a signed kernel; or turn Secure Boot off in the machine's firmware setup";

    /// <summary>
    /// How long a refusal waits for the server's delivery of the program: the console is read at once, while the server's
    /// journal reaches <c>pxekit boot</c> a moment later, so the delivery may come after the refusal it explains.
    /// </summary>
    public static readonly TimeSpan DeliveryGrace = TimeSpan.FromSeconds(2);

    /// <summary>The clients with a refusal waiting for its delivery: a tick looks at these alone, not at every client.</summary>
    private readonly HashSet<ClientState> _waiting = [];

    private sealed class Delivered : IRuleState
    {
        public BootEvent? Program { get; set; }

        /// <summary>A refusal whose program was not delivered yet, waiting for <see cref="DeliveryGrace"/>.</summary>
        public BootEvent? Refusal { get; set; }

        public void Clear()
        {
            Program = null;
            Refusal = null;
        }
    }

    public bool Holds(ClientState client) => _waiting.Contains(client);

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        // The state only for the events that matter here: a DHCP storm's every client would get one otherwise.
        if (EventKinds.IsDelivery(bootEvent) && bootEvent.Format is { } format && format != ProgramFormat.NotEfi)
        {
            var delivered = client.State<Delivered>();
            delivered.Program = bootEvent;
            if (delivered.Refusal is { } waiting && bootEvent.Time <= waiting.Time)
            {
                delivered.Refusal = null;
                _waiting.Remove(client);
                Say(context, client, waiting, bootEvent);
            }

            return;
        }

        if (bootEvent is not { Step: BootStep.ConsoleError, ConsoleFailure: ConsoleFailure.ProgramRefused })
        {
            return;
        }

        var refused = client.State<Delivered>();
        if (refused.Program is { } program)
        {
            Say(context, client, bootEvent, program);
        }
        else
        {
            refused.Refusal = bootEvent;
            _waiting.Add(client);
        }
    }

    public void Tick(RuleContext context) => Decide(context, finished: false);

    public void Finish(RuleContext context) => Decide(context, finished: true);

    /// <summary>Says each refusal whose grace has passed (every one, once the evidence is complete) without its delivery.</summary>
    private void Decide(RuleContext context, bool finished)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_waiting.Count == 0)
        {
            return;
        }

        foreach (var client in _waiting.ToList())
        {
            var delivered = client.State<Delivered>();
            if (delivered.Refusal is { } waiting && (finished || context.Now - waiting.Time >= DeliveryGrace))
            {
                delivered.Refusal = null;
                _waiting.Remove(client);
                Say(context, client, waiting, null);
            }
        }
    }

    /// <summary>The verdict: in the words of the program's signature when the server's delivery is known, else in general ones.</summary>
    private static void Say(RuleContext context, ClientState client, BootEvent refusal, BootEvent? delivery)
    {
        var name = client.Key.Length > 0 ? client.Key : "the machine";
        if (delivery is not { } program)
        {
            context.Say(Verdict.Of(
                FaultId.UnsignedProgram,
                client.Key,
                $"{name}'s firmware enforces Secure Boot and refused the program it downloaded, because that program carries no signature the firmware trusts.",
                "The firmware said Access Denied right after loading its boot file.",
                Fix,
                refusal));
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
        context.Say(Verdict.Of(FaultId.UnsignedProgram, client.Key, cause, seen, Fix, program, refusal));
    }
}
