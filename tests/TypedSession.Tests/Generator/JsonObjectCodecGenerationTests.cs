using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using TypedSession.Tests.Generator.Support;

namespace TypedSession.Tests.Generator;

/// <summary>Which JSON property types get a generated object codec, and which keep System.Text.Json's metadata alone.</summary>
public sealed class JsonObjectCodecGenerationTests
{
    private const string Declarations = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;

        namespace Shop;

        public sealed record Plain(string Name, int Count, decimal? Price, DateTimeOffset At, Guid Id);
        public sealed class Settable { public string? Name { get; set; } [JsonPropertyName("n")] public long Number { get; init; } }
        public sealed record Nested(string Name, Plain Inner);
        public sealed record WithCollection(string Name, List<int> Values);
        public sealed record WithIgnored(string Name, [property: JsonIgnore] int Hidden);
        public sealed record WithConverter([property: JsonConverter(typeof(JsonStringEnumConverter))] DayOfWeek Day);
        public sealed record WithEnum(DayOfWeek Day);
        [JsonPolymorphic] [JsonDerivedType(typeof(Derived), "d")] public record Base(string Name);
        public sealed record Derived(string Name, int Extra) : Base(Name);
        public sealed record WithComputed(int Count) { public int Twice => Count * 2; }
        public sealed class TwoConstructors { public TwoConstructors(int a) { A = a; } public TwoConstructors(string a) { A = a.Length; } public int A { get; } }
        public sealed class WithCallback : IJsonOnDeserialized { public int A { get; set; } public void OnDeserialized() { } }
        public struct Point { public int X { get; set; } public int Y { get; set; } }
        public sealed class WithSetterBody { public string? Display { get; set { field = value; Short = value; } } public string? Short { get; set; } }
        public sealed class WithExpressionSetter { private int a; public int A { get => a; set => a = value; } }

        [JsonSerializable(typeof(Plain))]
        [JsonSerializable(typeof(Settable))]
        [JsonSerializable(typeof(Nested))]
        [JsonSerializable(typeof(WithCollection))]
        [JsonSerializable(typeof(WithIgnored))]
        [JsonSerializable(typeof(WithConverter))]
        [JsonSerializable(typeof(WithEnum))]
        [JsonSerializable(typeof(Base))]
        [JsonSerializable(typeof(Derived))]
        [JsonSerializable(typeof(WithComputed))]
        [JsonSerializable(typeof(TwoConstructors))]
        [JsonSerializable(typeof(WithCallback))]
        [JsonSerializable(typeof(Point))]
        [JsonSerializable(typeof(WithSetterBody))]
        [JsonSerializable(typeof(WithExpressionSetter))]
        internal partial class ShopJsonContext : JsonSerializerContext
        {
        }

        """;

    [Theory]
    [InlineData("Plain")]
    [InlineData("Settable")]
    public void A_plain_object_of_simple_members_gets_a_generated_codec(string type)
    {
        var generated = Generate(type);

        var holder = $"global::TypedSession.Generated.JsonCodecs.{type}_";
        Assert.Contains($"public sealed class ObjectCodec : global::TypedSession.Generated.JsonObjectCodec<global::Shop.{type}>", generated);
        Assert.Matches($@"SessionValues\.ReadJson<global::Shop\.{type}>\(RawSession, __Key_Value, {Regex.Escape(holder)}[0-9A-F]{{8}}\.Codec\)", generated);
        Assert.Matches($@"SessionValues\.WriteJson<global::Shop\.{type}>\(RawSession, __Key_Value, value, {Regex.Escape(holder)}[0-9A-F]{{8}}\.Codec\)", generated);
    }

    [Theory]
    [InlineData("Nested")]
    [InlineData("WithCollection")]
    [InlineData("WithIgnored")]
    [InlineData("WithConverter")]
    [InlineData("WithEnum")]
    [InlineData("Base")]
    [InlineData("Derived")]
    [InlineData("WithComputed")]
    [InlineData("TwoConstructors")]
    [InlineData("WithCallback")]
    [InlineData("Point")]
    [InlineData("WithSetterBody")]
    [InlineData("WithExpressionSetter")]
    public void Other_types_keep_the_context_metadata(string type)
    {
        var generated = Generate(type);

        Assert.DoesNotContain("JsonObjectCodec", generated);
        Assert.Matches(@"__Key_Value, global::TypedSession\.Generated\.JsonCodecs\.\w+_[0-9A-F]{8}\.TypeInfo\)", generated);
    }

    // In metadata the compiler marks an auto-property's accessors [CompilerGenerated]; a setter with a body may set
    // other members, so that the order System.Text.Json calls the setters in matters.
    [Theory]
    [InlineData("Settable", true)]
    [InlineData("Noisy", true)]
    [InlineData("Linked", false)]
    public void A_referenced_class_gets_a_codec_only_when_its_setters_only_store_their_values(string type, bool expectsCodec)
    {
        var generated = GeneratorTestCompilation.Generate($$"""
            using TypedSession.Tests.Codecs.ObjectCodec;

            namespace Remote;

            [TypedSession.Session(JsonContext = typeof(ObjectCodecJsonContext))]
            public partial class ValueSession
            {
                public partial {{type}}? Value { get; set; }
            }
            """);

        // The codec, when there is one, sits in the shared JSON file beside the session class's own file.
        Assert.Equal(expectsCodec, string.Concat(generated.Values).Contains("JsonObjectCodec", StringComparison.Ordinal));
    }

    [Fact]
    public void A_generated_codec_round_trips_in_a_compiled_session()
    {
        var assembly = GeneratorTestCompilation.CompileAndLoad("""
            using TypedSession.Tests.Generator.Sessions;

            namespace Remote;

            [TypedSession.Session(JsonContext = typeof(ShopJsonContext))]
            public partial class LineSession
            {
                public partial CartLine? Value { get; set; }
            }
            """);
        var raw = new CountingSession();
        var line = new TypedSession.Tests.Generator.Sessions.CartLine("A \"quoted\" sku", 3, 1.50m);

        new GeneratedSession(assembly, "Remote.LineSession", raw).Set("Value", line);

        Assert.Equal("""{"Sku":"A \u0022quoted\u0022 sku","Quantity":3,"UnitPrice":1.50}""", System.Text.Encoding.UTF8.GetString(raw.Get("Value")!));
        Assert.Equal(line, new GeneratedSession(assembly, "Remote.LineSession", raw).Get("Value"));
    }

    [Fact]
    public void Editing_the_object_type_in_another_file_regenerates_its_codec()
    {
        const string line = "namespace Shop; public sealed record Line(string Sku, int Quantity);";
        const string session = """
            using System.Text.Json.Serialization;

            namespace Shop;

            [JsonSerializable(typeof(Line))]
            internal partial class LineJsonContext : JsonSerializerContext
            {
            }

            [TypedSession.Session(JsonContext = typeof(LineJsonContext))]
            public partial class LineSession
            {
                public partial Line? Value { get; set; }
            }
            """;
        var compilation = GeneratorTestCompilation.Create(line, session);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);
        var lineTree = compilation.SyntaxTrees.Single(tree => tree.ToString() == line);

        var edited = compilation.ReplaceSyntaxTree(lineTree, Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(
            line.Replace("int Quantity", "int Quantity, decimal Price"), GeneratorTestCompilation.ParseOptions));
        var generated = driver.RunGenerators(edited).GetRunResult().Results.Single().GeneratedSources
            .Single(source => source.HintName == "TypedSession.JsonCodecs.g.cs").SourceText.ToString();

        Assert.Contains("new(\"Price\", null, typeof(decimal)),", generated);
        Assert.Contains("value = new global::Shop.Line(member0!, member1, member2);", generated);
    }

    // Structs are declared without '?': the context has metadata for Point, not for Point?.
    private static string Generate(string type) =>
        GeneratorTestCompilation.Generate(Declarations + $$"""
            [TypedSession.Session(JsonContext = typeof(ShopJsonContext))]
            public partial class ValueSession
            {
                public partial {{type}}{{(type == "Point" ? "" : "?")}} Value { get; set; }
            }
            """).Values.Aggregate(string.Empty, string.Concat);
}
