using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResourceApi.Messages;

/// <summary>
/// Serializers for the message contracts, generated at build time: no reflection on the first request
/// and a direct writer for each response. Web defaults, as the minimal-API JSON options have.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateMessageRequest))]
[JsonSerializable(typeof(MessageResponse))]
[JsonSerializable(typeof(MessagePage))]
internal sealed partial class MessageJsonContext : JsonSerializerContext;
