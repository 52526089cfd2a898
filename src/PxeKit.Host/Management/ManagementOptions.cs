using System.Net;

namespace PxeKit.Host.Management;

/// <summary>Where the management listener (<see cref="ManagementServer"/>) listens. Check it with <see cref="Validate"/>.</summary>
public sealed record ManagementOptions
{
    /// <summary>Default TCP port: 9715.</summary>
    public const int DefaultPort = 9715;

    /// <summary>
    /// Address to listen on. Default: 127.0.0.1. Another address needs <see cref="Token"/>: the API changes what machines
    /// boot.
    /// </summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port. Default: <see cref="DefaultPort"/>; 0 lets the system pick one, read from <see cref="ManagementServer.LocalEndPoint"/>.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// The bearer token every request must carry (<c>Authorization: Bearer TOKEN</c>), read from the file
    /// <c>management.token-file</c> names. Null: none is asked for, which only a loopback address allows.
    /// </summary>
    public string? Token { get; init; }

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
        else if (!IPAddress.IsLoopback(Address) && Token is null)
        {
            errors.Add($"management address: {Address} is not a loopback address, and the management API changes what machines boot: give it a bearer token (management.token-file: a file with a long random token, e.g. 'openssl rand -hex 32'), or bind it to 127.0.0.1 and reach it through an SSH tunnel.");
        }

        if (Token is { } token && token.Length < 16)
        {
            errors.Add("management token: shorter than 16 characters; make a long random one (openssl rand -hex 32).");
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
