using System.ComponentModel;
using Microsoft.AspNetCore.Http;

namespace TypedSession.Generated;

/// <summary>
/// Reads a value whose key may still hold the bytes of an earlier encoding (docs/schema.md, "Migrations"): the current
/// codec first; when it cannot decode the bytes, the former codec, whose value the migration converts and which is
/// written back at once in the current encoding, so that the session's next commit stores it. Generated properties
/// call these methods only when the class declares a <c>Migrate{Property}</c> method or the shipped schema shows an
/// integer widened. For generated code; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SessionMigrations
{
    /// <summary>
    /// Reads the value under <paramref name="key"/> with <typeparamref name="TCodec"/>, or, when it cannot decode the
    /// bytes and <typeparamref name="TFormerCodec"/> can, migrates the former value and writes it back.
    /// </summary>
    /// <param name="session">The request's session.</param>
    /// <param name="key">The session key.</param>
    /// <param name="migrate">Converts a value of the former encoding to the current type.</param>
    /// <returns>The value, or <see langword="default"/> when the key is missing or neither codec decodes it.</returns>
    public static T? Read<TCodec, T, TFormerCodec, TFormer>(ISession session, string key, Func<TFormer, T> migrate)
        where TCodec : struct, IValueCodec<T>
        where TFormerCodec : struct, IValueCodec<TFormer>
    {
        if (!session.TryGetValue(key, out var bytes))
        {
            return default;
        }
        if (TCodec.TryDecode(bytes, out var value))
        {
            return value;
        }
        if (TFormerCodec.TryDecode(bytes, out var former))
        {
            var migrated = migrate(former);
            SessionValues.Write<TCodec, T>(session, key, migrated);
            return migrated;
        }
        UndecodableValues.Report(session, key, typeof(T), error: null);
        return default;
    }

    /// <summary>
    /// Reads a nullable value under <paramref name="key"/> with <typeparamref name="TCodec"/>, or, when it cannot decode
    /// the bytes and <typeparamref name="TFormerCodec"/> can, migrates the former value and writes it back (a migration
    /// that returns <see langword="null"/> removes the key).
    /// </summary>
    /// <param name="session">The request's session.</param>
    /// <param name="key">The session key.</param>
    /// <param name="migrate">Converts a value of the former encoding to the current type.</param>
    /// <returns>The value, or <see langword="null"/> when the key is missing or neither codec decodes it.</returns>
    public static T? ReadNullable<TCodec, T, TFormerCodec, TFormer>(ISession session, string key, Func<TFormer, T?> migrate)
        where TCodec : struct, IValueCodec<T>
        where T : struct
        where TFormerCodec : struct, IValueCodec<TFormer>
    {
        if (!session.TryGetValue(key, out var bytes))
        {
            return null;
        }
        if (TCodec.TryDecode(bytes, out var value))
        {
            return value;
        }
        if (TFormerCodec.TryDecode(bytes, out var former))
        {
            var migrated = migrate(former);
            SessionValues.WriteNullable<TCodec, T>(session, key, migrated);
            return migrated;
        }
        UndecodableValues.Report(session, key, typeof(T), error: null);
        return null;
    }
}
