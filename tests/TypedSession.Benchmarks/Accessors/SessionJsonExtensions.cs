using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TypedSession.Benchmarks.Accessors;

/// <summary>
/// The object-in-session extension methods copied into countless apps from tutorials and answers: reflection-based
/// <see cref="JsonSerializer"/> over <c>SetString</c>/<c>GetString</c>. Reproduced as written there, to measure it.
/// </summary>
public static class SessionJsonExtensions
{
    /// <summary>Serializes <paramref name="value"/> to a JSON string and stores it with <c>SetString</c>.</summary>
    public static void SetObjectAsJson<T>(this ISession session, string key, T value) =>
        session.SetString(key, JsonSerializer.Serialize(value));

    /// <summary>Reads a JSON string with <c>GetString</c> and deserializes it, or returns the default.</summary>
    public static T? GetObjectFromJson<T>(this ISession session, string key)
    {
        var value = session.GetString(key);
        return value == null ? default : JsonSerializer.Deserialize<T>(value);
    }
}
