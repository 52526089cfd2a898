using System.Diagnostics;
using System.Text;

namespace PxeKit.Cli.Tests.Import;

/// <summary>dnsmasq run from one configuration file in a network namespace, for the import's round trips.</summary>
internal static class DnsmasqProcess
{
    /// <summary>
    /// Runs dnsmasq with only <paramref name="conf"/> in the namespace <paramref name="ns"/> while <paramref name="use"/>
    /// runs, then ends it by its PID; returns what <paramref name="use"/> gave and dnsmasq's log.
    /// </summary>
    public static async Task<(T Answers, string Log)> RunWhileAsync<T>(string ns, string conf, Func<Task<T>> use)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["netns", "exec", ns, "dnsmasq", "--no-daemon", "--log-facility=-", "--pid-file=", $"--conf-file={conf}"])
        {
            info.ArgumentList.Add(argument);
        }

        var log = new StringBuilder();
        using var dnsmasq = Process.Start(info)!; // ip netns exec runs dnsmasq in its own place: this PID is dnsmasq's
        dnsmasq.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        dnsmasq.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        dnsmasq.BeginErrorReadLine();
        dnsmasq.BeginOutputReadLine();
        try
        {
            await Eventually.HoldsAsync(() => { lock (log) { return log.ToString().Contains("DHCP, IP range", StringComparison.Ordinal) || dnsmasq.HasExited; } }, TimeSpan.FromSeconds(10));
            Assert.False(dnsmasq.HasExited, "dnsmasq exited:\n" + log);
            var answers = await use();
            lock (log)
            {
                return (answers, log.ToString());
            }
        }
        finally
        {
            if (!dnsmasq.HasExited)
            {
                dnsmasq.Kill();
            }

            await dnsmasq.WaitForExitAsync();
        }
    }
}
