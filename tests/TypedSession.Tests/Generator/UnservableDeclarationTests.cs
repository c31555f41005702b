using Microsoft.CodeAnalysis;
using TypedSession.Generator.Parser;
using TypedSession.Tests.Generator.Support;

namespace TypedSession.Tests.Generator;

/// <summary>
/// Declarations the generator cannot serve produce no broken output: the class or the property is left out, or the
/// property is implemented so that the only build errors are the analyzers' (SESS001-SESS005).
/// </summary>
public sealed class UnservableDeclarationTests
{
    [Theory]
    [InlineData("class not partial", """
        [TypedSession.Session]
        public class Target { public int Count { get; set; } }
        """)]
    [InlineData("container not partial", """
        public class Outer
        {
            [TypedSession.Session]
            public partial class Target { }
        }
        """)]
    [InlineData("user-declared base class", """
        public class Base { }

        [TypedSession.Session]
        public partial class Target : Base { public partial int Count { get; set; } }
        """)]
    [InlineData("record", """
        [TypedSession.Session]
        public partial record Target { public partial int Count { get; set; } }
        """)]
    [InlineData("static class", """
        [TypedSession.Session]
        public static partial class Target { public static partial int Count { get; set; } }
        """)]
    [InlineData("abstract class", """
        [TypedSession.Session]
        public abstract partial class Target { public partial int Count { get; set; } }
        """)]
    [InlineData("file-local class", """
        [TypedSession.Session]
        file partial class Target { public partial int Count { get; set; } }
        """)]
    public void A_class_the_generator_cannot_serve_gets_no_generated_file(string form, string source)
    {
        _ = form;
        var (output, result) = GeneratorTestCompilation.Run(GeneratorTestCompilation.Create(source));

        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Equal(1, output.SyntaxTrees.Count(tree => tree.FilePath.EndsWith("Source0.cs", StringComparison.Ordinal)));
    }

    [Fact]
    public void Properties_of_an_unsupported_type_duplicate_key_or_reserved_name_compile_and_throw_when_used()
    {
        const string source = """
            namespace App;

            public sealed record Item(string Name);

            [TypedSession.Session]
            public partial class Target
            {
                public partial int Count { get; set; }
                public partial object? Anything { get; set; }
                public partial System.IDisposable? Resource { get; set; }
                public partial Item? Item { get; set; }
                public partial string? Name { get; set; }
                [TypedSession.SessionKey("Name")]
                public partial string? Alias { get; set; }
                public new partial string? Id { get; set; }
                public partial bool RemoveCount { get; set; }
            }
            """;

        var assembly = GeneratorTestCompilation.CompileAndLoad(source);
        var session = new GeneratedSession(assembly, "App.Target", new CountingSession());

        session.Set("Count", 3);
        Assert.Equal(3, session.Get("Count"));
        foreach (var property in new[] { "Anything", "Resource", "Item", "Name", "Alias", "Id", "RemoveCount" })
        {
            var error = Assert.Throws<System.Reflection.TargetInvocationException>(() => session.Get(property));
            Assert.IsType<NotSupportedException>(error.InnerException);
        }
    }

    [Fact]
    public void A_property_named_like_a_generated_member_keeps_the_class_compiling_without_that_member()
    {
        const string source = """
            namespace App;

            [TypedSession.Session]
            public partial class Target
            {
                public partial int Count { get; set; }
                public partial int RemoveCount { get; set; }
            }
            """;

        var assembly = GeneratorTestCompilation.CompileAndLoad(source);
        var type = assembly.GetType("App.Target")!;

        Assert.NotNull(type.GetProperty("RemoveCount"));
        Assert.Null(type.GetMethod("RemoveCount"));
    }

    [Theory]
    [InlineData("get only", "public partial int Count { get; }")]
    [InlineData("set only", "public partial int Count { set; }")]
    [InlineData("init", "public partial int Count { get; init; }")]
    [InlineData("static", "public static partial int Count { get; set; }")]
    public void A_partial_property_of_the_wrong_shape_gets_a_throwing_implementation_and_no_compiler_error(string form, string declaration)
    {
        _ = form;
        var source = $$"""
            namespace App;

            [TypedSession.Session]
            public partial class Target
            {
                public partial string? Name { get; set; }
                {{declaration}}
            }
            """;
        var (output, result) = GeneratorTestCompilation.Run(GeneratorTestCompilation.Create(source));
        var generated = result.Results.Single().GeneratedSources.Single().SourceText.ToString();

        Assert.Contains("partial string? Name", generated);
        Assert.Contains("partial int Count", generated);
        Assert.DoesNotContain("RemoveCount", generated);
        Assert.Empty(GeneratorTestCompilation.Problems(output));
    }

    [Theory]
    [InlineData("by ref", "public partial ref int Count { get; }")]
    [InlineData("indexer", "public partial int this[int index] { get; set; }")]
    public void A_by_ref_property_or_an_indexer_is_not_implemented(string form, string declaration)
    {
        _ = form;
        var source = $$"""
            namespace App;

            [TypedSession.Session]
            public partial class Target
            {
                public partial string? Name { get; set; }
                {{declaration}}
            }
            """;
        var (output, result) = GeneratorTestCompilation.Run(GeneratorTestCompilation.Create(source));
        var generated = result.Results.Single().GeneratedSources.Single().SourceText.ToString();

        Assert.Contains("partial string? Name", generated);
        Assert.DoesNotContain(" Count", generated);
        Assert.DoesNotContain(" this[", generated);
        AssertNoDiagnosticsInGeneratedCode(output);
    }

    [Fact]
    public void A_property_whose_type_does_not_resolve_is_left_to_the_compiler()
    {
        var (output, result) = GeneratorTestCompilation.Run(GeneratorTestCompilation.Create("""
            [TypedSession.Session]
            public partial class Target
            {
                public partial int Count { get; set; }
                public partial Missing Broken { get; set; }
            }
            """));

        Assert.DoesNotContain("Broken", result.Results.Single().GeneratedSources.Single().SourceText.ToString());
        AssertNoDiagnosticsInGeneratedCode(output);
    }

    [Fact]
    public void The_inspector_sees_the_generated_parts_as_the_generators_own()
    {
        // Analyzers run on the compilation that already holds the generated parts.
        var (output, _) = GeneratorTestCompilation.Run(GeneratorTestCompilation.Create("""
            namespace App;

            [TypedSession.Session]
            public partial class Target
            {
                public partial int Count { get; set; }
                public partial string? Name { get; set; }
            }
            """));
        var type = output.GetTypeByMetadataName("App.Target")!;
        var attribute = type.GetAttributes().Single();

        var inspection = SessionClassInspector.Inspect(type, attribute, new TypedSession.Generator.KnownTypeSymbols(output), CancellationToken.None);

        Assert.Equal(SessionClassProblem.None, inspection.Problem);
        Assert.True(inspection.EmitFactory);
        Assert.True(inspection.EmitResetCachedValues);
        Assert.Equal(["Count", "Name"], inspection.Properties.Select(p => p.Property.Name));
        Assert.All(inspection.Properties, p => Assert.True(p.IsServable, p.Property.Name));
        Assert.All(inspection.Properties, p => Assert.True(p.EmitRemover, p.Property.Name));
        Assert.True(GeneratedSources.IsGenerated(type.GetMembers("Create").Single()));
    }

    private static void AssertNoDiagnosticsInGeneratedCode(Compilation output)
    {
        var generatedTrees = output.SyntaxTrees.Where(GeneratedSources.IsGenerated).ToHashSet();
        Assert.NotEmpty(generatedTrees);
        var inGenerated = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree))
            .Select(d => d.ToString())
            .ToList();
        Assert.Empty(inGenerated);
    }
}
