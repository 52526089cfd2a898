using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Server.Tftp;

/// <summary>
/// Counts the requests refused over a cap, per <see cref="TftpLimit"/>, and journals them as summaries
/// instead of one event each at flood rate: the first refusal after a quiet <see cref="Period"/> at once
/// (so a single refused client is seen when it happens), then what piled up, once per period, with the
/// last client and file it concerned. Nothing is allocated for a refusal that is only counted.
/// </summary>
internal sealed class TftpRefusalTally : IDisposable
{
    /// <summary>How often refusals over a cap are summarised, at most.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly long[] _total = new long[Enum.GetValues<TftpLimit>().Length];
    private readonly Pending[] _pending = [.. Enum.GetValues<TftpLimit>().Select(_ => new Pending())];
    private readonly TftpLimits _limits;
    private readonly ILogger _logger;
    private readonly IBootJournal _journal;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private long _reportedAt;
    private bool _reportedOnce;

    public TftpRefusalTally(TftpLimits limits, ILogger logger, IBootJournal journal, TimeProvider time)
    {
        _limits = limits;
        _logger = logger;
        _journal = journal;
        _time = time;
        _timer = time.CreateTimer(_ => Flush(), null, Period, Period);
    }

    /// <summary>Requests refused over this cap since the server started.</summary>
    public long Count(TftpLimit limit) => Interlocked.Read(ref _total[(int)limit]);

    /// <summary>Counts one refused request; journals at once when nothing was reported for a period.</summary>
    public void Refused(TftpLimit limit, in TftpPacket request, IPEndPoint client, IPAddress server)
    {
        Interlocked.Increment(ref _total[(int)limit]);
        lock (_gate)
        {
            var pending = _pending[(int)limit];
            pending.Count++;
            pending.Client = client;
            pending.Server = server;
            pending.Opcode = request.Opcode;
            pending.Mode = request.Mode;
            var name = request.FileName[..Math.Min(request.FileName.Length, pending.File.Length)];
            name.CopyTo(pending.File);
            pending.FileLength = name.Length;
            if (!_reportedOnce || _time.GetElapsedTime(_reportedAt) >= Period)
            {
                ReportLocked();
            }
        }
    }

    /// <summary>Journals what is pending; called by the timer and when the server stops.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            ReportLocked();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }

    private void ReportLocked()
    {
        var reported = false;
        for (var i = 0; i < _pending.Length; i++)
        {
            var pending = _pending[i];
            if (pending.Count == 0 || pending.Client is null)
            {
                continue;
            }

            var limit = (TftpLimit)i;
            var cap = limit == TftpLimit.PerClient ? _limits.MaxTransfersPerClient : _limits.MaxTransfers;
            var file = Encoding.Latin1.GetString(pending.File, 0, pending.FileLength);
            var detail = $"{pending.Count} request(s) over the {(limit == TftpLimit.PerClient ? "per-client" : "server")} limit of {cap} transfers at once, not answered";
            _logger.RefusedOverLimit(pending.Count, limit, cap, pending.Client);
            _journal.Record(new BootEvent
            {
                Time = _time.GetUtcNow(),
                Step = BootStep.TftpRefused,
                Address = pending.Client.Address.ToString(),
                Server = pending.Server?.ToString(),
                File = file,
                Tftp = new TftpFacts { Opcode = pending.Opcode, Mode = pending.Mode, Limit = limit, Refusals = pending.Count },
                Detail = detail,
            });
            pending.Count = 0;
            reported = true;
        }

        // A period without a report is quiet: the next refusal after it is journaled at once.
        if (reported)
        {
            _reportedAt = _time.GetTimestamp();
            _reportedOnce = true;
        }
    }

    /// <summary>Refusals over one cap not journaled yet, and the last of them; its name buffer is reused.</summary>
    private sealed class Pending
    {
        public long Count;
        public IPEndPoint? Client;
        public IPAddress? Server;
        public TftpOpcode Opcode;
        public TftpMode Mode;
        public readonly byte[] File = new byte[TftpConstants.MaxFileNameLength];
        public int FileLength;
    }
}
