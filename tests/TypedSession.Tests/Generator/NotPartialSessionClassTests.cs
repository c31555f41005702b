using Microsoft.CodeAnalysis;
using TypedSession.Generator;

namespace TypedSession.Tests.Generator;

/// <summary>
/// SESS001 from the generator: when the compiler rejects the partial members of a class that is not partial (CS0751,
/// CS9248), a command-line build stops before the analyzers run, so the generator reports SESS001 itself; otherwise the
/// analyzer does, and never both.
/// </summary>
public sealed class NotPartialSessionClassTests
{
    [Theory]
    [InlineData("class not partial", "Target", """
        [TypedSession.Session]
        public class Target { public partial int Count { get; set; } }
        """)]
    [InlineData("container not partial", "Outer", """
        public class Outer
        {
            [TypedSession.Session]
            public partial class Target { public partial int Count { get; set; } }
        }
        """)]
    public void The_generator_reports_SESS001_when_the_compiler_rejects_the_partial_members(string form, string nonPartialType, string source)
    {
        _ = form;
        var compilation = GeneratorTestCompilation.Create(source);
        var result = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Empty(result.GeneratedSources);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticDescriptors.SessionClassNotPartial.Id, diagnostic.Id);
        Assert.Equal($"The [Session] class 'Target' must be partial: '{nonPartialType}' is not declared partial", diagnostic.GetMessage());
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        var line = source.Split('\n')[diagnostic.Location.GetLineSpan().StartLinePosition.Line];
        Assert.Equal("Target", line.Substring(diagnostic.Location.GetLineSpan().StartLinePosition.Character, "Target".Length));
    }

    [Theory]
    [InlineData("""
        [TypedSession.Session]
        public class Target { public int Count { get; set; } }
        """)]
    [InlineData("""
        public class Outer
        {
            [TypedSession.Session]
            public partial class Target { }
        }
        """)]
    public void The_generator_leaves_SESS001_to_the_analyzer_when_the_compiler_accepts_the_declarations(string source)
    {
        var result = GeneratorTestCompilation.CreateDriver()
            .RunGenerators(GeneratorTestCompilation.Create(source)).GetRunResult().Results.Single();

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);
    }
}
