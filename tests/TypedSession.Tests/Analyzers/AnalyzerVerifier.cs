using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace TypedSession.Tests.Analyzers;

/// <summary>
/// Runs one analyzer over test sources compiled against .NET, ASP.NET Core and TypedSession, and fails unless the
/// diagnostics produced are exactly the expected ones (the testing library's default: an unasserted diagnostic fails).
/// </summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    /// <summary>Verifies a class library made of <paramref name="source"/>.</summary>
    public static Task VerifyLibraryAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(new[] { source }, OutputKind.DynamicallyLinkedLibrary, expected);

    /// <summary>Verifies an application whose first source is the top-level Program.cs.</summary>
    public static Task VerifyProgramAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(new[] { source }, OutputKind.ConsoleApplication, expected);

    /// <summary>
    /// Verifies <paramref name="source"/> with TypedSession's source generator running first, as in a real build, so
    /// that partial properties have their generated implementations.
    /// </summary>
    public static Task VerifyWithGeneratorAsync(string source, params DiagnosticResult[] expected) =>
        VerifyWithGeneratorAsync(new[] { source }, expected);

    /// <summary>
    /// Verifies the files <paramref name="sources"/> (<c>File0.cs</c>, <c>File1.cs</c>, ... in that order) with
    /// TypedSession's source generator running first.
    /// </summary>
    public static Task VerifyWithGeneratorAsync(string[] sources, params DiagnosticResult[] expected) =>
        VerifyWithGeneratorAsync(sources, TestBehaviors.SkipGeneratedSourcesCheck, expected);

    /// <summary>
    /// Like <see cref="VerifyWithGeneratorAsync(string, DiagnosticResult[])"/> where the generator reports a diagnostic
    /// of the analyzer's too (SESS001 when the compiler rejects the partial members): the harness's suppression check,
    /// which expects <c>#pragma</c> to silence the analyzer's diagnostics, is skipped, because the generator's diagnostic
    /// is not the analyzer's.
    /// </summary>
    public static Task VerifyWithGeneratorReportingAsync(string source, params DiagnosticResult[] expected) =>
        VerifyWithGeneratorAsync(new[] { source }, TestBehaviors.SkipGeneratedSourcesCheck | TestBehaviors.SkipSuppressionCheck, expected);

    private static Task VerifyWithGeneratorAsync(string[] sources, TestBehaviors behaviors, DiagnosticResult[] expected)
    {
        var test = new Test { RunSessionGenerator = true, TestBehaviors = behaviors };
        for (var i = 0; i < sources.Length; i++)
        {
            test.TestState.Sources.Add(($"/0/File{i}.cs", sources[i]));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static Task VerifyAsync(string[] sources, OutputKind outputKind, params DiagnosticResult[] expected)
    {
        var test = new Test { TestState = { OutputKind = outputKind } };
        for (var i = 0; i < sources.Length; i++)
        {
            test.TestState.Sources.Add(($"/0/File{i}.cs", sources[i]));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The analyzer test with TypedSession's references, web global usings and nullable enabled.</summary>
    internal sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.None;
            TestState.AdditionalReferences.AddRange(TestReferences.Assemblies);
            TestState.Sources.Add(("/0/GlobalUsings.cs", TestReferences.WebGlobalUsings));
            SolutionTransforms.Add(TestCompilation.Configure);
        }

        /// <summary>Runs TypedSession's source generator before the analyzer, as a real build does.</summary>
        public bool RunSessionGenerator { get; init; }

        protected override IEnumerable<Type> GetSourceGenerators() =>
            RunSessionGenerator ? new[] { typeof(TypedSession.Generator.SessionGenerator) } : base.GetSourceGenerators();
    }
}
