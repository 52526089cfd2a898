namespace PxeKit.Core.Events;

/// <summary>A process that holds a socket on a port: its PID and program, when this user may see them.</summary>
public sealed record PortHolder(int? Pid, string? Program, bool IsPxeKit)
{
    /// <summary>For people: <c>dnsmasq (pid 812)</c>.</summary>
    public override string ToString() => Pid is { } pid ? $"{Program} (pid {pid})" : "a process this user cannot see";
}
