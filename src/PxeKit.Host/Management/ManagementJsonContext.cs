using System.Text.Json.Serialization;

namespace PxeKit.Host.Management;

/// <summary>
/// The management API's JSON, generated at compile time (no reflection: the AOT build stays clean). The options are the
/// journal's (camelCase, enums by name, absent values left out), so an event in a reply reads exactly as its line in
/// an events file (a test holds them to it).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(StatusReply))]
[JsonSerializable(typeof(ClientList))]
[JsonSerializable(typeof(ClientDetail))]
[JsonSerializable(typeof(VerdictList))]
[JsonSerializable(typeof(LeaseList))]
[JsonSerializable(typeof(ProfileList))]
[JsonSerializable(typeof(ConfigReply))]
[JsonSerializable(typeof(ExplainRequest))]
[JsonSerializable(typeof(ExplainReply))]
[JsonSerializable(typeof(ReservationRequest))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(PxeKit.Core.Events.BootEvent))]
internal sealed partial class ManagementJsonContext : JsonSerializerContext;
