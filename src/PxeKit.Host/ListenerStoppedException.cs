namespace PxeKit.Host;

/// <summary>A listener of the server ended while the server was meant to run: its socket failed, or it returned.</summary>
public sealed class ListenerStoppedException : Exception
{
    public ListenerStoppedException()
    {
    }

    public ListenerStoppedException(string message)
        : base(message)
    {
    }

    public ListenerStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private ListenerStoppedException(string listener, string message, Exception? cause)
        : base(message, cause) => Listener = listener;

    /// <summary>Which listener: DHCP, TFTP, HTTP.</summary>
    public string Listener { get; } = "";

    /// <summary>The listener <paramref name="listener"/> ended, failing with <paramref name="cause"/> or (null) returning on its own.</summary>
    public static ListenerStoppedException Of(string listener, Exception? cause) =>
        new(listener, cause is null ? $"the {listener} listener stopped" : $"the {listener} listener failed: {cause.Message}", cause);
}
