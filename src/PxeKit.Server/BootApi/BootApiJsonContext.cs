using System.Text.Json;
using System.Text.Json.Serialization;

namespace PxeKit.Server.BootApi;

/// <summary>The boot API's reply, read by a serializer generated at compile time (no reflection: Native AOT stays clean).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 8)]
[JsonSerializable(typeof(BootApiReply))]
internal sealed partial class BootApiJsonContext : JsonSerializerContext;
