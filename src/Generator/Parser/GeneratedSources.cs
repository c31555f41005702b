using Microsoft.CodeAnalysis;

namespace TypedSession.Generator.Parser;

/// <summary>
/// Tells the generator's own output apart from the user's code. Analyzers run on the compilation that already holds
/// the generated parts, where each partial property has an implementation and each class a <c>Create</c>; those must
/// not count as the user's.
/// </summary>
internal static class GeneratedSources
{
    /// <summary>The folder of the generated files: <c>{assembly}/{generator type}/{hint name}</c>.</summary>
    public const string GeneratorFolder = "TypedSession.Generator.SessionGenerator";

    /// <summary>True when <paramref name="tree"/> was produced by <c>SessionGenerator</c>.</summary>
    public static bool IsGenerated(SyntaxTree tree) =>
        tree.FilePath.IndexOf(GeneratorFolder, System.StringComparison.Ordinal) >= 0;

    /// <summary>True when every declaration of <paramref name="symbol"/> comes from <c>SessionGenerator</c>.</summary>
    public static bool IsGenerated(ISymbol symbol)
    {
        var references = symbol.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return false;
        }
        foreach (var reference in references)
        {
            if (!IsGenerated(reference.SyntaxTree))
            {
                return false;
            }
        }
        return true;
    }
}
