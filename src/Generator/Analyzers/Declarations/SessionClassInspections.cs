using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedSession.Generator.Parser;

namespace TypedSession.Generator.Analyzers.Declarations;

/// <summary>
/// One compilation's <c>[Session]</c> classes, each inspected once: the per-class rules and the cross-class key check
/// (<see cref="SessionKeyClashes"/>) read the same <see cref="SessionClassInspection"/>. Safe under concurrent
/// execution: inspections are shared through a concurrent dictionary, and the key index is built by one thread.
/// </summary>
internal sealed class SessionClassInspections
{
    private readonly Compilation _compilation;
    private readonly KnownTypeSymbols _knownTypes;
    private readonly INamedTypeSymbol _sessionAttribute;
    private readonly ConcurrentDictionary<INamedTypeSymbol, SessionClassInspection> _byType = new(SymbolEqualityComparer.Default);
    private readonly object _keyClashesGate = new();
    private SessionKeyClashes? _keyClashes;

    public SessionClassInspections(Compilation compilation, KnownTypeSymbols knownTypes, INamedTypeSymbol sessionAttribute)
    {
        _compilation = compilation;
        _knownTypes = knownTypes;
        _sessionAttribute = sessionAttribute;
    }

    /// <summary>The <c>[Session]</c> attribute of <paramref name="type"/>, or null: one symbol comparison per attribute.</summary>
    public AttributeData? FindSessionAttribute(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _sessionAttribute))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The inspection of <paramref name="type"/>, which carries <paramref name="sessionAttribute"/>.</summary>
    public SessionClassInspection Get(INamedTypeSymbol type, AttributeData sessionAttribute, CancellationToken cancellationToken)
    {
        if (_byType.TryGetValue(type, out var inspection))
        {
            return inspection;
        }

        // Two threads may rarely inspect the same class at once; both results are equal, one is kept.
        inspection = SessionClassInspector.Inspect(type, sessionAttribute, _knownTypes, cancellationToken);
        return _byType.GetOrAdd(type, inspection);
    }

    /// <summary>The cross-class key index, built on first need from every session class of the compilation.</summary>
    public SessionKeyClashes KeyClashes(CancellationToken cancellationToken)
    {
        var clashes = Volatile.Read(ref _keyClashes);
        if (clashes is not null)
        {
            return clashes;
        }

        // One builder at a time, so that concurrent callers wait for its inspections instead of repeating them. A
        // cancelled build stores nothing, and the next caller starts again (with the inspections made so far).
        lock (_keyClashesGate)
        {
            if (_keyClashes is null)
            {
                var inspections = new List<SessionClassInspection>();
                foreach (var symbol in _compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type, cancellationToken))
                {
                    if (symbol is INamedTypeSymbol type && FindSessionAttribute(type) is { } attribute)
                    {
                        inspections.Add(Get(type, attribute, cancellationToken));
                    }
                }

                Volatile.Write(ref _keyClashes, SessionKeyClashes.Build(inspections));
            }

            return _keyClashes!;
        }
    }
}
