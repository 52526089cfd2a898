using System.Diagnostics;

namespace PxeKit.Reliability.Tests.Support;

/// <summary>Debian's four TFTP clients, each fetching one file from the server in the client namespace.</summary>
internal static class PxrTftpClients
{
    public static IReadOnlyList<string> Names { get; } = ["tftp-hpa", "atftp", "curl", "busybox"];

    /// <summary>
    /// Fetches <paramref name="file"/> into <paramref name="destination"/>; returns the client's result and the
    /// time it took. A <paramref name="windowSize"/> above 0 makes atftp ask for RFC 7440 windows.
    /// </summary>
    public static async Task<(Sh.Result Result, TimeSpan Elapsed)> GetAsync(PxrNetwork net, string client, string file, string destination, TimeSpan limit, int windowSize = 0)
    {
        string[] command = client switch
        {
            // tftp-hpa reads its commands from stdin: retransmit every second, give up after the limit.
            "tftp-hpa" => ["bash", "-c", $"printf 'binary\\nrexmt 1\\ntimeout {(int)limit.TotalSeconds}\\nget {file} {destination}\\nquit\\n' | tftp {PxrNetwork.ServerAddress}"],
            "atftp" when windowSize > 0 => ["atftp", "--get", "-r", file, "-l", destination, "--option", "blksize 1024", "--option", $"windowsize {windowSize}", PxrNetwork.ServerAddress],
            "atftp" => ["atftp", "--get", "-r", file, "-l", destination, "--option", "blksize 1024", PxrNetwork.ServerAddress],
            "curl" => ["curl", "-sS", "--tftp-blksize", "1024", "--max-time", ((int)limit.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", destination, $"tftp://{PxrNetwork.ServerAddress}/{file}"],
            "busybox" => ["busybox", "tftp", "-b", "1024", "-g", "-r", file, "-l", destination, PxrNetwork.ServerAddress],
            _ => throw new ArgumentException($"unknown TFTP client {client}", nameof(client)),
        };
        PxrTools.Require(command[0] == "bash" ? "tftp" : command[0], client == "tftp-hpa" ? "tftp-hpa" : client);
        var watch = Stopwatch.StartNew();
        var result = await net.ClientAsync(limit + TimeSpan.FromSeconds(15), command);
        return (result, watch.Elapsed);
    }
}
