using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using TypedSession.Codecs;

namespace TypedSession.Tests.Codecs.ObjectCodec;

/// <summary>Reaches the codec a session class generated for one of its properties, as the generated code holds it.</summary>
public static class ObjectCodecProbe
{
    /// <summary>The codec instance behind <paramref name="property"/>, or null when the property has none.</summary>
    public static JsonObjectCodec<T>? Codec<T>(Type sessionType, string property) =>
        sessionType.GetNestedType("__JsonCodecs", BindingFlags.NonPublic)?.GetField(property)?.GetValue(null) as JsonObjectCodec<T>;

    /// <summary>A new instance of the same generated codec class over other metadata (other options).</summary>
    public static JsonObjectCodec<T> CodecOver<T>(Type sessionType, string property, JsonTypeInfo<T> typeInfo)
    {
        var codecType = Codec<T>(sessionType, property)!.GetType();
        return (JsonObjectCodec<T>)Activator.CreateInstance(codecType, typeInfo)!;
    }
}
