using System.Text;
using System.Text.Json;
using TypedSession.Tests.Generator.Sessions;
using TypedSession.Tests.Generator.Support;

namespace TypedSession.Tests.Generator;

/// <summary>Complex properties through System.Text.Json source-generated metadata, in a real build.</summary>
public sealed class JsonPropertyTests
{
    [Fact]
    public void Complex_values_round_trip_through_the_named_context()
    {
        var raw = new CountingSession();
        var writer = ShopSession.Create(raw);
        writer.Lines = [new CartLine("A-1", 2, 9.5m), new CartLine("B-2", 1, 3m)];
        writer.LastAdded = new CartLine("B-2", 1, 3m);
        writer.Counts = new Dictionary<string, int> { ["views"] = 3 };
        writer.Address = new ShippingAddress("1 Main St", "Springfield");

        var reader = ShopSession.Create(raw);
        Assert.Equal([new CartLine("A-1", 2, 9.5m), new CartLine("B-2", 1, 3m)], reader.Lines);
        Assert.Equal(new CartLine("B-2", 1, 3m), reader.LastAdded);
        Assert.Equal(3, Assert.IsType<Dictionary<string, int>>(reader.Counts)["views"]);
        Assert.Equal(new ShippingAddress("1 Main St", "Springfield"), reader.Address);
    }

    [Fact]
    public void Complex_values_are_stored_as_utf8_json_under_the_prefixed_key()
    {
        var raw = new CountingSession();
        var session = ShopSession.Create(raw);

        session.LastAdded = new CartLine("A-1", 2, 9.5m);

        Assert.True(raw.TryGetValue("shop:LastAdded", out var bytes));
        using var json = JsonDocument.Parse(bytes);
        Assert.Equal("A-1", json.RootElement.GetProperty("Sku").GetString());
    }

    [Fact]
    public void Missing_complex_values_read_as_null_and_null_removes_the_key()
    {
        var raw = new CountingSession();
        var session = ShopSession.Create(raw);
        Assert.Null(session.Lines);
        Assert.Null(session.Counts);
        Assert.Equal(default, session.Address);

        session.Lines = [new CartLine("A-1", 1, 1m)];
        session.Lines = null;

        Assert.Empty(raw.Keys);
    }

    [Fact]
    public void A_complex_value_that_no_longer_fits_its_type_reads_as_default()
    {
        var raw = new CountingSession();
        raw.Set("shop:Lines", Encoding.UTF8.GetBytes("{\"not\":\"a list\"}"));

        Assert.Null(ShopSession.Create(raw).Lines);
    }

    [Fact]
    public void A_complex_value_is_decoded_once_per_instance()
    {
        var raw = new CountingSession();
        ShopSession.Create(raw).Lines = [new CartLine("A-1", 1, 1m)];
        var session = ShopSession.Create(raw);

        var first = session.Lines;
        var second = session.Lines;

        Assert.Same(first, second);
        Assert.Equal(1, raw.TryGetValueCalls);
    }

    [Fact]
    public void A_context_from_a_referenced_assembly_is_used_through_its_visible_properties()
    {
        const string source = """
            using System.Collections.Generic;
            using TypedSession.Tests.Generator.Sessions;

            namespace Remote;

            [TypedSession.Session(JsonContext = typeof(ShopJsonContext))]
            public partial class RemoteCart
            {
                public partial List<CartLine>? Lines { get; set; }
                public partial CartLine? Last { get; set; }
            }
            """;
        var generated = string.Concat(GeneratorTestCompilation.Generate(source).Values);
        Assert.Contains("global::TypedSession.Tests.Generator.Sessions.ShopJsonContext.Default.ListCartLine;", generated);
        Assert.Contains("global::TypedSession.Tests.Generator.Sessions.ShopJsonContext.Default.SingleLine is { } typeInfo", generated);
        Assert.DoesNotContain("GetTypeInfo", generated);

        var assembly = GeneratorTestCompilation.CompileAndLoad(source);
        var raw = new CountingSession();
        new GeneratedSession(assembly, "Remote.RemoteCart", raw).Set("Lines", new List<CartLine> { new("A-1", 1, 2m) });
        Assert.Equal([new CartLine("A-1", 1, 2m)], (List<CartLine>?)new GeneratedSession(assembly, "Remote.RemoteCart", raw).Get("Lines"));
    }
}
