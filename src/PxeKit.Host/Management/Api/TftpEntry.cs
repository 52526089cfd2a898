namespace PxeKit.Host.Management;

/// <summary>The TFTP server's settings.</summary>
public sealed record TftpEntry(int Port, bool AllowWrite, int MaxTransfers, int MaxTransfersPerClient, long TransferLifetimeSeconds);
