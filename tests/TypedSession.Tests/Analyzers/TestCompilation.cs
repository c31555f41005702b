using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TypedSession.Tests.Analyzers;

/// <summary>Compilation settings every analyzer and code-fix test shares: the latest C# with nullable enabled.</summary>
internal static class TestCompilation
{
    public static Solution Configure(Solution solution, ProjectId projectId)
    {
        var project = solution.GetProject(projectId)!;
        var options = (CSharpCompilationOptions)project.CompilationOptions!;
        var parseOptions = (CSharpParseOptions)project.ParseOptions!;
        return solution
            .WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable))
            .WithProjectParseOptions(projectId, parseOptions.WithLanguageVersion(LanguageVersion.Latest));
    }
}
