using System.Text;
using Microsoft.AspNetCore.Http;
using TypedSession.Tests.Generator.Support;

namespace TypedSession.Tests.Generator;

/// <summary>Compiles generated session classes and runs them over an in-memory session.</summary>
public sealed class GeneratedPropertyTests
{
    private const string UserSession = """
        namespace App;

        public enum Role { Guest, Admin = 7 }
        public enum Level : byte { Low = 1, High = 200 }

        [TypedSession.Session]
        public partial class UserSession
        {
            public partial string? Username { get; set; }
            public partial string DisplayName { get; set; }
            public partial bool IsLoggedIn { get; set; }
            public partial int Visits { get; set; }
            public partial int? LuckyNumber { get; set; }
            public partial Role Role { get; set; }
            public partial Level? Level { get; set; }
            public partial byte[]? Avatar { get; set; }
            public partial System.Guid CartId { get; set; }
            public partial System.DateOnly? Birthday { get; set; }

            [TypedSession.SessionKey("user.email")]
            public partial string? Email { get; set; }
        }
        """;

    [Fact]
    public void Properties_round_trip_through_the_session()
    {
        var assembly = GeneratorTestCompilation.CompileAndLoad(UserSession);
        var raw = new CountingSession();
        var writer = new GeneratedSession(assembly, "App.UserSession", raw);
        var cartId = Guid.NewGuid();
        var avatar = new byte[] { 1, 2, 3 };
        var roleType = assembly.GetType("App.Role")!;
        var levelType = assembly.GetType("App.Level")!;

        writer.Set("Username", "John");
        writer.Set("DisplayName", "John Smith");
        writer.Set("IsLoggedIn", true);
        writer.Set("Visits", 42);
        writer.Set("LuckyNumber", 7);
        writer.Set("Role", Enum.ToObject(roleType, 7));
        writer.Set("Level", Enum.ToObject(levelType, 200));
        writer.Set("Avatar", avatar);
        writer.Set("CartId", cartId);
        writer.Set("Birthday", new DateOnly(1990, 5, 17));
        writer.Set("Email", "john@example.com");

        var reader = new GeneratedSession(assembly, "App.UserSession", raw);
        Assert.Equal("John", reader.Get("Username"));
        Assert.Equal("John Smith", reader.Get("DisplayName"));
        Assert.Equal(true, reader.Get("IsLoggedIn"));
        Assert.Equal(42, reader.Get("Visits"));
        Assert.Equal(7, reader.Get("LuckyNumber"));
        Assert.Equal("Admin", reader.Get("Role")!.ToString());
        Assert.Equal("High", reader.Get("Level")!.ToString());
        Assert.Equal(avatar, (byte[]?)reader.Get("Avatar"));
        Assert.Equal(cartId, reader.Get("CartId"));
        Assert.Equal(new DateOnly(1990, 5, 17), reader.Get("Birthday"));
        Assert.Equal("john@example.com", reader.Get("Email"));
    }

    [Fact]
    public void Values_use_the_stock_encodings_and_the_declared_keys()
    {
        var assembly = GeneratorTestCompilation.CompileAndLoad(UserSession);
        var raw = new CountingSession();
        var session = new GeneratedSession(assembly, "App.UserSession", raw);

        session.Set("Username", "John");
        session.Set("Visits", 42);
        session.Set("Role", Enum.ToObject(assembly.GetType("App.Role")!, 7));
        session.Set("Email", "john@example.com");

        Assert.Equal("John", raw.GetString("Username"));
        Assert.Equal(42, raw.GetInt32("Visits"));
        Assert.Equal(7, raw.GetInt32("Role"));
        Assert.Equal("john@example.com", raw.GetString("user.email"));
        Assert.False(raw.TryGetValue("Email", out _));
    }

    [Fact]
    public void Missing_keys_read_as_defaults_and_a_non_nullable_string_reads_null()
    {
        var assembly = GeneratorTestCompilation.CompileAndLoad(UserSession);
        var session = new GeneratedSession(assembly, "App.UserSession", new CountingSession());

        Assert.Null(session.Get("Username"));
        Assert.Null(session.Get("DisplayName"));
        Assert.Equal(false, session.Get("IsLoggedIn"));
        Assert.Equal(0, session.Get("Visits"));
        Assert.Null(session.Get("LuckyNumber"));
        Assert.Equal("Guest", session.Get("Role")!.ToString());
        Assert.Null(session.Get("Avatar"));
        Assert.Equal(Guid.Empty, session.Get("CartId"));
    }

    [Fact]
    public void Repeated_gets_read_the_session_once()
    {
        var assembly = GeneratorTestCompilation.CompileAndLoad(UserSession);
        var raw = new CountingSession();
        raw.SetString("Username", "John");
        var session = new GeneratedSession(assembly, "App.UserSession", raw);

        Assert.Equal("John", session.Get("Username"));
        Assert.Equal("John", session.Get("Username"));
        Assert.Equal("John", session.Get("Username"));
        Assert.Null(session.Get("LuckyNumber"));
        Assert.Null(session.Get("LuckyNumber"));

        Assert.Equal(2, raw.TryGetValueCalls);
    }

    [Fact]
    public void Sets_write_through_at_once_and_update_the_cache()
    {
        var assembly = GeneratorTestCompilation.CompileAndLoad(UserSession);
        var raw = new CountingSession();
        var session = new GeneratedSession(assembly, "App.UserSession", raw);

        Assert.Null(session.Get("Username"));
        session.Set("Username", "John");

        Assert.Equal("John", raw.GetString("Username"));
        var readsBefore = raw.TryGetValueCalls;
        Assert.Equal("John", session.Get("Username"));
        Assert.Equal(readsBefore, raw.TryGetValueCalls);
    }

    [Fact]
    public void Setting_a_nullable_property_to_null_removes_its_key()
    {
        var assembly = GeneratorTestCompilation.CompileAndLoad(UserSession);
        var raw = new CountingSession();
        var session = new GeneratedSession(assembly, "App.UserSession", raw);
        session.Set("Username", "John");
        session.Set("LuckyNumber", 7);
        session.Set("Level", Enum.ToObject(assembly.GetType("App.Level")!, 1));
        session.Set("Avatar", new byte[] { 1 });

        session.Set("Username", null);
        session.Set("LuckyNumber", null);
        session.Set("Level", null);
        session.Set("Avatar", null);

        Assert.Empty(raw.Keys);
        Assert.Null(session.Get("Username"));
        Assert.Null(session.Get("LuckyNumber"));
    }

    [Fact]
    public void Remove_deletes_the_key_of_any_property_and_reads_the_default_after()
    {
        var assembly = GeneratorTestCompilation.CompileAndLoad(UserSession);
        var raw = new CountingSession();
        var session = new GeneratedSession(assembly, "App.UserSession", raw);
        session.Set("Visits", 3);
        session.Set("Email", "john@example.com");

        session.Invoke("RemoveVisits");
        session.Invoke("RemoveEmail");

        Assert.Empty(raw.Keys);
        Assert.Equal(0, session.Get("Visits"));
        Assert.Null(session.Get("Email"));
    }

    [Fact]
    public void ResetCachedValues_makes_the_next_get_read_the_session_again()
    {
        var assembly = GeneratorTestCompilation.CompileAndLoad(UserSession);
        var raw = new CountingSession();
        var session = new GeneratedSession(assembly, "App.UserSession", raw);
        session.Set("Username", "John");

        raw.SetString("Username", "Jane");
        Assert.Equal("John", session.Get("Username"));

        session.Invoke("ResetCachedValues");
        Assert.Equal("Jane", session.Get("Username"));
    }

    [Fact]
    public void Clear_forgets_cached_values()
    {
        var assembly = GeneratorTestCompilation.CompileAndLoad(UserSession);
        var raw = new CountingSession();
        var session = new GeneratedSession(assembly, "App.UserSession", raw);
        session.Set("Visits", 5);

        session.Invoke("Clear");

        Assert.Equal(0, session.Get("Visits"));
        Assert.Empty(raw.Keys);
    }

    [Fact]
    public void KeyPrefix_is_prepended_to_property_names_and_to_SessionKey_names()
    {
        var assembly = GeneratorTestCompilation.CompileAndLoad("""
            namespace App;

            [TypedSession.Session(KeyPrefix = "cart:")]
            public partial class CartSession
            {
                public partial int Items { get; set; }

                [TypedSession.SessionKey("total")]
                public partial decimal Total { get; set; }
            }
            """);
        var raw = new CountingSession();
        var session = new GeneratedSession(assembly, "App.CartSession", raw);

        session.Set("Items", 3);
        session.Set("Total", 9.5m);

        Assert.Equal(3, raw.GetInt32("cart:Items"));
        Assert.True(raw.TryGetValue("cart:total", out _));
        Assert.Equal(["cart:Items", "cart:total"], raw.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(9.5m, new GeneratedSession(assembly, "App.CartSession", raw).Get("Total"));
    }

    [Fact]
    public void A_string_written_by_stock_SetString_reads_through_the_property()
    {
        var assembly = GeneratorTestCompilation.CompileAndLoad(UserSession);
        var raw = new CountingSession();
        raw.Set("Username", Encoding.UTF8.GetBytes("Zoë"));

        Assert.Equal("Zoë", new GeneratedSession(assembly, "App.UserSession", raw).Get("Username"));
    }
}
