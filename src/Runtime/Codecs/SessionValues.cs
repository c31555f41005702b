using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace TypedSession.Generated;

/// <summary>
/// Reads and writes one typed value under one key of an <see cref="ISession"/>. The generated properties call these
/// methods. A value that cannot be decoded reads as the type's default and is reported
/// (key and type, never the value) instead of throwing into the request; the next write replaces it.
/// For generated code; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SessionValues
{
    /// <summary>Reads the value under <paramref name="key"/>, or <see langword="default"/> when it is missing or corrupt.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T? Read<TCodec, T>(ISession session, string key) where TCodec : struct, IValueCodec<T>
    {
        if (!session.TryGetValue(key, out var bytes))
        {
            return default;
        }
        if (TCodec.TryDecode(bytes, out var value))
        {
            return value;
        }
        UndecodableValues.Report(session, key, typeof(T), error: null);
        return default;
    }

    /// <summary>Reads a nullable value: <see langword="null"/> when the key is missing or its value corrupt.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T? ReadNullable<TCodec, T>(ISession session, string key) where TCodec : struct, IValueCodec<T> where T : struct
    {
        if (!session.TryGetValue(key, out var bytes))
        {
            return null;
        }
        if (TCodec.TryDecode(bytes, out var value))
        {
            return value;
        }
        UndecodableValues.Report(session, key, typeof(T), error: null);
        return null;
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>; a <see langword="null"/> reference removes the key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write<TCodec, T>(ISession session, string key, T? value) where TCodec : struct, IValueCodec<T>
    {
        if (value is null)
        {
            session.Remove(key);
            return;
        }
        session.Set(key, TCodec.Encode(value));
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>; <see langword="null"/> removes the key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteNullable<TCodec, T>(ISession session, string key, T? value) where TCodec : struct, IValueCodec<T> where T : struct
    {
        if (value is { } present)
        {
            session.Set(key, TCodec.Encode(present));
        }
        else
        {
            session.Remove(key);
        }
    }

    /// <summary>
    /// Reads a complex value stored as UTF-8 JSON with source-generated metadata, or <see langword="default"/> when
    /// the key is missing or the JSON does not fit the type (including when the type's constructor or a setter throws
    /// while it is created).
    /// </summary>
    public static T? ReadJson<T>(ISession session, string key, JsonTypeInfo<T> typeInfo)
    {
        if (!session.TryGetValue(key, out var bytes))
        {
            return default;
        }
        return Deserialize(session, key, bytes, typeInfo);
    }

    /// <summary>
    /// Reads an object stored as UTF-8 JSON with its generated codec, which leaves anything it does not expect to
    /// System.Text.Json: <see langword="default"/> when the key is missing or the JSON does not fit the type.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static T? ReadJson<T>(ISession session, string key, JsonObjectCodec<T> codec)
    {
        if (!session.TryGetValue(key, out var bytes))
        {
            return default;
        }
        try
        {
            if (codec.TryDecode(bytes, out var value))
            {
                return value;
            }
        }
        catch (Exception error) when (IsDecodingFailure(error))
        {
            // The type's own constructor or setter rejected what was stored (a record that validates its arguments).
            UndecodableValues.Report(session, key, typeof(T), error);
            return default;
        }
        return Deserialize(session, key, bytes, codec.TypeInfo);
    }

    /// <summary>Stores an object as UTF-8 JSON with its generated codec; a <see langword="null"/> value removes the key.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void WriteJson<T>(ISession session, string key, T? value, JsonObjectCodec<T> codec)
    {
        if (value is null)
        {
            session.Remove(key);
            return;
        }
        session.Set(key, codec.Encode(value));
    }

    private static T? Deserialize<T>(ISession session, string key, byte[] bytes, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo);
        }
        catch (Exception error) when (IsDecodingFailure(error))
        {
            UndecodableValues.Report(session, key, typeof(T), error);
            return default;
        }
    }

    // Whatever decoding raises is the stored value's problem, not the request's: malformed JSON (JsonException), a
    // type System.Text.Json cannot create (NotSupportedException, InvalidOperationException for a [JsonInclude]
    // member it cannot reach), or the type's own constructor or setter rejecting a value (ArgumentException and
    // anything else user code throws). Failures of the process itself still propagate.
    private static bool IsDecodingFailure(Exception error) =>
        error is not (OutOfMemoryException or StackOverflowException or AccessViolationException);

    /// <summary>Stores a complex value as UTF-8 JSON; a <see langword="null"/> value removes the key.</summary>
    public static void WriteJson<T>(ISession session, string key, T? value, JsonTypeInfo<T> typeInfo)
    {
        if (value is null)
        {
            session.Remove(key);
            return;
        }
        session.Set(key, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
    }
}
