using System.Threading;
using Microsoft.CodeAnalysis;

namespace TypedSession.Generator.Analyzers;

/// <summary>
/// Builds a compilation's <see cref="CompilationSessionIndex"/> on first need and shares it between the types analyzed
/// concurrently. A cancelled build is not kept, so the next caller builds it again.
/// </summary>
internal sealed class CompilationSessionIndexCache
{
    private readonly Compilation _compilation;
    private readonly SessionSymbols _symbols;
    private CompilationSessionIndex? _index;

    public CompilationSessionIndexCache(Compilation compilation, SessionSymbols symbols)
    {
        _compilation = compilation;
        _symbols = symbols;
    }

    public CompilationSessionIndex Get(CancellationToken cancellationToken)
    {
        var index = Volatile.Read(ref _index);
        if (index is not null)
        {
            return index;
        }

        index = CompilationSessionIndex.Build(_compilation, _symbols, cancellationToken);
        return Interlocked.CompareExchange(ref _index, index, null) ?? index;
    }
}
