using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedSession.Generator;

namespace TypedSession.Benchmarks.Compilation;

/// <summary>
/// A synthetic project with a <c>Program.cs</c>, its generated files already added: the compilation the analyzers see
/// in a build.
/// </summary>
public sealed class AnalyzedProject
{
    private AnalyzedProject(ImmutableArray<SyntaxTree> trees) => Trees = trees;

    /// <summary>The project's trees and the generator's.</summary>
    public ImmutableArray<SyntaxTree> Trees { get; }

    /// <summary>A fresh compilation of <see cref="Trees"/>, nothing bound yet.</summary>
    public CSharpCompilation CreateCompilation() => ProjectCompilation.Create(Trees, executable: true);

    /// <summary>Builds the project of <paramref name="sessionClasses"/> session classes and checks that it compiles cleanly.</summary>
    public static AnalyzedProject Create(int sessionClasses)
    {
        var project = SyntheticProject.Create(sessionClasses, withProgram: true);
        var compilation = ProjectCompilation.Create(project.Sources.Select(ProjectCompilation.Parse), project.HasProgram);
        CSharpGeneratorDriver.Create([new SessionGenerator().AsSourceGenerator()], parseOptions: ProjectCompilation.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        ProjectCompilation.EnsureClean(output, "The analyzed project");
        return new AnalyzedProject([.. output.SyntaxTrees]);
    }
}
