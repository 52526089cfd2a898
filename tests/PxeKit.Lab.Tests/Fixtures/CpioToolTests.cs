using System.IO.Compression;
using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Tests.Support;

namespace PxeKit.Lab.Tests.Fixtures;

/// <summary>Our archives, read back by GNU cpio: the reference reader decides whether they are valid.</summary>
[Trait("Category", "Integration")]
public sealed class CpioToolTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pxekit-cpio-test-");

    public void Dispose() => _directory.Delete(recursive: true);

    [HostFact(Root = false, Programs = ["cpio"], Unit = true)]
    public async Task Gnu_cpio_lists_every_entry_with_its_type_mode_and_device_numbers()
    {
        var path = Path.Combine(_directory.FullName, "test.cpio");
        await using (var file = File.Create(path))
        {
            var cpio = new CpioWriter(file);
            cpio.AddDirectory("dev");
            cpio.AddCharacterDevice("dev/console", 5, 1);
            cpio.AddFile("init", "#!/bin/busybox sh\n"u8, Permissions.Executable);
            cpio.AddSymbolicLink("sh", "bin/busybox");
            cpio.Finish();
        }

        var listing = await ListAsync(path);

        Assert.Equal(4, listing.Length);
        Assert.Matches(@"^drwxr-xr-x\s+2 root\s+root\s+0 Jan  1  1970 dev$", listing[0]);
        Assert.Matches(@"^crw-------\s+1 root\s+root\s+5,\s+1 Jan  1  1970 dev/console$", listing[1]);
        Assert.Matches(@"^-rwxr-xr-x\s+1 root\s+root\s+18 Jan  1  1970 init$", listing[2]);
        Assert.Matches(@"^lrwxrwxrwx\s+1 root\s+root\s+11 Jan  1  1970 sh -> bin/busybox$", listing[3]);
    }

    [HostFact(Root = false, Programs = ["cpio"], Unit = true)]
    public async Task The_initramfs_holds_console_proc_sys_busybox_and_an_executable_init()
    {
        var gzipped = Path.Combine(_directory.FullName, "initrd.gz");
        InitramfsBuilder.Write(RequiredProgram.Find("true"), gzipped); // any binary stands in for busybox
        var cpioPath = Path.Combine(_directory.FullName, "initrd.cpio");
        await using (var input = new GZipStream(File.OpenRead(gzipped), CompressionMode.Decompress))
        await using (var output = File.Create(cpioPath))
        {
            await input.CopyToAsync(output);
        }

        var listing = await ListAsync(cpioPath);

        Assert.Contains(listing, l => l.StartsWith("crw-------", StringComparison.Ordinal) && l.EndsWith(" dev/console", StringComparison.Ordinal));
        Assert.Contains(listing, l => l.StartsWith("drwxr-xr-x", StringComparison.Ordinal) && l.EndsWith(" proc", StringComparison.Ordinal));
        Assert.Contains(listing, l => l.StartsWith("drwxr-xr-x", StringComparison.Ordinal) && l.EndsWith(" sys", StringComparison.Ordinal));
        Assert.Contains(listing, l => l.StartsWith("-rwxr-xr-x", StringComparison.Ordinal) && l.EndsWith(" bin/busybox", StringComparison.Ordinal));
        Assert.Contains(listing, l => l.StartsWith("-rwxr-xr-x", StringComparison.Ordinal) && l.EndsWith(" init", StringComparison.Ordinal));
    }

    private static async Task<string[]> ListAsync(string archive)
    {
        var result = await new ProcessCommandRunner().RunAsync(new Command(RequiredProgram.Find("cpio"), "-t", "-v", "-F", archive));
        Assert.True(result.Succeeded, result.StandardError);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
