using System.Globalization;
using System.Text.RegularExpressions;

namespace PxeKit.Tests.Shared;

/// <summary>
/// ISC dhclient -6 run once in a namespace, with a script that prints the address and option 59 instead of configuring
/// anything: what a DHCPv6 server gave a real client.
/// </summary>
internal static partial class Dhclient6
{
    /// <summary>
    /// The address (empty after <c>-S</c>, which asks for options only) and the boot file URL. <paramref name="describe"/>
    /// adds to a failure's message (the server's output, say).
    /// </summary>
    public static async Task<(string Address, string Url)> RunAsync(
        string ns, string interfaceName, string work, Func<string> describe, string extraConfig = "", params string[] flags)
    {
        var output = Path.Combine(work, "dhclient.out");
        var script = Path.Combine(work, "dhclient.sh");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\ncase $reason in BOUND6|RENEW6) echo \"$reason address=$new_ip6_address url=$new_dhcp6_bootfile_url\" >> {output};; esac\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = Path.Combine(work, "dhclient.conf");
        await File.WriteAllTextAsync(config, "option dhcp6.bootfile-url code 59 = string;\nalso request dhcp6.bootfile-url;\n" + extraConfig);
        var pid = Path.Combine(work, "dhclient.pid");
        try
        {
            var result = await Sh.InNamespaceAsync(ns, TimeSpan.FromSeconds(60),
                ["dhclient", "-6", "-1", "-v", .. flags, "-cf", config, "-sf", script, "-lf", Path.Combine(work, "dhclient.leases"), "-pf", pid, interfaceName]);
            Assert.True(result.ExitCode == 0, result.All + "\n--- server:\n" + describe());
            var text = File.Exists(output) ? await File.ReadAllTextAsync(output) : "";
            var bound = Bound().Match(text);
            Assert.True(bound.Success, "script: " + text + result.All + "\n--- server:\n" + describe());
            return (bound.Groups[1].Value, bound.Groups[2].Value);
        }
        finally
        {
            // dhclient goes to the background once bound (not after -S): end it by the PID it wrote, which its child may
            // write a moment after the parent has returned; one that failed writes none.
            for (var deadline = DateTime.UtcNow.AddSeconds(flags.Contains("-S") ? 0 : 5); !File.Exists(pid) && DateTime.UtcNow < deadline;)
            {
                await Task.Delay(20);
            }

            if (File.Exists(pid) && int.TryParse((await File.ReadAllTextAsync(pid)).Trim(), out int id))
            {
                await Sh.RunAsync("kill", id.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    // dhclient 4.4 runs its script with RENEW6 for the Reply to an Information-request (-S), BOUND6 for an address.
    [GeneratedRegex(@"(?:BOUND6|RENEW6) address=(\S*) url=(\S*)")]
    private static partial Regex Bound();
}
