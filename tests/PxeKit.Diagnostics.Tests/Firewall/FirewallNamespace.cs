using System.Globalization;
using PxeKit.Core.Processes;

namespace PxeKit.Diagnostics.Tests.Firewall;

/// <summary>
/// A network namespace of this test's own (<c>pxkf-</c> prefix unless told another), so every rule a test adds lives and dies in it:
/// deleting the namespace removes its iptables, iptables-legacy and nft rules. Needs root.
/// </summary>
internal sealed class FirewallNamespace : IAsyncDisposable
{
    private readonly ProcessCommandRunner _runner = new();

    private FirewallNamespace(string name) => Name = name;

    public string Name { get; }

    public static async Task<FirewallNamespace> CreateAsync(string prefix = "pxkf-")
    {
        Assert.True(Environment.UserName == "root", "Firewall integration tests create network namespaces and must run as root.");
        foreach (var program in (string[])["ip", "iptables", "iptables-save", "iptables-legacy", "iptables-legacy-save", "ip6tables", "ip6tables-save", "ip6tables-legacy-save", "nft"])
        {
            RequireProgram(program);
        }

        var name = prefix + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
        var created = new FirewallNamespace(name);
        (await created._runner.RunAsync(new Command("ip", "netns", "add", name))).ThrowIfFailed("Creating the test namespace");
        return created;
    }

    /// <summary>Runs a program inside the namespace; a failure fails the test.</summary>
    public async Task RunAsync(params string[] command)
    {
        var inside = new Command(command[0], command[1..]).Prefixed("ip", "netns", "exec", Name);
        (await _runner.RunAsync(inside)).ThrowIfFailed("Test setup");
    }

    /// <summary>Runs a command as a finding gives it (already prefixed with <c>ip netns exec</c>).</summary>
    public async Task RunAsIsAsync(Command command) =>
        (await _runner.RunAsync(command)).ThrowIfFailed("Running a finding's command");

    public async ValueTask DisposeAsync() =>
        await _runner.RunAsync(new Command("ip", "netns", "del", Name));

    /// <summary>A missing program fails the test; it never skips it.</summary>
    private static void RequireProgram(string name)
    {
        string[] directories = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", .. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')];
        Assert.True(
            directories.Any(d => d.Length > 0 && File.Exists(Path.Combine(d, name))),
            $"This test needs the program '{name}', which is not installed: run scripts/install-deps.sh.");
    }
}
