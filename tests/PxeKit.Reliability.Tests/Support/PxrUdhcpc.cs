namespace PxeKit.Reliability.Tests.Support;

/// <summary>busybox udhcpc in the client namespace, with a script that prints what it was given on one line.</summary>
internal static class PxrUdhcpc
{
    /// <summary>Writes the script into <paramref name="directory"/>: on <c>bound</c> it prints <c>LEASE ip=... host=... dns=...</c>.</summary>
    public static async Task<string> WriteScriptAsync(string directory)
    {
        var path = Path.Combine(directory, "udhcpc.sh");
        await File.WriteAllTextAsync(path, "#!/bin/sh\n[ \"$1\" = bound ] && echo \"LEASE ip=$ip host=$hostname dns=$dns\"\nexit 0\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>One run: five DISCOVERs a second apart at most, then it exits (30 s at most).</summary>
    public static Task<Sh.Result> RunAsync(PxrNetwork net, string script) =>
        net.ClientAsync(TimeSpan.FromSeconds(30),
            "busybox", "udhcpc", "-i", net.ClientInterface, "-n", "-q", "-f", "-t", "5", "-T", "1", "-A", "1", "-s", script);
}
