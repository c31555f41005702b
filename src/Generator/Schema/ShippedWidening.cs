using System.Collections.Generic;
using TypedSession.Generator.Model;

namespace TypedSession.Generator.Schema;

/// <summary>
/// Adds to a session class's model the widenings its shipped schema shows: a key shipped as <c>Int32</c> whose property
/// is now a <c>long</c> reads the old four bytes and writes them back as eight, without a migration method. Runs in
/// the generator's pipeline on the cached model and the parsed schema, both values: nothing binds again.
/// </summary>
internal static class ShippedWidening
{
    private const string CodecNamespace = "global::TypedSession.Generated.";

    private static readonly Dictionary<string, string> StoredTypes = new()
    {
        ["Byte"] = "byte",
        ["Int16"] = "short",
        ["Int32"] = "int",
        ["Single"] = "float",
    };

    /// <summary><paramref name="spec"/>, with a widening migration on each property the shipped schema shows narrower.</summary>
    public static SessionClassSpec Apply(SessionClassSpec spec, SessionSchema? shipped)
    {
        if (shipped?.Find(spec.FullyQualifiedName.Replace("global::", string.Empty)) is not { } shippedClass)
        {
            return spec;
        }
        List<SessionPropertySpec>? properties = null;
        for (var i = 0; i < spec.Properties.Count; i++)
        {
            var property = spec.Properties[i];
            if (property is not { Access: { Kind: not ValueAccessKind.Json } access, Migration: null }
                || shippedClass.Find(property.Key) is not { } shippedKey
                || !EncodingCompatibility.IsWideningRead(shippedKey.Encoding, KeyEncoding.From(access, property.IsNullable))
                || !StoredTypes.TryGetValue(shippedKey.Encoding.Name, out var storedType))
            {
                continue;
            }
            properties ??= new List<SessionPropertySpec>(spec.Properties);
            properties[i] = property with
            {
                Migration = new MigrationSpec(CodecNamespace + shippedKey.Encoding.Name + "Codec", storedType, null, null),
            };
        }
        return properties is null ? spec : spec with { Properties = new EquatableArray<SessionPropertySpec>(properties) };
    }
}
