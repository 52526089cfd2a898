using System.Diagnostics;
using System.Net;

namespace PxeKit.Load;

/// <summary>
/// Plays <see cref="StormOptions.Clients"/> machines powered on together, in the mix BIOS, UEFI x64,
/// arm64 (one after the other by client number), each on its own thread, all stopped at the limit.
/// </summary>
public static class StormRunner
{
    private static readonly StormArchitecture[] Mix = [StormArchitecture.Bios, StormArchitecture.UefiX64, StormArchitecture.Arm64];

    public static LoadReport Run(StormOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Clients, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Clients, StormOptions.MaxClients);
        using var dhcp = new DhcpClientSocket(options.Interface);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false, AutomaticDecompression = DecompressionMethods.None };
        using var http = new HttpClient(handler) { Timeout = options.Limit };
        var results = new StormClientResult[options.Clients];
        var deadline = DateTime.UtcNow + options.Limit;
        using var start = new ManualResetEventSlim();
        var threads = new Thread[options.Clients];
        for (var i = 0; i < options.Clients; i++)
        {
            var index = i;
            var client = new StormClient(options, index + 1, Mix[index % Mix.Length]);
            threads[i] = new Thread(() =>
            {
                start.Wait();
                results[index] = client.Run(dhcp, http, deadline);
            }, maxStackSize: 256 * 1024)
            { IsBackground = true, Name = $"storm-{index}" };
            threads[i].Start();
        }

        var wall = Stopwatch.StartNew();
        start.Set();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        wall.Stop();
        return new LoadReport
        {
            Kind = "storm",
            Clients = options.Clients,
            Failures = [.. results.Where(r => !r.Succeeded).Select(r => r.Error!)],
            Wall = wall.Elapsed,
            Bytes = results.Sum(r => r.Bytes),
            Times = [.. results.Where(r => r.Succeeded).Select(r => r.Elapsed)],
        };
    }
}
