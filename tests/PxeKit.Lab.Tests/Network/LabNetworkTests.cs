using System.Net;
using PxeKit.Core.Processes;
using PxeKit.Lab.Network;
using PxeKit.Lab.Tests.Support;

namespace PxeKit.Lab.Tests.Network;

/// <summary>Builds and removes a real lab (own prefix, so parallel runs never meet). Needs root and iproute2.</summary>
[Trait("Category", "Integration")]
public sealed class LabNetworkTests : IAsyncLifetime
{
    private readonly LabNetwork _lab = new(
        LabNetworkOptions.WithPrefix("pxkn" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture), IPAddress.Parse("10.47.201.1")),
        new ProcessCommandRunner());

    public Task InitializeAsync()
    {
        RequiredProgram.RequireRoot();
        RequiredProgram.Find("ip");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _lab.DownAsync();

    [HostFact]
    public async Task Up_builds_bridge_and_tap_status_sees_them_down_removes_everything()
    {
        await _lab.UpAsync();
        var up = await _lab.StatusAsync();

        Assert.True(up.IsUp, string.Join('\n', up.Describe()));
        Assert.True(up.Find("lo")?.IsUp);
        Assert.Equal(_lab.Options.Bridge, up.Find(_lab.Options.Tap)?.Master);

        var removed = await _lab.DownAsync();
        var down = await _lab.StatusAsync();

        Assert.Contains($"removed namespace {_lab.Options.Namespace}", removed);
        Assert.False(down.NamespaceExists);
        Assert.Empty(await _lab.DownAsync()); // idempotent
    }

    [HostFact]
    public async Task A_second_up_fails_clearly_and_leaves_the_first_lab_alone()
    {
        await _lab.UpAsync();

        var error = await Assert.ThrowsAsync<CommandException>(() => _lab.UpAsync());

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.True((await _lab.StatusAsync()).IsUp);
    }

    [HostFact]
    public async Task Down_removes_the_labs_leftover_namespaces_and_ends_their_processes_and_leaves_others_with_the_prefix()
    {
        var leftover = _lab.Options.DhcpNamespace;
        var someoneElses = _lab.Options.Prefix + "-mine";
        var runner = new ProcessCommandRunner();
        (await runner.RunAsync(new Command("ip", "netns", "add", leftover))).ThrowIfFailed("test setup");
        (await runner.RunAsync(new Command("ip", "netns", "add", someoneElses))).ThrowIfFailed("test setup");
        try
        {
            await using var sleeper = BackgroundProcess.Start(new Command("ip", "netns", "exec", leftover, "sleep", "300"), Path.GetTempFileName());

            var status = await _lab.StatusAsync();
            var removed = await _lab.DownAsync();

            Assert.Equal([leftover], status.Leftovers);
            Assert.Contains($"removed namespace {leftover}", removed);
            Assert.Contains(removed, r => r.StartsWith($"ended process {sleeper.Pid}", StringComparison.Ordinal));
            Assert.True(sleeper.HasExited);
            Assert.DoesNotContain($"removed namespace {someoneElses}", removed);
            Assert.Contains(someoneElses, (await runner.RunAsync(new Command("ip", "netns", "list"))).StandardOutput, StringComparison.Ordinal);
            File.Delete(sleeper.OutputPath);
        }
        finally
        {
            await runner.RunAsync(new Command("ip", "netns", "del", someoneElses));
        }
    }
}
