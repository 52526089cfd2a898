namespace PxeKit.Diagnostics.Doctor;

/// <summary>A process holding a socket.</summary>
/// <param name="Name">The process name (<c>/proc/PID/comm</c>), or <c>pxekit</c> for PxeKit run through <c>dotnet</c>.</param>
public sealed record SocketOwner(int Pid, string Name)
{
    public bool IsPxeKit => Name == "pxekit";

    public override string ToString() => $"{Name} (pid {Pid})";
}
