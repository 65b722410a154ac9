using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Ferrule.Serialization;

/// <summary>Serializer abstraction used by typed clients.</summary>
public interface IFerruleSerializer
{
    ValueTask<T?> DeserializeAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default);

    Task SerializeAsync<T>(Stream stream, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default);
}

/// <summary>System.Text.Json based serializer.</summary>
public sealed class FerruleJsonSerializer : IFerruleSerializer
{
    private readonly JsonSerializerOptions _options;

    public FerruleJsonSerializer(JsonSerializerOptions? userOptions = null)
    {
        // Start from a copy of the user's options so converters, naming policy and ignore
        // conditions all flow through; then add our own converters on top.
        _options = userOptions is null
            ? new JsonSerializerOptions(JsonSerializerDefaults.Web)
            : new JsonSerializerOptions(userOptions);
        Resolver = new PolymorphicTypeResolver();
    }

    public PolymorphicTypeResolver Resolver { get; }

    public JsonSerializerOptions Options => _options;

    public ValueTask<T?> DeserializeAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
        => JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken);

    public Task SerializeAsync<T>(Stream stream, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
        => JsonSerializer.SerializeAsync(stream, value, typeInfo, cancellationToken);

    /// <summary>Reflection-based path; prefer the <see cref="JsonTypeInfo{T}"/> overloads.</summary>
    [RequiresUnreferencedCode("JSON serialization and deserialization might require types that cannot be statically analyzed. Use the JsonTypeInfo overload.")]
    [RequiresDynamicCode("JSON serialization and deserialization might require types that cannot be statically analyzed. Use the JsonTypeInfo overload.")]
    public ValueTask<T?> Deserialize<T>(Stream stream, CancellationToken cancellationToken = default)
        => JsonSerializer.DeserializeAsync<T>(stream, _options, cancellationToken);
}
