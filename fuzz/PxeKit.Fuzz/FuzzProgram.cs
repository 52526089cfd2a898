using SharpFuzz;

namespace PxeKit.Fuzz;

/// <summary>
/// <c>PxeKit.Fuzz TARGET</c> runs one target under AFL++ (SharpFuzz's persistent loop);
/// <c>PxeKit.Fuzz replay TARGET FILE...</c> runs files through a target once each, printing any exception;
/// <c>PxeKit.Fuzz seed DIR REPO</c> writes the seed corpora from the repository's captures.
/// </summary>
public static class FuzzProgram
{
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is ["seed", var directory, var repository])
        {
            return CorpusSeeder.Seed(directory, repository);
        }

        if (args is ["replay", var target, .. var files])
        {
            return Replay(target, files);
        }

        if (args is [var name] && FuzzTargets.Names.Contains(name))
        {
            Fuzzer.Run(stream =>
            {
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                FuzzTargets.Run(name, memory.GetBuffer().AsSpan(0, (int)memory.Length));
            });
            return 0;
        }

        Console.Error.WriteLine($"usage: PxeKit.Fuzz {string.Join('|', FuzzTargets.Names)} | replay TARGET FILE... | seed DIR REPO");
        return 2;
    }

    private static int Replay(string target, string[] files)
    {
        int failed = 0;
        foreach (var file in files)
        {
            try
            {
                FuzzTargets.Run(target, File.ReadAllBytes(file));
            }
            catch (Exception e) when (e is not ArgumentException { ParamName: "target" })
            {
                failed++;
                Console.WriteLine($"{file}: {e.GetType().Name}: {e.Message}");
                Console.WriteLine(e.StackTrace);
            }
        }

        Console.WriteLine($"replay {target}: {files.Length} inputs, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
