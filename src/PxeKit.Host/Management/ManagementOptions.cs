using System.Net;

namespace PxeKit.Host.Management;

/// <summary>Where the management listener (<see cref="ManagementServer"/>) listens. Check it with <see cref="Validate"/>.</summary>
public sealed record ManagementOptions
{
    /// <summary>Default TCP port: 9715.</summary>
    public const int DefaultPort = 9715;

    /// <summary>
    /// Address to listen on. Default: 127.0.0.1. Only a loopback address is taken for now: another needs a bearer token,
    /// which this version does not have yet.
    /// </summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port. Default: <see cref="DefaultPort"/>; 0 lets the system pick one, read from <see cref="ManagementServer.LocalEndPoint"/>.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>How many connections at once: a few scrapers and an operator's curl. Default: 16.</summary>
    public int MaxConnections { get; init; } = 16;

    /// <summary>How long a request under way may go on once the listener is asked to stop. Default: 2 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Every problem with these options, one sentence each; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Address is null)
        {
            errors.Add("management address: required.");
        }
        else if (!IPAddress.IsLoopback(Address))
        {
            errors.Add($"management address: {Address} is not a loopback address; the management listener serves other hosts only with a bearer token, which this version does not support yet: bind it to 127.0.0.1 or ::1 (and reach it through an SSH tunnel or a reverse proxy).");
        }

        if (Port is < 0 or > 65535)
        {
            errors.Add($"management port: {Port} is not a TCP port (0-65535; 0 lets the system pick one).");
        }

        if (MaxConnections < 1)
        {
            errors.Add($"management connections: {MaxConnections} must be at least 1.");
        }

        if (ShutdownTimeout < TimeSpan.Zero)
        {
            errors.Add("management shutdown timeout: must not be negative.");
        }

        return errors;
    }
}
