using System.Net.Sockets;
using PxeKit.Core.Interop;

namespace PxeKit.Core.Tests.Interop;

public sealed class RuntimeIpcFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pxekit-ipc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_three_files_of_the_process_go_and_every_other_file_stays()
    {
        // The diagnostics server's is a socket, as the runtime makes it; the debugger's two are plain files here.
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(_directory, "dotnet-diagnostic-4242-917-socket")));
        string[] own = ["clr-debug-pipe-4242-917-in", "clr-debug-pipe-4242-917-out"];
        string[] others =
        [
            "dotnet-diagnostic-42420-917-socket", // another process, whose id starts with the same digits
            "clr-debug-pipe-424-917-in",
            "dotnet-diagnostic-4242",
            "pxekit-4242-leases.db",
        ];
        foreach (var name in own.Concat(others))
        {
            File.WriteAllText(Path.Combine(_directory, name), "");
        }

        Assert.Equal(3, RuntimeIpcFiles.RemoveOwn(_directory, 4242));

        Assert.Equal(others.Order(StringComparer.Ordinal), Directory.EnumerateFileSystemEntries(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_directory_removes_nothing() =>
        Assert.Equal(0, RuntimeIpcFiles.RemoveOwn(Path.Combine(_directory, "gone"), 4242));
}
