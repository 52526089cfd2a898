using System.Text.RegularExpressions;
using PxeKit.Fuzz;
using PxeKit.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace PxeKit.Reliability.Tests;

/// <summary>
/// The fuzzing in the test suite: every saved input (seeds and the inputs of past crashes) replayed
/// through the fuzz targets, and a short AFL++ run of each target through scripts/fuzz.sh.
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class FuzzTests(ITestOutputHelper output)
{
    /// <summary>Seconds each target runs in the smoke run; PXEKIT_FUZZ_SECONDS overrides it.</summary>
    private static int SmokeSeconds =>
        int.TryParse(Environment.GetEnvironmentVariable("PXEKIT_FUZZ_SECONDS"), out var s) && s > 0 ? s : 20;

    public static TheoryData<string, string> SavedInputs()
    {
        var data = new TheoryData<string, string>();
        var fuzz = Path.Combine(PxrTools.RepositoryRoot(), "fuzz");
        foreach (var folder in new[] { "regressions", Path.Combine("seeds") })
        {
            foreach (var target in FuzzTargets.Names)
            {
                var directory = Path.Combine(fuzz, folder, target);
                if (Directory.Exists(directory))
                {
                    foreach (var file in Directory.GetFiles(directory).Order(StringComparer.Ordinal))
                    {
                        data.Add(target, Path.GetRelativePath(fuzz, file));
                    }
                }
            }
        }

        return data;
    }

    /// <summary>
    /// Regressions, by name: <c>regressions/dhcp/option-82-before-other-options</c> is a request whose
    /// option 82 comes before others; the encoder moves 82 last on purpose, and the round trip must
    /// still hold (the first fuzz run flagged it, 40 times over, before the target allowed for it).
    /// </summary>
    [Theory]
    [MemberData(nameof(SavedInputs))]
    public void A_saved_input_runs_through_its_target_without_an_exception(string target, string file)
    {
        FuzzTargets.Run(target, File.ReadAllBytes(Path.Combine(PxrTools.RepositoryRoot(), "fuzz", file)));
    }

    /// <summary>
    /// Regression, found by the smoke run once the frame target fuzzed the one frame decoder that serve's capture now
    /// uses too: an IPv4 header length (IHL) past the bytes of the frame threw ArgumentOutOfRangeException out of
    /// FrameDecoder, so one crafted frame could end <c>pxekit trace --read</c> or serve's capture.
    /// </summary>
    [Fact]
    public void An_ip_header_longer_than_the_frame_is_not_a_frame_not_a_crash()
    {
        var frame = File.ReadAllBytes(Path.Combine(PxrTools.RepositoryRoot(), "fuzz", "regressions", "frame", "ip-header-longer-than-the-frame"));

        Assert.False(PxeKit.Core.Capture.FrameDecoder.TryDecode(new PxeKit.Core.Capture.CapturedFrame(DateTimeOffset.UnixEpoch, PacketDotNet.LinkLayers.Ethernet, frame), out _));
    }

    /// <summary>
    /// Regression, found by a 120 s fuzz run: a YAML tag that is not a URI made YamlDotNet throw an
    /// ArgumentException, which the loader did not catch, and serve ended with an unhandled exception.
    /// </summary>
    /// <remarks>A 90 s run later found the same for <c>yaml-scanner-has-more-tokens</c> (InvalidOperationException).</remarks>
    [Theory]
    [InlineData("yaml-tag-not-a-uri")]
    [InlineData("yaml-scanner-has-more-tokens")]
    public void A_yaml_tag_that_is_not_a_uri_is_a_configuration_error_not_a_crash(string input)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pxr-tag-{Guid.NewGuid():N}.yaml");
        File.Copy(Path.Combine(PxrTools.RepositoryRoot(), "fuzz", "regressions", "config", input), path);
        try
        {
            var errors = new List<string>();
            var config = PxeKit.Cli.Config.ConfigFile.Load(path, errors);

            Assert.Null(config);
            Assert.Contains(errors, e => e.Contains("not valid YAML", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Regression, found by the fuzz smoke run: an empty item in a YAML list (<c>arch: [~]</c>, a bare
    /// <c>-</c> under profiles, reservations or relayed, a group with no members) reached the validation
    /// as null and threw NullReferenceException out of serve.
    /// </summary>
    [Theory]
    [InlineData("arch-list-with-an-empty-item")]
    [InlineData("empty-items-everywhere.yaml")]
    public void Empty_yaml_list_items_are_configuration_errors_not_a_crash(string input)
    {
        var errors = new List<string>();
        var settings = new PxeKit.Cli.Config.ServeSettingsBuilder(name => new PxeKit.Core.Net.InterfaceAddress(name, System.Net.IPAddress.Parse("10.99.0.1"), System.Net.IPAddress.Parse("255.255.255.0"), true))
            .Build(new PxeKit.Cli.Config.ServeArguments { ConfigPath = Path.Combine(PxrTools.RepositoryRoot(), "fuzz", "regressions", "config", input), NoCapture = true }, errors);

        Assert.Null(settings);
        Assert.NotEmpty(errors);
    }

    [HostFact(Root = false, Programs = ["afl-fuzz"])]
    public async Task Each_target_fuzzes_under_afl_without_a_crash()
    {
        var script = Path.Combine(PxrTools.RepositoryRoot(), "scripts", "fuzz.sh");
        // The script's work (the published targets, the corpora, AFL++'s output) in a folder of the test's own, removed
        // after a clean run; after a crash it stays, with the crashing inputs, and the output names it.
        var work = Directory.CreateTempSubdirectory("pxekit-fuzz-test-").FullName;
        // --no-build: the solution is built already (scripts/test.sh builds it first, and so did this test's own build).
        var result = await Sh.RunAsync("env", [$"PXEKIT_FUZZ_DIR={work}", "bash", script, "--no-build", "--seconds", SmokeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds((SmokeSeconds + 100) * FuzzTargets.Names.Count + 300));
        output.WriteLine($"work folder: {work}");
        output.WriteLine(result.Output);
        var lines = TargetLine().Matches(result.Output).ToDictionary(m => m.Groups[1].Value, m => (Execs: long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), Crashes: int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.True(result.ExitCode == 0, result.All);
        foreach (var target in FuzzTargets.Names)
        {
            Assert.True(lines.TryGetValue(target, out var line), $"no result for {target}: {result.All}");
            Assert.True(line.Execs > 0, $"{target} ran no input");
            Assert.Equal(0, line.Crashes);
        }

        Directory.Delete(work, recursive: true);
    }

    [GeneratedRegex(@"fuzz: (\w+): (\d+) executions in \d+ s, \d+ inputs in the corpus, (\d+) crashes")]
    private static partial Regex TargetLine();
}
