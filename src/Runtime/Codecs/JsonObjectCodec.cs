using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TypedSession.Generated;

/// <summary>
/// The base of the JSON codec the generator writes for a session property whose type is a plain object (a record or
/// class of simple members): it writes the bytes itself and reads them back with a byte reader, falling back to
/// <see cref="Utf8JsonReader"/> for JSON laid out otherwise, calling the type's constructor directly, where
/// System.Text.Json's metadata-driven deserializer spends most of a small value's time. A value the byte writer does
/// not write exactly is written by <see cref="JsonSerializer"/>, whose source-generated serializer is as fast as a
/// <see cref="Utf8JsonWriter"/> tier of our own measured (docs/performance.md). The bytes are System.Text.Json's own:
/// when first used, the codec compares the JSON context's metadata with the members it was generated for (names,
/// order, converters, options), and if anything differs, it leaves every read and write of the type to <see cref="JsonSerializer"/> with
/// <see cref="TypeInfo"/>. A read it does not expect (another property order is fine; an unknown or repeated
/// property, a missing one, another token type, comments) is also left to <see cref="JsonSerializer"/>, over the same
/// bytes, so it accepts and rejects what System.Text.Json does. For generated code; not a stable API.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class JsonObjectCodec<T>
{
    // The codec writes and reads one object of scalar members: one level deep. A MaxDepth of at least that (0 means
    // System.Text.Json's default, 64) accepts and rejects what the codec does; deeper JSON, which a smaller limit
    // would reject, never fits a member and goes to System.Text.Json, which applies the options' limit itself.
    private const int ObjectDepth = 1;

    private readonly byte[][] _utf8Names = [];
    private readonly byte[][] _prefixes = [];
    private readonly bool _writesBytes;

    /// <summary>Checks <paramref name="typeInfo"/> against <paramref name="members"/> and prepares the property names.</summary>
    /// <param name="typeInfo">The JSON context's metadata for <typeparamref name="T"/>.</param>
    /// <param name="members">The members the derived codec reads and writes, in the order it writes them.</param>
    protected JsonObjectCodec(JsonTypeInfo<T> typeInfo, JsonObjectMember[] members)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(members);
        TypeInfo = typeInfo;
        if (ExpectedNames(typeInfo, members) is not { } expected)
        {
            return;
        }
        _utf8Names = new byte[expected.Length][];
        _prefixes = new byte[expected.Length][];
        for (var i = 0; i < expected.Length; i++)
        {
            _utf8Names[i] = Encoding.UTF8.GetBytes(expected[i]);
            // {"Name": before the first member, ,"Name": before the others, the name escaped by the options' encoder
            // as System.Text.Json precomputes it for each property.
            var escaped = JsonEncodedText.Encode(expected[i], typeInfo.Options.Encoder).EncodedUtf8Bytes;
            var prefix = new byte[escaped.Length + 4];
            prefix[0] = i == 0 ? (byte)'{' : (byte)',';
            prefix[1] = (byte)'"';
            escaped.CopyTo(prefix.AsSpan(2));
            prefix[^2] = (byte)'"';
            prefix[^1] = (byte)':';
            _prefixes[i] = prefix;
        }
        IsFastPathEnabled = true;
        // The byte writer copies only characters that these encoders leave as they are.
        var encoder = typeInfo.Options.Encoder;
        _writesBytes = expected.Length > 0
            && (encoder is null || ReferenceEquals(encoder, JavaScriptEncoder.Default) || ReferenceEquals(encoder, JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
    }

    /// <summary>The JSON context's metadata, used for every value the codec leaves to <see cref="JsonSerializer"/>.</summary>
    public JsonTypeInfo<T> TypeInfo { get; }

    /// <summary>Whether the context's metadata matched the generated members, so that the codec reads and writes itself.</summary>
    internal bool IsFastPathEnabled { get; }

    /// <summary>
    /// Encodes <paramref name="value"/> as System.Text.Json would with <see cref="TypeInfo"/>: with the byte writer
    /// when it produces those bytes exactly, otherwise with <see cref="JsonSerializer"/> (its source-generated
    /// serializer writes as fast as a <see cref="Utf8JsonWriter"/> of our own would; docs/performance.md).
    /// </summary>
    public byte[] Encode(T value)
    {
        if (_writesBytes)
        {
            var writer = new JsonObjectByteWriter(JsonObjectWriteBuffer.RentBytes(), _prefixes);
            if (TryWriteMembers(ref writer, value))
            {
                writer.WriteEnd();
                var written = writer.Written.ToArray();
                JsonObjectWriteBuffer.ReturnBytes(writer.Buffer);
                return written;
            }
            JsonObjectWriteBuffer.ReturnBytes(writer.Buffer);
        }
        return JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo);
    }

    /// <summary>
    /// Decodes <paramref name="utf8Json"/> when it has the shape the codec expects; otherwise returns
    /// <see langword="false"/>, and the caller leaves the bytes to <see cref="JsonSerializer"/> with <see cref="TypeInfo"/>.
    /// </summary>
    public bool TryDecode(ReadOnlySpan<byte> utf8Json, [MaybeNullWhen(false)] out T value)
    {
        if (IsFastPathEnabled)
        {
            if (_prefixes.Length > 0)
            {
                var bytesReader = new JsonObjectByteReader(utf8Json, _prefixes);
                if (TryReadMembers(ref bytesReader, out value))
                {
                    return true;
                }
            }
            try
            {
                // Default reader options: no comments, no trailing commas. JSON that needs the context's options to be
                // read goes to System.Text.Json, which knows them.
                var reader = new Utf8JsonReader(utf8Json);
                if (reader.Read() && reader.TokenType == JsonTokenType.StartObject
                    && TryReadProperties(ref reader, out value)
                    && !reader.Read())
                {
                    return true;
                }
            }
            catch (JsonException)
            {
            }
            catch (InvalidOperationException)
            {
                // A string that is not valid UTF-8 when read as one.
            }
        }
        value = default;
        return false;
    }

    /// <summary>
    /// The index of the member whose name the reader's current property name is, trying <paramref name="expected"/>
    /// first (members usually come in the order they were written); -1 for a name the codec does not know.
    /// </summary>
    protected int MatchName(ref Utf8JsonReader reader, int expected)
    {
        if ((uint)expected < (uint)_utf8Names.Length && reader.ValueTextEquals(_utf8Names[expected]))
        {
            return expected;
        }
        for (var i = 0; i < _utf8Names.Length; i++)
        {
            if (i != expected && reader.ValueTextEquals(_utf8Names[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// Writes the object <paramref name="value"/> with <paramref name="writer"/>, member after member; <see langword="false"/>
    /// when a member's text is not one the byte writer produces exactly as System.Text.Json would (a string that needs
    /// escaping, a floating-point number), and the codec then leaves the value to <see cref="JsonSerializer"/>.
    /// </summary>
    protected abstract bool TryWriteMembers(ref JsonObjectByteWriter writer, T value);

    /// <summary>
    /// Reads the object from bytes laid out exactly as <see cref="TryWriteMembers"/> writes them; <see langword="false"/>
    /// for any other layout or value, and the codec then reads the same bytes with <see cref="TryReadProperties"/>.
    /// </summary>
    protected abstract bool TryReadMembers(ref JsonObjectByteReader reader, [MaybeNullWhen(false)] out T value);

    /// <summary>
    /// Reads the members after the reader's start of an object up to its end and creates the value; <see langword="false"/>
    /// for anything but each known member exactly once, with a token of its type.
    /// </summary>
    protected abstract bool TryReadProperties(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out T value);

    // The JSON names the members get, in order, when the context's metadata is exactly what the codec writes;
    // otherwise null. Anything the codec does not reproduce byte for byte sends the type to System.Text.Json.
    private static string[]? ExpectedNames(JsonTypeInfo<T> typeInfo, JsonObjectMember[] members)
    {
        var options = typeInfo.Options;
        // Metadata straight from a source-generated context: a resolver with modifiers could have replaced a
        // property's getter or setter, or the object's creation, in ways the metadata does not show.
        if (options.TypeInfoResolver is not JsonSerializerContext
            || typeInfo.Kind != JsonTypeInfoKind.Object
            || typeInfo.PolymorphismOptions is not null
            || typeInfo.NumberHandling is not null
            || typeInfo.OnSerializing is not null || typeInfo.OnSerialized is not null
            || typeInfo.OnDeserializing is not null || typeInfo.OnDeserialized is not null
            || options.Converters.Count != 0
            || options.NumberHandling != JsonNumberHandling.Strict
            || options.DefaultIgnoreCondition != JsonIgnoreCondition.Never
            || options.IgnoreReadOnlyProperties
            || options.ReferenceHandler is not null
            || options.WriteIndented
            || options.RespectNullableAnnotations
            || (options.MaxDepth != 0 && options.MaxDepth < ObjectDepth)
            || typeInfo.Properties.Count != members.Length)
        {
            return null;
        }

        var expected = new string[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var member = members[i];
            var property = typeInfo.Properties[i];
            var name = member.DeclaredJsonName ?? options.PropertyNamingPolicy?.ConvertName(member.PropertyName) ?? member.PropertyName;
            if (property.Name != name
                || property.PropertyType != member.PropertyType
                || property.CustomConverter is not null
                || property.IsExtensionData
                || property.NumberHandling is not null
                || property.ShouldSerialize is not null
                || property.Get is null)
            {
                return null;
            }
            expected[i] = name;
        }
        return expected;
    }
}
