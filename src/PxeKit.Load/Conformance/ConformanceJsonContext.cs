using System.Text.Json.Serialization;

namespace PxeKit.Load.Conformance;

/// <summary>The JSON of <c>--json</c> and <c>--compare</c>, generated at build time (the CLI is published Native AOT).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConformanceReport))]
internal sealed partial class ConformanceJsonContext : JsonSerializerContext;
