using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Dhcp;

/// <summary>
/// What an ACK waits for: its lease on disk. When the store cannot write (a full disk), a client renewing a lease that
/// is already on disk is still ACKed, for the time that lease has left and no longer; a lease that could not be stored
/// is not ACKed (the listener drops the reply, as it would otherwise promise what a restart forgets). The outage is
/// said once, and its end journaled.
/// </summary>
public sealed partial class FullDhcpHandler
{
    private LeaseStoreFailure? _storeFailing;
    private int _notExtended;
    private int _notStored;

    /// <summary>The task the ACK waits for: it completes once the lease is durable, or the ACK is rewritten to what is.</summary>
    private Task AfterCommit(LeaseCommit commit, DhcpRequestContext context, DhcpMessage reply)
    {
        if (commit.Durable.IsCompletedSuccessfully)
        {
            Stored(commit);
            return Task.CompletedTask;
        }

        return SettleAsync(commit, context, reply);
    }

    private async Task SettleAsync(LeaseCommit commit, DhcpRequestContext context, DhcpMessage reply)
    {
        try
        {
            await commit.Durable.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            lock (_pool.Gate)
            {
                if (!AckWhatIsStored(commit, context, reply, e))
                {
                    throw;
                }
            }

            return;
        }

        lock (_pool.Gate)
        {
            Stored(commit);
        }
    }

    private void Stored(LeaseCommit commit)
    {
        _pool.Stored(commit);
        if (_storeFailing is null)
        {
            return;
        }

        _storeFailing = null;
        Log.LeaseStoreRecovered(_logger, _notExtended, _notStored);
        _events.Record(new BootEvent
        {
            Time = _time.GetUtcNow(),
            Step = BootStep.LeaseStoreRecovered,
            Detail = $"the lease store writes again: leases are extended as before ({_notExtended} renewals were ACKed without extension and {_notStored} leases were not given meanwhile)",
        });
        _notExtended = _notStored = 0;
    }

    /// <summary>
    /// The lease could not be stored. True when the client renewed a lease that is on disk and has time left: the ACK
    /// now gives that time and that expiry. False when nothing durable backs it: no ACK.
    /// </summary>
    private bool AckWhatIsStored(LeaseCommit commit, DhcpRequestContext context, DhcpMessage reply, Exception error)
    {
        if (_storeFailing is null)
        {
            var failure = LeaseStoreErrors.Classify(error);
            _storeFailing = failure;
            Log.LeaseStoreFailed(_logger, failure.ToString(), error.Message);
            var what = failure == LeaseStoreFailure.DiskFull ? "the disk is full" : $"the lease store cannot write ({error.Message})";
            _events.Record(new BootEvent
            {
                Time = _time.GetUtcNow(),
                Step = BootStep.LeaseStoreFailed,
                LeaseStore = failure,
                Detail = $"{what}: leases are not extended; a renewing client is ACKed with the time its stored lease has left, a new client gets no lease",
            });
        }

        if (_pool.NotStored(commit) is not { } stored)
        {
            _notStored++;
            return false;
        }

        _notExtended++;
        SetLeaseTime(reply, stored.Left);
        var address = stored.Lease.Address;
        DhcpJournal.Reply(BootStep.DhcpAck, context, reply, $"ack {address} until {stored.Lease.Expires:HH:mm:ss}, not extended: the lease store cannot write{DescribeBoot(reply)}", address);
        return true;
    }
}
