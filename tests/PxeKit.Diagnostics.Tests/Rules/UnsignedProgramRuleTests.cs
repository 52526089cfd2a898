using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Rules;
using PxeKit.Protocol.Dhcp;
using static PxeKit.Diagnostics.Tests.Rules.Ev;

namespace PxeKit.Diagnostics.Tests.Rules;

public sealed class UnsignedProgramRuleTests : IDisposable
{
    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task An_unsigned_program_refused_by_the_firmware_is_named_with_its_missing_signature_and_the_signed_chain_as_fix()
    {
        _engine.Feed(
            Request(arch: ClientArchitecture.EfiBc),
            Reply(file: "ipxe.efi"),
            Delivered("ipxe.efi", ProgramFormat.EfiX64) with { Signature = ProgramSignature.Unsigned },
            Console(BootStep.ConsoleError, ConsoleFailure.ProgramRefused));

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal(FaultId.UnsignedProgram, verdict.Fault);
        Assert.Equal("52:54:00:12:34:56's firmware enforces Secure Boot and refused ipxe.efi because it carries no signature.", verdict.Cause);
        Assert.Contains("unsigned (its certificate table is empty)", verdict.Seen, StringComparison.Ordinal);
        Assert.Equal(UnsignedProgramRule.Fix, verdict.Fix);
        Assert.Contains(verdict.Evidence, e => e.Step == BootStep.TftpComplete);
    }

    [Fact]
    public async Task A_signed_program_refused_is_named_as_signed_by_a_key_the_firmware_does_not_trust()
    {
        _engine.Feed(
            Request(arch: ClientArchitecture.EfiBc),
            Reply(file: "shimx64.efi"),
            Delivered("shimx64.efi", ProgramFormat.EfiX64) with { Signature = ProgramSignature.Signed },
            Console(BootStep.ConsoleError, ConsoleFailure.ProgramRefused));

        Assert.Contains("it is signed, but not by a key the firmware trusts", Assert.Single(await _engine.SaidAsync()).Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_the_servers_journal_brings_after_the_refusal_still_names_the_program()
    {
        // The console is read at once; serve's journal reaches boot a moment later, with the delivery's own earlier time.
        var refusal = Console(BootStep.ConsoleError, ConsoleFailure.ProgramRefused);
        _engine.Feed(Request(arch: ClientArchitecture.EfiBc), Reply(file: "ipxe.efi")).Advance(1);
        var refusedAt = _engine.Now;
        _engine.Feed(refusal);
        _engine.Engine.Write(Delivered("ipxe.efi", ProgramFormat.EfiX64) with { Signature = ProgramSignature.Unsigned, Time = refusedAt.AddSeconds(-0.05) });
        _engine.Advance(3).Finish();

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal("52:54:00:12:34:56's firmware enforces Secure Boot and refused ipxe.efi because it carries no signature.", verdict.Cause);
    }

    [Fact]
    public async Task A_refusal_without_the_servers_journal_still_names_the_fault_once_the_delivery_s_grace_has_passed()
    {
        _engine.Feed(Console(BootStep.ConsoleError, ConsoleFailure.ProgramRefused)).Advance(1);
        Assert.Empty(await _engine.SaidAsync());
        _engine.Advance(1.1);

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal(FaultId.UnsignedProgram, verdict.Fault);
        Assert.Contains("refused the program it downloaded", verdict.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_program_that_runs_and_other_console_failures_are_no_alarm()
    {
        // Secure Boot off: ipxe.efi runs; a program that fails for another reason is not this fault.
        _engine.Feed(
            Request(arch: ClientArchitecture.EfiBc),
            Reply(file: "ipxe.efi"),
            Delivered("ipxe.efi", ProgramFormat.EfiX64) with { Signature = ProgramSignature.Unsigned },
            Console(BootStep.ConsoleError, ConsoleFailure.ProgramNotStarted));

        Assert.DoesNotContain(await _engine.SaidAsync(), v => v.Fault == FaultId.UnsignedProgram);
    }
}
