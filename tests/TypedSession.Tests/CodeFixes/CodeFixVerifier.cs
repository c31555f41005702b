using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using TypedSession.Tests.Analyzers;

namespace TypedSession.Tests.CodeFixes;

/// <summary>
/// Runs an analyzer and one code fix over test sources: the diagnostics before the fix must be exactly the expected
/// ones, the fixed source must match, fix-all must give the same result, and no diagnostic the fix should remove may
/// remain.
/// </summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    public static Task VerifyProgramAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        VerifyAsync(source, fixedSource, OutputKind.ConsoleApplication, expected);

    public static Task VerifyLibraryAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        VerifyAsync(source, fixedSource, OutputKind.DynamicallyLinkedLibrary, expected);

    /// <summary>Verifies a fix with TypedSession's source generator running, as in a real build.</summary>
    public static Task VerifyWithGeneratorAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new Test
        {
            RunSessionGenerator = true,
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck,
            TestState = { Sources = { ("/0/Program.cs", source) } },
            FixedState = { Sources = { ("/0/Program.cs", fixedSource) } },
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static Task VerifyAsync(string source, string fixedSource, OutputKind outputKind, params DiagnosticResult[] expected)
    {
        var test = new Test
        {
            TestState = { OutputKind = outputKind, Sources = { ("/0/Program.cs", source) } },
            FixedState = { OutputKind = outputKind, Sources = { ("/0/Program.cs", fixedSource) } },
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The code-fix test with TypedSession's references, web global usings and nullable enabled.</summary>
    internal sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.None;
            TestState.AdditionalReferences.AddRange(TestReferences.Assemblies);
            TestState.Sources.Add(("/0/GlobalUsings.cs", TestReferences.WebGlobalUsings));
            FixedState.AdditionalReferences.AddRange(TestReferences.Assemblies);
            FixedState.Sources.Add(("/0/GlobalUsings.cs", TestReferences.WebGlobalUsings));
            SolutionTransforms.Add(TestCompilation.Configure);
        }

        /// <summary>Runs TypedSession's source generator before the analyzer, as a real build does.</summary>
        public bool RunSessionGenerator { get; init; }

        protected override IEnumerable<Type> GetSourceGenerators() =>
            RunSessionGenerator ? new[] { typeof(TypedSession.Generator.SessionGenerator) } : base.GetSourceGenerators();
    }
}
