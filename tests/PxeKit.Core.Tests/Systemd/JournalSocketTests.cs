using PxeKit.Core.Events;
using PxeKit.Core.Systemd;
using PxeKit.Core.Verdicts;

namespace PxeKit.Core.Tests.Systemd;

public sealed class JournalSocketTests
{
    [Fact]
    public async Task A_verdict_reaches_the_journal_with_its_mac_step_fault_id_and_priority()
    {
        using var journald = new NotifySocket();
        using var journal = new JournalSocket(journald.Name);
        var verdict = Verdict.Of(FaultId.DhcpDroppedOnHost, "52:54:00:12:34:56", "cause.", "", "fix.");
        var e = new BootEvent { Time = DateTimeOffset.UnixEpoch, Step = BootStep.Diagnosis, Mac = "52:54:00:12:34:56", Verdict = verdict };

        Assert.True(journal.Send(BootEventJournalFields.For(e, "52:54:00:12:34:56  diagnosis  cause.\nfix.")));

        var fields = JournalDatagram.Parse(await journald.ReceiveAsync());
        Assert.Equal<(string, string)>(
            [
                ("MESSAGE", "52:54:00:12:34:56  diagnosis  cause.\nfix."),
                ("PRIORITY", "4"),
                ("SYSLOG_IDENTIFIER", "pxekit"),
                ("STEP", "Diagnosis"),
                ("MAC", "52:54:00:12:34:56"),
                ("FAULT_ID", "dhcp-dropped-on-host"),
            ],
            fields);
    }

    [Fact]
    public async Task A_transfer_has_its_client_address_and_file()
    {
        using var journald = new NotifySocket();
        using var journal = new JournalSocket(journald.Name);
        var e = new BootEvent { Time = DateTimeOffset.UnixEpoch, Step = BootStep.TftpComplete, Mac = "52:54:00:12:34:56", Address = "10.47.0.100", File = "pxelinux.0" };

        journal.Send(BootEventJournalFields.For(e, "done"));

        var fields = JournalDatagram.Parse(await journald.ReceiveAsync()).ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal(("6", "TftpComplete", "10.47.0.100", "pxelinux.0"), (fields["PRIORITY"], fields["STEP"], fields["CLIENT_ADDRESS"], fields["BOOT_FILE"]));
        Assert.False(fields.ContainsKey("FAULT_ID"));
    }

    [Fact]
    public void A_journal_that_does_not_read_costs_a_dropped_entry_not_a_wait()
    {
        using var journald = new NotifySocket();
        journald.Socket.ReceiveBufferSize = 4096;
        using var journal = new JournalSocket(journald.Name);
        var entry = new JournalFields().Add("MESSAGE", new string('x', 1000));

        // Nobody reads: the socket's queue fills, and Send returns instead of blocking (bounded: the queue is small).
        int sent = 0;
        while (journal.Send(entry) && sent < 100_000)
        {
            sent++;
        }

        Assert.True(sent < 100_000, "the journal never filled up");
        Assert.Equal(1, journal.Dropped);
    }

    [Fact]
    public void No_journal_socket_is_a_dropped_entry_too()
    {
        using var journal = new JournalSocket(Path.Combine(Path.GetTempPath(), $"pxekit-nojournal-{Guid.NewGuid():N}"));

        Assert.False(journal.Send(new JournalFields().Add("MESSAGE", "x")));
        Assert.Equal(1, journal.Dropped);
    }

    [Fact]
    public void Only_a_service_whose_output_goes_to_the_journal_writes_to_it()
    {
        using var journald = new NotifySocket();

        Assert.True(JournalSocket.IsJournalAvailable(name => name == "JOURNAL_STREAM" ? "8:12345" : null, journald.Name));
        Assert.False(JournalSocket.IsJournalAvailable(_ => null, journald.Name));
        Assert.False(JournalSocket.IsJournalAvailable(name => name == "JOURNAL_STREAM" ? "8:12345" : null, journald.Name + ".absent"));
    }
}
