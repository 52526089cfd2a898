namespace PxeKit.Cli.Config;

/// <summary>The <c>tftp:</c> section of the configuration file.</summary>
public sealed class TftpSection
{
    /// <summary>Accept write requests (WRQ) into the root. Off unless set.</summary>
    public bool? AllowWrite { get; set; }

    /// <summary>Transfers at once, all clients together (<c>max-transfers</c>).</summary>
    public int? MaxTransfers { get; set; }

    /// <summary>Transfers at once from one client address (<c>max-transfers-per-client</c>).</summary>
    public int? MaxTransfersPerClient { get; set; }

    /// <summary>Longest time one transfer may take, as a duration (<c>transfer-lifetime</c>).</summary>
    public string? TransferLifetime { get; set; }

    /// <summary>Longest wait for one packet, as a duration; a client's longer timeout is not acknowledged (<c>max-timeout</c>).</summary>
    public string? MaxTimeout { get; set; }
}
