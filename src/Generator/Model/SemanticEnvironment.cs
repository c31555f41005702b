using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedSession.Generator.Model;

/// <summary>
/// Everything the models of the session classes are a function of: the declarations of every tree, the compilation
/// options, the parse options and the metadata references. Two environments are equal when all of these are, even
/// though their compilations differ; the pipeline then keeps every model it has and binds nothing. When they differ,
/// the session classes are inspected again in <see cref="Compilation"/>.
/// </summary>
/// <remarks>
/// The compilation is held weakly: when the environment compares equal, the pipeline keeps the previous one, and a
/// strong reference would keep an old compilation alive for as long as no declaration changes. The references are
/// held strongly at no cost: an equal environment holds the very instances the current compilation holds.
/// </remarks>
internal sealed class SemanticEnvironment : IEquatable<SemanticEnvironment>
{
    private readonly WeakReference<Compilation> _compilation;
    private readonly ImmutableArray<MetadataReference> _references;
    private readonly CompilationOptions _options;
    private readonly ParseOptions? _parseOptions;
    private readonly string? _assemblyName;

    public SemanticEnvironment(ImmutableArray<TreeDeclarations> trees, Compilation compilation)
    {
        Trees = trees;
        _compilation = new WeakReference<Compilation>(compilation);
        _references = ImmutableArray.CreateRange(compilation.ExternalReferences);
        _options = compilation.Options;
        _parseOptions = compilation.SyntaxTrees.FirstOrDefault()?.Options;
        _assemblyName = compilation.AssemblyName;
    }

    /// <summary>The declarations of every tree, in the compilation's order.</summary>
    public ImmutableArray<TreeDeclarations> Trees { get; }

    /// <summary>
    /// The compilation this environment was read from. Only asked for in the run that created the environment (a step
    /// that depends on it runs only when it changed), while the driver holds that compilation.
    /// </summary>
    public Compilation Compilation => _compilation.TryGetTarget(out var target)
        ? target
        : throw new InvalidOperationException("The compilation of an unchanged semantic environment is no longer available.");

    public bool Equals(SemanticEnvironment? other)
    {
        if (other is null)
        {
            return false;
        }
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        return _assemblyName == other._assemblyName
            && _options.Equals(other._options)
            && Equals(_parseOptions, other._parseOptions)
            && SameReferences(_references, other._references)
            && SameTrees(Trees, other.Trees);
    }

    public override bool Equals(object? obj) => obj is SemanticEnvironment other && Equals(other);

    public override int GetHashCode() => unchecked((Trees.Length * 397) ^ _references.Length);

    // A reference is the same input only as the same instance: a rebuilt project reference has the same display name.
    private static bool SameReferences(ImmutableArray<MetadataReference> left, ImmutableArray<MetadataReference> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }
        for (var i = 0; i < left.Length; i++)
        {
            if (!ReferenceEquals(left[i], right[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool SameTrees(ImmutableArray<TreeDeclarations> left, ImmutableArray<TreeDeclarations> right)
    {
        if (left == right)
        {
            return true;
        }
        if (left.Length != right.Length)
        {
            return false;
        }
        for (var i = 0; i < left.Length; i++)
        {
            if (!left[i].Equals(right[i]))
            {
                return false;
            }
        }
        return true;
    }
}
