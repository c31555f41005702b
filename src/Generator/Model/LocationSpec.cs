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

    /// <summary>A location the compiler can report.</summary>
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
