using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using TypedSession.Generated;
using TypedSession.Generator.Emitter;

namespace TypedSession.Tests.Codecs.ObjectCodec;

/// <summary>Reaches the codec a session class's property uses, as the generated code holds it.</summary>
public static class ObjectCodecProbe
{
    /// <summary>
    /// The codec instance behind <paramref name="property"/>, or null when the property has none: the holder of the
    /// (property type, session's JSON context) pair in the compilation's shared <c>TypedSession.Generated.JsonCodecs</c>.
    /// </summary>
    public static JsonObjectCodec<T>? Codec<T>(Type sessionType, string property)
    {
        var propertyType = sessionType.GetProperty(property)?.PropertyType;
        var context = sessionType.GetCustomAttribute<SessionAttribute>()?.JsonContext;
        if (propertyType is null || context is null)
        {
            return null;
        }
        var holder = JsonCodecHolderName.For(GlobalName(Nullable.GetUnderlyingType(propertyType) ?? propertyType), GlobalName(context));
        return sessionType.Assembly.GetType("TypedSession.Generated.JsonCodecs+" + holder)
            ?.GetProperty("Codec", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as JsonObjectCodec<T>;
    }

    /// <summary>A new instance of the same generated codec class over other metadata (other options).</summary>
    public static JsonObjectCodec<T> CodecOver<T>(Type sessionType, string property, JsonTypeInfo<T> typeInfo)
    {
        var codecType = Codec<T>(sessionType, property)!.GetType();
        return (JsonObjectCodec<T>)Activator.CreateInstance(codecType, typeInfo)!;
    }

    // The generator's fully qualified form of a non-generic type: global::Namespace.Outer.Type.
    private static string GlobalName(Type type) => "global::" + type.FullName!.Replace('+', '.');
}
