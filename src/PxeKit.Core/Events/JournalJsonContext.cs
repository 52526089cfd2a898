using System.Text.Json.Serialization;

namespace PxeKit.Core.Events;

/// <summary>
/// The journal's JSON shape, generated at compile time so the journal needs no reflection and works
/// in a trimmed Native AOT build: camelCase names, steps by name, absent values left out.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(BootEvent))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
