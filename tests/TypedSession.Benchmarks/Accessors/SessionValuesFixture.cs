using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TypedSession.Benchmarks.Accessors;

/// <summary>
/// The values every accessor benchmark finds in its session, under the key each access pattern uses. Typed, stock
/// and raw code share a key wherever their wire formats agree (string, int, the record's UTF-8 JSON); the patterns
/// whose bytes differ get a key of their own so that no benchmark reads bytes it cannot decode.
/// </summary>
public static class SessionValuesFixture
{
    /// <summary>Key of <see cref="BenchmarkSession.Username"/>: UTF-8, as <c>SetString</c> stores it.</summary>
    public const string UsernameKey = nameof(BenchmarkSession.Username);

    /// <summary>Key of <see cref="BenchmarkSession.Visits"/>: four bytes big-endian, as <c>SetInt32</c> stores it.</summary>
    public const string VisitsKey = nameof(BenchmarkSession.Visits);

    /// <summary>Key of <see cref="BenchmarkSession.IsLoggedIn"/>: TypedSession's one byte.</summary>
    public const string IsLoggedInKey = nameof(BenchmarkSession.IsLoggedIn);

    /// <summary>Key of the hand-written bool: <c>SetInt32(key, value ? 1 : 0)</c>.</summary>
    public const string IsLoggedInInt32Key = "IsLoggedIn.Int32";

    /// <summary>Key of <see cref="BenchmarkSession.Cart"/>: UTF-8 JSON, which the reflection pattern's <c>SetString</c> also produces.</summary>
    public const string CartKey = nameof(BenchmarkSession.Cart);

    /// <summary>Key of the reflection pattern's string (a quoted JSON string).</summary>
    public const string UsernameJsonKey = "Username.Json";

    /// <summary>Key of the reflection pattern's int.</summary>
    public const string VisitsJsonKey = "Visits.Json";

    /// <summary>Key of the reflection pattern's bool.</summary>
    public const string IsLoggedInJsonKey = "IsLoggedIn.Json";

    /// <summary>The stored user name.</summary>
    public const string Username = "john.doe@example.com";

    /// <summary>The stored visit count.</summary>
    public const int Visits = 42;

    /// <summary>The stored login flag.</summary>
    public const bool IsLoggedIn = true;

    /// <summary>The stored cart.</summary>
    public static readonly CartSummary Cart = new(3, 149.97m, "EUR", new DateTimeOffset(2025, 11, 3, 9, 30, 0, TimeSpan.Zero));

    /// <summary>Pre-encoded bytes for the raw floor: what <c>ISession.Set</c> receives when nothing is encoded per call.</summary>
    public static readonly byte[] UsernameBytes = Encoding.UTF8.GetBytes(Username);

    /// <summary>Pre-encoded <see cref="Visits"/>.</summary>
    public static readonly byte[] VisitsBytes = [0, 0, 0, Visits];

    /// <summary>Pre-encoded <see cref="IsLoggedIn"/>.</summary>
    public static readonly byte[] IsLoggedInBytes = [1];

    /// <summary>Pre-encoded <see cref="Cart"/>.</summary>
    public static readonly byte[] CartBytes = JsonSerializer.SerializeToUtf8Bytes(Cart, BenchmarkJsonContext.Default.CartSummary);

    /// <summary>
    /// Writes every value, plus the other keys a real application keeps beside them, so that lookups happen in a
    /// session of realistic size.
    /// </summary>
    public static void Seed(ISession session)
    {
        session.Set(UsernameKey, UsernameBytes);
        session.Set(VisitsKey, VisitsBytes);
        session.Set(IsLoggedInKey, IsLoggedInBytes);
        session.Set(CartKey, CartBytes);
        session.SetInt32(IsLoggedInInt32Key, IsLoggedIn ? 1 : 0);
        session.SetObjectAsJson(UsernameJsonKey, Username);
        session.SetObjectAsJson(VisitsJsonKey, Visits);
        session.SetObjectAsJson(IsLoggedInJsonKey, IsLoggedIn);
        session.SetString("Role", "Customer");
        session.SetString("Culture", "en-GB");
        session.SetString("ReturnUrl", "/orders/2025/11");
        session.SetInt32("ThemeId", 2);
        session.SetString("CsrfNonce", "b0c5f2e4a1d94c0f8a7d6e5f4c3b2a19");
    }
}
