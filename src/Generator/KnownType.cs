using System.Threading;
using Microsoft.CodeAnalysis;

namespace TypedSession.Generator;

/// <summary>
/// One well-known type of a compilation, looked up on first need. A lookup by metadata name searches every referenced
/// assembly (about a millisecond in an ASP.NET Core project), so <see cref="Is"/> compares the simple name first: a call
/// or a type of another name never triggers it, and a compilation pays only for the types its code comes near.
/// </summary>
internal sealed class KnownType
{
    private readonly Compilation _compilation;
    private readonly string _metadataName;
    private INamedTypeSymbol? _symbol;
    private int _resolved;

    public KnownType(Compilation compilation, string metadataName)
    {
        _compilation = compilation;
        _metadataName = metadataName;
        var name = metadataName.Substring(metadataName.LastIndexOf('.') + 1);
        var arity = name.IndexOf('`');
        Name = arity < 0 ? name : name.Substring(0, arity);
    }

    /// <summary>The simple name (<c>ISession</c>).</summary>
    public string Name { get; }

    /// <summary>The type, or <see langword="null"/> when the compilation does not reference it.</summary>
    public INamedTypeSymbol? Symbol
    {
        get
        {
            if (Volatile.Read(ref _resolved) == 0)
            {
                // Concurrent first callers may both look it up; they find the same symbol.
                _symbol = _compilation.GetTypeByMetadataName(_metadataName);
                Volatile.Write(ref _resolved, 1);
            }

            return _symbol;
        }
    }

    /// <summary><see langword="true"/> when <paramref name="type"/> is this type.</summary>
    public bool Is(ITypeSymbol? type) =>
        type is not null && type.Name == Name && SymbolEqualityComparer.Default.Equals(type, Symbol);
}
