using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSession.Generator;

namespace TypedSession.Benchmarks.Compilation;

/// <summary>
/// Every C# <see cref="DiagnosticAnalyzer"/> in the TypedSession.Generator assembly, found by scanning it, so that an
/// analyzer added later is measured without touching the benchmarks.
/// </summary>
public static class TypedSessionAnalyzers
{
    /// <summary>One new instance of each analyzer.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> CreateAll() =>
        [.. typeof(SessionGenerator).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            .Where(type => type.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(attribute => attribute.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)];
}
