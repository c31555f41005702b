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
    public static Task VerifyWithGeneratorAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        VerifyWithGeneratorAsync(source, fixedSource, TestBehaviors.SkipGeneratedSourcesCheck, expected);

    /// <summary>
    /// Verifies a fix of a diagnostic the generator reports (SESS001 when the compiler rejects the partial members):
    /// the harness's suppression check, meant for the analyzer's own diagnostics, is skipped.
    /// </summary>
    public static Task VerifyGeneratorDiagnosticFixAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        VerifyWithGeneratorAsync(source, fixedSource, TestBehaviors.SkipGeneratedSourcesCheck | TestBehaviors.SkipSuppressionCheck, expected);

    private static Task VerifyWithGeneratorAsync(string source, string fixedSource, TestBehaviors behaviors, DiagnosticResult[] expected)
    {
        var test = new Test
        {
            RunSessionGenerator = true,
            TestBehaviors = behaviors,
            TestState = { Sources = { ("/0/Program.cs", source) } },
            FixedState = { Sources = { ("/0/Program.cs", fixedSource) } },
        };
        test.ExpectedDiagnostics.AddRange(expected);
        if ((behaviors & TestBehaviors.SkipSuppressionCheck) != 0)
        {
            // The compiler errors the generator's diagnostic comes with are gone once the class is fixed: the fixed
            // state expects nothing rather than inheriting them.
            test.FixedState.InheritanceMode = StateInheritanceMode.Explicit;
            test.FixedState.OutputKind = OutputKind.DynamicallyLinkedLibrary;
        }
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
