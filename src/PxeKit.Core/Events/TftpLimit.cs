namespace PxeKit.Core.Events;

/// <summary>
/// Which cap on concurrent transfers refused a TFTP request (<see cref="BootStep.TftpRefused"/> with
/// <see cref="TftpFacts.Limit"/>). Such a request is answered with silence: no socket, no file.
/// </summary>
public enum TftpLimit
{
    /// <summary>Its client address already had as many transfers as one address may hold.</summary>
    PerClient,

    /// <summary>The server already had as many transfers as it runs at once.</summary>
    Server,
}
