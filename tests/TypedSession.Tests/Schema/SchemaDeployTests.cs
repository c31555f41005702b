using Microsoft.CodeAnalysis.Diagnostics;
using TypedSession.Tests.Codecs.Support;

namespace TypedSession.Tests.Schema;

/// <summary>
/// For each kind of change to a session class: a session written by the shipped release is read by the next one
/// (two generated classes over one store), and the schema analyzer says beforehand what that read will give.
/// </summary>
public sealed class SchemaDeployTests
{
    private readonly ReportingSession store = new();

    [Fact]
    public void Int_widened_to_long_reads_the_old_value_and_writes_it_back_as_eight_bytes()
    {
        var deploy = SchemaDeploy.Of(
            Cart("public partial int CartCount { get; set; }"),
            Cart("public partial long CartCount { get; set; }"));
        SchemaDeploy.Session(deploy.Old, store).Set("CartCount", 42);

        var count = SchemaDeploy.Session(deploy.New, store).Get("CartCount");

        Assert.Equal(42L, count);
        Assert.True(store.TryGetValue("CartCount", out var bytes));
        Assert.Equal(8, bytes.Length);
        Assert.Empty(store.Reports);
        var diagnostic = Assert.Single(deploy.Diagnostics);
        Assert.Equal("SESS042", diagnostic.Id);
        Assert.Contains("'CartCount': Int32 to Int64", diagnostic.GetMessage());
    }

    [Fact]
    public void Int_widened_into_a_nullable_long_reads_the_old_value_writes_it_back_and_reads_null_where_nothing_was_stored()
    {
        var deploy = SchemaDeploy.Of(
            Cart("public partial int CartCount { get; set; }\n    public partial int Items { get; set; }"),
            Cart("public partial long? CartCount { get; set; }\n    public partial long? Items { get; set; }"));
        SchemaDeploy.Session(deploy.Old, store).Set("CartCount", 42);

        var session = SchemaDeploy.Session(deploy.New, store);

        Assert.Equal(42L, session.Get("CartCount"));
        Assert.True(store.TryGetValue("CartCount", out var bytes));
        Assert.Equal(8, bytes.Length);
        Assert.Null(session.Get("Items"));
        Assert.Empty(store.Reports);
        Assert.Equal(["SESS042"], deploy.DiagnosticIds);
    }

    [Fact]
    public void Nullable_value_type_reads_the_old_value_and_is_only_offered_for_shipping()
    {
        var deploy = SchemaDeploy.Of(
            Cart("public partial int CartCount { get; set; }"),
            Cart("public partial int? CartCount { get; set; }"));
        SchemaDeploy.Session(deploy.Old, store).Set("CartCount", 7);

        Assert.Equal(7, SchemaDeploy.Session(deploy.New, store).Get("CartCount"));
        Assert.Equal(["SESS042"], deploy.DiagnosticIds);
    }

    [Fact]
    public void Int_to_string_is_an_error_that_says_live_sessions_read_garbled_text()
    {
        var deploy = SchemaDeploy.Of(
            Cart("public partial int CartCount { get; set; }"),
            Cart("public partial string? CartCount { get; set; }"));
        SchemaDeploy.Session(deploy.Old, store).Set("CartCount", 42);

        Assert.NotEqual("42", SchemaDeploy.Session(deploy.New, store).Get("CartCount"));
        var diagnostic = Assert.Single(deploy.Diagnostics);
        Assert.Equal("SESS040", diagnostic.Id);
        Assert.Equal(
            "The session key 'CartCount' of 'CartSession' was shipped as Int32 and is now String?: Int32 bytes do not decode as String: " +
            "live sessions read the old bytes as text, garbled, until the key is written again",
            diagnostic.GetMessage());
    }

    [Fact]
    public void String_to_int_is_an_error_and_live_sessions_read_the_default()
    {
        var deploy = SchemaDeploy.Of(
            Cart("public partial string? Quantity { get; set; }"),
            Cart("public partial int Quantity { get; set; }"));
        SchemaDeploy.Session(deploy.Old, store).Set("Quantity", "3");

        Assert.Equal(0, SchemaDeploy.Session(deploy.New, store).Get("Quantity"));
        Assert.Equal("Quantity", Assert.Single(store.Reports).Key);
        var diagnostic = Assert.Single(deploy.Diagnostics);
        Assert.Equal("SESS040", diagnostic.Id);
        Assert.Contains("was shipped as String? and is now Int32: String bytes do not decode as Int32: live sessions read the property's default", diagnostic.GetMessage());
    }

    [Fact]
    public void A_migration_method_reads_the_old_encoding_converts_it_and_writes_it_back()
    {
        var deploy = SchemaDeploy.Of(
            Cart("public partial string? Quantity { get; set; }"),
            Cart("""
                public partial int Quantity { get; set; }

                private static int MigrateQuantity(string old) => int.Parse(old, System.Globalization.CultureInfo.InvariantCulture);
                """));
        SchemaDeploy.Session(deploy.Old, store).Set("Quantity", "3");

        Assert.Equal(3, SchemaDeploy.Session(deploy.New, store).Get("Quantity"));
        Assert.True(store.TryGetValue("Quantity", out var bytes));
        Assert.Equal([0, 0, 0, 3], bytes);
        Assert.Empty(store.Reports);
        Assert.Equal(["SESS042"], deploy.DiagnosticIds);
    }

    [Fact]
    public void A_changed_enum_underlying_type_is_an_error_and_live_sessions_read_the_default()
    {
        var deploy = SchemaDeploy.Of(
            Cart("public partial Tier Tier { get; set; }", "public enum Tier { Basic, Gold }"),
            Cart("public partial Tier Tier { get; set; }", "public enum Tier : long { Basic, Gold }"));
        SchemaDeploy.Session(deploy.Old, store).Set("Tier", Enum.ToObject(deploy.Old.GetType("Shop.Tier")!, 1));

        Assert.Equal("Basic", SchemaDeploy.Session(deploy.New, store).Get("Tier")!.ToString());
        var diagnostic = Assert.Single(deploy.Diagnostics);
        Assert.Equal("SESS040", diagnostic.Id);
        Assert.Contains("was shipped as Enum(Int32) and is now Enum(Int64): the enum's underlying type changed", diagnostic.GetMessage());
    }

    [Fact]
    public void A_migration_from_the_old_underlying_type_keeps_an_enum_whose_underlying_type_changed()
    {
        var deploy = SchemaDeploy.Of(
            Cart("public partial Tier Tier { get; set; }", "public enum Tier { Basic, Gold }"),
            Cart("""
                public partial Tier Tier { get; set; }

                private static Tier MigrateTier(int old) => (Tier)old;
                """, "public enum Tier : long { Basic, Gold }"));
        SchemaDeploy.Session(deploy.Old, store).Set("Tier", Enum.ToObject(deploy.Old.GetType("Shop.Tier")!, 1));

        Assert.Equal("Gold", SchemaDeploy.Session(deploy.New, store).Get("Tier")!.ToString());
        Assert.Equal(["SESS042"], deploy.DiagnosticIds);
    }

    [Fact]
    public void A_renamed_property_is_a_warning_that_points_at_its_successor()
    {
        var deploy = SchemaDeploy.Of(
            Cart("public partial string? Username { get; set; }"),
            Cart("public partial string? UserName { get; set; }"));
        SchemaDeploy.Session(deploy.Old, store).Set("Username", "ada");

        Assert.Null(SchemaDeploy.Session(deploy.New, store).Get("UserName"));
        Assert.Equal(["SESS041", "SESS042"], deploy.DiagnosticIds);
        var removed = deploy.Diagnostics[0];
        Assert.Equal(
            "The shipped session key 'Username' (String?) is no longer stored by 'CartSession': live sessions keep a value no code reads; " +
            "if 'UserName' took its place, keep the key with [SessionKey(\"Username\")]",
            removed.GetMessage());
        Assert.Equal("Username", removed.Properties["SessionKey"]);
        Assert.Equal("UserName", removed.Location.SourceTree!.GetText().ToString(removed.Location.SourceSpan));
    }

    [Fact]
    public void A_renamed_property_that_keeps_its_key_reads_the_live_value_and_changes_nothing()
    {
        var deploy = SchemaDeploy.Of(
            Cart("public partial string? Username { get; set; }"),
            Cart("""[SessionKey("Username")] public partial string? UserName { get; set; }"""));
        SchemaDeploy.Session(deploy.Old, store).Set("Username", "ada");

        Assert.Equal("ada", SchemaDeploy.Session(deploy.New, store).Get("UserName"));
        Assert.Empty(deploy.Diagnostics);
    }

    [Fact]
    public void A_removed_json_member_is_an_error_and_its_stored_value_is_lost()
    {
        var deploy = SchemaDeploy.Of(
            Cart("public partial Basket? Basket { get; set; }", "public sealed record Basket(string Name, int Lines);", json: true),
            Cart("public partial Basket? Basket { get; set; }", "public sealed record Basket(string Name);", json: true));
        SchemaDeploy.Session(deploy.Old, store).Set("Basket", Activator.CreateInstance(deploy.Old.GetType("Shop.Basket")!, "books", 2));

        Assert.Equal("Basket { Name = books }", SchemaDeploy.Session(deploy.New, store).Get("Basket")!.ToString());
        var diagnostic = Assert.Single(deploy.Diagnostics);
        Assert.Equal("SESS040", diagnostic.Id);
        Assert.Contains(
            "was shipped as Json(Shop.Basket)? { Lines: Int32, Name: String } and is now Json(Shop.Basket)? { Name: String }: " +
            "the member 'Lines' was removed",
            diagnostic.GetMessage());
    }

    [Fact]
    public void A_retyped_json_member_is_an_error_and_live_sessions_read_the_default()
    {
        var deploy = SchemaDeploy.Of(
            Cart("public partial Basket? Basket { get; set; }", "public sealed record Basket(string Name, int Lines);", json: true),
            Cart("public partial Basket? Basket { get; set; }", "public sealed record Basket(string Name, bool Lines);", json: true));
        SchemaDeploy.Session(deploy.Old, store).Set("Basket", Activator.CreateInstance(deploy.Old.GetType("Shop.Basket")!, "books", 2));

        Assert.Null(SchemaDeploy.Session(deploy.New, store).Get("Basket"));
        Assert.Equal("Basket", Assert.Single(store.Reports).Key);
        var diagnostic = Assert.Single(deploy.Diagnostics);
        Assert.Equal("SESS040", diagnostic.Id);
        Assert.Contains("the member 'Lines' changed from Int32 to Boolean", diagnostic.GetMessage());
    }

    [Fact]
    public void An_added_nullable_json_member_reads_the_old_object_and_is_only_offered_for_shipping()
    {
        var deploy = SchemaDeploy.Of(
            Cart("public partial Basket? Basket { get; set; }", "public sealed record Basket(string Name, int Lines);", json: true),
            Cart("public partial Basket? Basket { get; set; }", "public sealed record Basket(string Name, long Lines, string? Note);", json: true));
        SchemaDeploy.Session(deploy.Old, store).Set("Basket", Activator.CreateInstance(deploy.Old.GetType("Shop.Basket")!, "books", 2));

        Assert.Equal("Basket { Name = books, Lines = 2, Note =  }", SchemaDeploy.Session(deploy.New, store).Get("Basket")!.ToString());
        Assert.Equal(["SESS042"], deploy.DiagnosticIds);
    }

    [Fact]
    public void A_removed_session_class_is_reported_at_its_line_of_the_schema_file()
    {
        var deploy = SchemaDeploy.Of(
            Cart("public partial int CartCount { get; set; }"),
            Cart("public partial int CartCount { get; set; }").Replace("CartSession", "BasketSession", StringComparison.Ordinal));

        Assert.Equal(["SESS041", "SESS042"], deploy.DiagnosticIds);
        var removed = deploy.Diagnostics[0];
        Assert.Equal("/project/SessionSchema.Shipped.txt", removed.Location.GetLineSpan().Path);
        Assert.Equal(3, removed.Location.GetLineSpan().StartLinePosition.Line);
        Assert.EndsWith("'Shop.CartSession': live sessions keep a value no code reads; the class is no longer declared", removed.GetMessage());
    }

    [Fact]
    public async Task Without_a_schema_file_nothing_is_reported()
    {
        var compilation = SchemaDeploy.Build(Cart("public partial long CartCount { get; set; }"), []);

        var diagnostics = await compilation
            .WithAnalyzers([new TypedSession.Generator.Analyzers.Schema.SessionSchemaAnalyzer()])
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        Assert.Empty(diagnostics);
    }

    /// <summary>A session class <c>Shop.CartSession</c> with <paramref name="members"/>, and <paramref name="types"/> beside it.</summary>
    internal static string Cart(string members, string types = "", bool json = false) => $$"""
        using System.Text.Json.Serialization;
        using TypedSession;

        namespace Shop;

        {{(json ? "[Session(JsonContext = typeof(ShopJsonContext))]" : "[Session]")}}
        public partial class CartSession
        {
            {{members}}
        }

        {{types}}

        {{(json ? "[JsonSerializable(typeof(Basket))] internal partial class ShopJsonContext : JsonSerializerContext { }" : string.Empty)}}
        """;
}
