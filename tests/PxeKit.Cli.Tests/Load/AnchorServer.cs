using System.Diagnostics;

namespace PxeKit.Cli.Tests.Load;

/// <summary>Another TFTP server (tftpd-hpa, atftpd) started in a namespace in the foreground; killed by its PID on dispose.</summary>
internal sealed class AnchorServer : IDisposable
{
    private readonly Process _process;

    private AnchorServer(Process process) => _process = process;

    /// <summary>Starts the program, failing the test with a reason when it is not installed.</summary>
    public static async Task<AnchorServer> StartAsync(string ns, string program, params string[] arguments)
    {
        Assert.True(File.Exists(program), $"{program} is not installed: run scripts/install-deps.sh as root");
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", ns, program, .. arguments])
        {
            info.ArgumentList.Add(a);
        }

        var server = new AnchorServer(Process.Start(info)!);
        await Task.Delay(300);
        if (server._process.HasExited)
        {
            Assert.Fail($"{program} exited at once: {await server._process.StandardError.ReadToEndAsync()}");
        }

        return server;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
