using System.Net;

namespace PxeKit.Server.Http;

/// <summary>Configuration of <see cref="HttpBootServer"/>. Check it with <see cref="Validate"/>.</summary>
public sealed record HttpBootOptions
{
    /// <summary>Default TCP port: 80, where iPXE and UEFI HTTP Boot look when a URL names no port.</summary>
    public const int DefaultPort = 80;

    /// <summary>The directory served. Required; nothing outside it is ever read.</summary>
    public required string Root { get; init; }

    /// <summary>The templates directory under the root: its files are rendered per client (<see cref="Files.FileTemplates"/>). Default: none.</summary>
    public Files.FileTemplates? Templates { get; init; }

    /// <summary>
    /// Address to listen on. Default: <see cref="IPAddress.Any"/>. Leave it at the default when
    /// <see cref="Interface"/> is set.
    /// </summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Any;

    /// <summary>
    /// Further addresses listened on, with the same <see cref="Port"/> (not with port 0, which picks one per address): the
    /// interface's IPv6 link-local address, with its zone, beside its global one. Default: none.
    /// </summary>
    public IReadOnlyList<IPAddress> MoreAddresses { get; init; } = [];

    /// <summary>TCP port. Default: 80. 0 lets the system pick one (tests); read it from <see cref="HttpBootServer.LocalEndPoint"/>.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// Network interface (e.g. <c>br0</c>) whose first IPv4 address is listened on, looked up when the
    /// server starts; null to use <see cref="ListenAddress"/>. Default: null.
    /// </summary>
    public string? Interface { get; init; }

    /// <summary>
    /// How long downloads under way may go on once the server is asked to stop; then their connections
    /// are cut. Default: 2 seconds.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Connections open at once, from everyone and from one address.</summary>
    public HttpConnectionLimits Connections { get; init; } = new();

    /// <summary>How long a client may take to send its request's headers. Default: 10 seconds.</summary>
    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Every problem of this configuration, all at once; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Root))
        {
            errors.Add("HTTP root: required.");
        }
        else if (!Directory.Exists(Root))
        {
            errors.Add($"HTTP root: directory '{Root}' does not exist.");
        }

        if (ListenAddress is null)
        {
            errors.Add("HTTP listen address: required.");
        }

        if (Interface is not null)
        {
            if (Interface.Length is 0 or > 15 || Interface.Contains('/', StringComparison.Ordinal) || Interface.Any(char.IsWhiteSpace))
            {
                errors.Add($"HTTP interface: '{Interface}' is not a valid interface name (1-15 characters, no '/' or spaces).");
            }

            if (ListenAddress is not null && !ListenAddress.Equals(IPAddress.Any))
            {
                errors.Add($"HTTP interface and listen address: give one of them, not both ('{Interface}' and {ListenAddress}).");
            }
        }

        if (Port is < 0 or > 65535)
        {
            errors.Add($"HTTP port: {Port} is outside 0-65535.");
        }

        errors.AddRange(Connections.Validate());

        if (ShutdownTimeout < TimeSpan.Zero || ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"HTTP shutdown timeout: {ShutdownTimeout} is outside [0, 10 min].");
        }

        return errors;
    }
}
