using System.IO.Compression;
using System.Text;

namespace PxeKit.Lab.Fixtures;

/// <summary>
/// Builds the busybox initramfs (gzip-compressed newc cpio): <c>/dev/console</c> (character device 5,1),
/// <c>/proc</c>, <c>/sys</c>, <c>/bin/busybox</c> and an executable <c>/init</c>. No root needed.
/// </summary>
public static class InitramfsBuilder
{
    /// <summary>Major and minor number of <c>/dev/console</c> (Documentation/admin-guide/devices.txt).</summary>
    public const int ConsoleMajor = 5;

    public const int ConsoleMinor = 1;

    /// <summary>Writes the initramfs for the static busybox at <paramref name="busyboxPath"/> to <paramref name="output"/>.</summary>
    public static void Write(string busyboxPath, Stream output)
    {
        var busybox = File.ReadAllBytes(busyboxPath);
        using var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
        var cpio = new CpioWriter(gzip);
        cpio.AddDirectory("dev");
        cpio.AddCharacterDevice("dev/console", ConsoleMajor, ConsoleMinor);
        cpio.AddDirectory("proc");
        cpio.AddDirectory("sys");
        cpio.AddDirectory("bin");
        cpio.AddFile("bin/busybox", busybox, Permissions.Executable);
        cpio.AddFile("init", Encoding.ASCII.GetBytes(BootFixture.InitScript), Permissions.Executable);
        cpio.Finish();
    }

    /// <summary>Writes the initramfs to a file.</summary>
    public static void Write(string busyboxPath, string outputPath)
    {
        using var output = File.Create(outputPath);
        Write(busyboxPath, output);
    }
}
