using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TypedSession.Generator.Model;

/// <summary>
/// Where a diagnostic the generator reports points, as values: a <see cref="Location"/> holds its syntax tree, which
/// would keep a compilation alive in the incremental cache and never compare equal to the next run's.
/// </summary>
/// <param name="FilePath">The path of the file.</param>
/// <param name="Span">The span in the file's text.</param>
/// <param name="LineSpan">The same span as lines and columns.</param>
internal sealed record LocationSpec(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>The value form of <paramref name="location"/>, or null when it is not in source.</summary>
    public static LocationSpec? From(Location location) =>
        location.SourceTree is { } tree
            ? new LocationSpec(tree.FilePath, location.SourceSpan, location.GetLineSpan().Span)
            : null;

    /// <summary>
    /// The location in <paramref name="compilation"/>'s tree of that path (which suppressions and code fixes reach),
    /// or in the file alone when the compilation no longer has that tree.
    /// </summary>
    public Location ToLocation(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath == FilePath && Span.End <= tree.Length)
            {
                return Location.Create(tree, Span);
            }
        }
        return Location.Create(FilePath, Span, LineSpan);
    }
}
