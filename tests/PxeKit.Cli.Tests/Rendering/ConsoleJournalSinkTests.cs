using PxeKit.Cli.Rendering;
using PxeKit.Core.Events;

namespace PxeKit.Cli.Tests.Rendering;

/// <summary>Serve's terminal lines: who a step is about.</summary>
public sealed class ConsoleJournalSinkTests
{
    /// <summary>
    /// Regression: a router solicitation answered from the unspecified source <c>::</c> (a host without an address yet)
    /// printed "::" in the MAC column, as if that named a machine.
    /// </summary>
    [Theory]
    [InlineData("::")]
    [InlineData("0.0.0.0")]
    public void An_unspecified_address_names_nobody_in_the_mac_column(string unspecified)
    {
        var answered = new BootEvent { Time = DateTimeOffset.UnixEpoch, Step = BootStep.RouterSolicitationAnswered, Address = unspecified, Detail = "answered" };

        Assert.Equal("-", ConsoleJournalSink.Who(answered));
        Assert.DoesNotContain(unspecified, ConsoleJournalSink.Format(answered), StringComparison.Ordinal);
    }

    [Fact]
    public void The_mac_comes_first_then_an_address()
    {
        Assert.Equal("52:54:00:12:34:56", ConsoleJournalSink.Who(new BootEvent { Time = default, Step = BootStep.RouterSolicitationAnswered, Mac = "52:54:00:12:34:56", Address = "fe80::1" }));
        Assert.Equal("fe80::5054:ff:fe12:3456", ConsoleJournalSink.Who(new BootEvent { Time = default, Step = BootStep.RouterSolicitationAnswered, Address = "fe80::5054:ff:fe12:3456" }));
    }
}
