using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace TypedSession.Generator.Analyzers;

/// <summary>
/// What the rest of the compilation says about session set-up, for rules that report inside one type but must stay
/// silent when the missing piece may be elsewhere. Built once per compilation, on first need, from syntax (names of
/// calls and types: an over-approximation, which can only silence a rule) and from symbols (<c>[Session]</c> classes,
/// source types implementing a cache or a session store); it never binds other files.
/// </summary>
internal sealed class CompilationSessionIndex
{
    private readonly Dictionary<SessionName, List<Location>> _names;

    private CompilationSessionIndex(
        Dictionary<SessionName, List<Location>> names,
        ImmutableArray<INamedTypeSymbol> sessionClasses,
        bool implementsCacheOrStore)
    {
        _names = names;
        SessionClasses = sessionClasses;
        ImplementsCacheOrStore = implementsCacheOrStore;
    }

    /// <summary>The <c>[Session]</c> classes declared in the compilation.</summary>
    public ImmutableArray<INamedTypeSymbol> SessionClasses { get; }

    /// <summary>A source type implements <c>IDistributedCache</c> or <c>ISessionStore</c>, so the app registers its own.</summary>
    public bool ImplementsCacheOrStore { get; }

    /// <summary>
    /// <see langword="true"/> when <paramref name="name"/> occurs somewhere outside <paramref name="type"/>'s declarations.
    /// </summary>
    public bool OccursOutside(SessionName name, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (!_names.TryGetValue(name, out var locations))
        {
            return false;
        }

        foreach (var location in locations)
        {
            if (!IsInside(location, type, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInside(Location location, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == location.SourceTree && reference.GetSyntax(cancellationToken).FullSpan.Contains(location.SourceSpan))
            {
                return true;
            }
        }

        // The top-level statements belong to the Program type, whether it is implicit or also declared by the user.
        return !type.GetMembers(WellKnownMemberNames.TopLevelStatementsEntryPointMethodName).IsEmpty &&
               location.SourceTree?.GetRoot(cancellationToken) is CompilationUnitSyntax root &&
               IsInTopLevelStatements(root, location.SourceSpan);
    }

    private static bool IsInTopLevelStatements(CompilationUnitSyntax root, TextSpan span)
    {
        foreach (var member in root.Members)
        {
            if (member is GlobalStatementSyntax && member.FullSpan.Contains(span))
            {
                return true;
            }
        }

        return false;
    }

    public static CompilationSessionIndex Build(Compilation compilation, SessionSymbols symbols, CancellationToken cancellationToken)
    {
        var names = new Dictionary<SessionName, List<Location>>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is SimpleNameSyntax simpleName && Classify(simpleName) is { } name)
                {
                    if (!names.TryGetValue(name, out var list))
                    {
                        names[name] = list = new List<Location>();
                    }

                    list.Add(simpleName.GetLocation());
                }
            }
        }

        var sessionClasses = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        var implementsCacheOrStore = false;
        foreach (var symbol in compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type, cancellationToken))
        {
            if (symbol is not INamedTypeSymbol type)
            {
                continue;
            }

            if (symbols.IsSessionClass(type))
            {
                sessionClasses.Add(type);
            }

            if (!type.IsAbstract && (SessionSymbols.IsOrInherits(type, symbols.DistributedCache) || SessionSymbols.IsOrInherits(type, symbols.SessionStore)))
            {
                implementsCacheOrStore = true;
            }
        }

        return new CompilationSessionIndex(names, sessionClasses.ToImmutable(), implementsCacheOrStore);
    }

    private static SessionName? Classify(SimpleNameSyntax name)
    {
        var identifier = name.Identifier.ValueText;
        switch (identifier)
        {
            case "UseSession":
                return SessionName.UseSession;
            case "AddSession":
                return SessionName.AddSession;
            case "AddTypedSession":
            case "AddTypedSessionEngine":
                return SessionName.TypedSessionEngine;
            case "IDistributedCache":
            case "ISessionStore":
                return SessionName.DistributedCache;
            case "SecurePolicy":
            case "Secure":
            case "SessionOptions":
                return SessionName.CookieSecurity;
            // The framework's caches that are not an IDistributedCache.
            case "AddMemoryCache":
            case "AddOutputCache":
            case "AddHybridCache":
                return null;
        }

        // A registration of an unknown cache (AddStackExchangeRedisCache, AddDistributedSqlServerCache, a library's
        // own): the name of a called method, not any identifier (a field named _cache says nothing).
        return identifier.IndexOf("Cache", StringComparison.Ordinal) >= 0 && IsCalledName(name) ? SessionName.DistributedCache : null;
    }

    private static bool IsCalledName(SimpleNameSyntax name) => name.Parent switch
    {
        InvocationExpressionSyntax invocation => invocation.Expression == name,
        MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } memberAccess =>
            memberAccess.Name == name && invocation.Expression == memberAccess,
        _ => false,
    };
}
