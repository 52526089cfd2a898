using System.Security.Cryptography;

namespace PxeKit.Server.Tests.Support;

/// <summary>Files with known content for transfer tests, and their digests.</summary>
internal static class TestFiles
{
    /// <summary>Writes <paramref name="length"/> pseudo-random bytes (repeatable by seed) and returns their SHA-256.</summary>
    public static string WriteRandom(string path, long length, int seed = 1)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(seed);
        var buffer = new byte[1 << 20];
        using (var stream = File.Create(path))
        {
            for (var left = length; left > 0; left -= buffer.Length)
            {
                random.NextBytes(buffer);
                stream.Write(buffer, 0, (int)Math.Min(left, buffer.Length));
            }
        }

        return Sha256(path);
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
