using Microsoft.CodeAnalysis.CSharp;
using TypedSession.Generator.Model;
using TypedSession.Generator.Parser;

namespace TypedSession.Tests.Generator;

/// <summary>
/// The declarations the generator compares to decide whether any session class must be inspected again: equal for
/// edits that cannot change a model, different for every edit that can.
/// </summary>
public sealed class DeclarationSignatureTests
{
    private const string Source = """
        namespace App;

        public sealed class Pricing
        {
            public const string Currency = "EUR";
            private static readonly int[] Rates = [1, 2, 3];

            public Pricing(string region) { }

            public decimal Total(decimal price) { return price * 2; }
            public string Label => "price";
        }

        [TypedSession.Session]
        public partial class CartSession
        {
            public partial int Items { get; set; }
            public string Describe() => "items";
        }
        """;

    [Theory]
    [InlineData("return price * 2;", "return price * 3;")]
    [InlineData("=> \"price\";", "=> \"Price\";")]
    [InlineData("[1, 2, 3]", "[4, 5]")]
    [InlineData("public Pricing(string region) { }", "public Pricing(string region) { _ = region; }")]
    [InlineData("public decimal Total(decimal price) { return price * 2; }", "public decimal Total(decimal price) { return price * 2; }\n    public int Count() => 1;")]
    [InlineData("=> \"items\";", "=> \"all items\";")]
    [InlineData("namespace App;", "// pricing\nnamespace App;")]
    public void An_edit_that_cannot_change_a_model_keeps_the_signature(string before, string after) =>
        Assert.Equal(Read(Source), Read(Source.Replace(before, after)));

    [Theory]
    [InlineData("\"EUR\"", "\"USD\"")]
    [InlineData("public partial int Items { get; set; }", "public partial long Items { get; set; }")]
    [InlineData("public string Describe() => \"items\";", "public string RemoveItems() => \"items\";")]
    [InlineData("public sealed class Pricing", "public sealed class Pricing<T>")]
    [InlineData("public Pricing(string region) { }", "public Pricing(string region, int year) { }")]
    [InlineData("public Pricing(string region) { }", "internal Pricing(string region) { }")]
    [InlineData("public decimal Total(decimal price) { return price * 2; }", "public decimal Total(decimal price) {\n#nullable disable\n return price * 2; }")]
    public void An_edit_that_can_change_a_model_changes_the_signature(string before, string after)
    {
        var edited = Source.Replace(before, after);
        Assert.NotEqual(Source, edited);
        Assert.NotEqual(Read(Source), Read(edited));
    }

    [Fact]
    public void Attributed_classes_are_candidates_by_metadata_name()
    {
        var declarations = Read("""
            namespace App.Web
            {
                public partial class Outer<T>
                {
                    [TypedSession.Session] public partial class Inner { }
                    public partial class Plain { }
                }
            }

            [System.Serializable]
            public record Global(int X);
            """);

        Assert.Equal(["App.Web.Outer`1+Inner", "Global"], declarations.ClassCandidates);
    }

    private static TreeDeclarations Read(string source) =>
        DeclarationSignature.Read(CSharpSyntaxTree.ParseText(source, GeneratorTestCompilation.ParseOptions, "File.cs"), CancellationToken.None);
}
