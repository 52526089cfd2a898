namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// The linux-arm64 Native AOT pxekit (scripts/publish-aot.sh --arch arm64, cross-linked here), run by qemu-user as a
/// Raspberry Pi would run it: <c>qemu-aarch64-static -L ROOT pxekit</c>, ROOT being Debian's arm64 libc and libpcap0.8
/// unpacked by scripts/arm64-root.sh. Published once per source state: the publish takes minutes, so a binary
/// already published from the same sources under artifacts/aot-arm64 is reused (publish-aot.sh --reuse).
/// </summary>
internal static class Arm64Pxekit
{
    /// <summary>ELF e_machine of AArch64 (EM_AARCH64), at offset 18 of the ELF header.</summary>
    private const ushort ElfMachineAarch64 = 183;

    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(20);
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static IReadOnlyList<string>? _program;

    /// <summary>The command that runs the arm64 pxekit under qemu-user; its arguments follow.</summary>
    public static async Task<IReadOnlyList<string>> ProgramAsync()
    {
        await Once.WaitAsync();
        try
        {
            return _program ??= await PrepareAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    /// <summary>Whether <paramref name="path"/> is an ELF program for AArch64.</summary>
    public static bool IsAarch64Elf(string path)
    {
        var header = new byte[20];
        using var file = File.OpenRead(path);
        file.ReadExactly(header);
        return header[0] == 0x7f && header[1] == (byte)'E' && header[2] == (byte)'L' && header[3] == (byte)'F'
            && BitConverter.ToUInt16(header, 18) == ElfMachineAarch64;
    }

    private static async Task<IReadOnlyList<string>> PrepareAsync()
    {
        var publish = await Sh.RunAsync(SourceTree.Script("publish-aot.sh"), ["--arch", "arm64", "--reuse"], PublishLimit);
        Assert.True(publish.ExitCode == 0, $"the arm64 publish failed:\n{publish.All}");
        var binary = publish.Output.Trim();
        Assert.True(IsAarch64Elf(binary), $"{binary} is not an AArch64 program");

        var root = await Sh.RunAsync(SourceTree.Script("arm64-root.sh"), [], TimeSpan.FromMinutes(5));
        Assert.True(root.ExitCode == 0, $"the arm64 root could not be made:\n{root.All}");
        return ["qemu-aarch64-static", "-L", root.Output.Trim(), binary];
    }
}
