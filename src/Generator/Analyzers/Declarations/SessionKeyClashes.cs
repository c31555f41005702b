using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using TypedSession.Generator.Parser;

namespace TypedSession.Generator.Analyzers.Declarations;

/// <summary>
/// SESS004 across classes: the properties whose session key another <c>[Session]</c> class stores with another
/// encoding. Built once per compilation from the same inspections that the per-class rules report from, so that no
/// property is classified twice.
/// </summary>
internal sealed class SessionKeyClashes
{
    private readonly Dictionary<IPropertySymbol, IPropertySymbol> _clashes;

    private SessionKeyClashes(Dictionary<IPropertySymbol, IPropertySymbol> clashes) => _clashes = clashes;

    /// <summary>True when no two classes store a key differently.</summary>
    public bool IsEmpty => _clashes.Count == 0;

    /// <summary>
    /// A property of another session class stored under the key of <paramref name="property"/> with another encoding
    /// (the first one found), or null.
    /// </summary>
    public IPropertySymbol? OtherClassUsing(IPropertySymbol property) =>
        _clashes.TryGetValue(property, out var other) ? other : null;

    /// <summary>Compares the keys of every served property of <paramref name="inspections"/>, in their order.</summary>
    public static SessionKeyClashes Build(IReadOnlyList<SessionClassInspection> inspections)
    {
        var byKey = new Dictionary<string, List<KeyUse>>(StringComparer.Ordinal);
        foreach (var inspection in inspections)
        {
            // A class that is not partial gets no generated part at all; any other class problem is fixed without
            // touching the keys, so its keys already count.
            if (inspection.Problem == SessionClassProblem.NotPartial)
            {
                continue;
            }

            foreach (var property in inspection.Properties)
            {
                if (property.Shape != PropertyShapeProblem.None ||
                    property.TypeClassification is not { IsSupported: true, Access: { } access })
                {
                    continue;
                }

                if (!byKey.TryGetValue(property.Key, out var uses))
                {
                    byKey.Add(property.Key, uses = new List<KeyUse>(1));
                }

                uses.Add(new KeyUse(inspection.Type, property.Property, access.CodecTypeName, access.UnannotatedTypeName));
            }
        }

        var clashes = new Dictionary<IPropertySymbol, IPropertySymbol>(SymbolEqualityComparer.Default);
        foreach (var uses in byKey.Values)
        {
            if (uses.Count < 2 || AllStoredAlike(uses))
            {
                continue;
            }

            foreach (var use in uses)
            {
                foreach (var other in uses)
                {
                    if (!other.IsStoredLike(use) && !SymbolEqualityComparer.Default.Equals(other.Type, use.Type))
                    {
                        clashes[use.Property] = other.Property;
                        break;
                    }
                }
            }
        }

        return new SessionKeyClashes(clashes);
    }

    // The common case (every key used once, or by views of one type) costs one pass.
    private static bool AllStoredAlike(List<KeyUse> uses)
    {
        for (var i = 1; i < uses.Count; i++)
        {
            if (!uses[i].IsStoredLike(uses[0]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One served property's use of a key and how it is stored: the codec and the type it handles, or JSON and the
    /// type. Two classes may view one key when this is the same (an <c>int</c> and an <c>int?</c>, or an enum over
    /// <c>int</c>, share it).
    /// </summary>
    private readonly struct KeyUse
    {
        public KeyUse(INamedTypeSymbol type, IPropertySymbol property, string? codecTypeName, string unannotatedTypeName)
        {
            Type = type;
            Property = property;
            CodecTypeName = codecTypeName;
            UnannotatedTypeName = unannotatedTypeName;
        }

        public INamedTypeSymbol Type { get; }

        public IPropertySymbol Property { get; }

        /// <summary>The codec, or null for JSON.</summary>
        public string? CodecTypeName { get; }

        public string UnannotatedTypeName { get; }

        public bool IsStoredLike(KeyUse other) =>
            string.Equals(CodecTypeName, other.CodecTypeName, StringComparison.Ordinal) &&
            string.Equals(UnannotatedTypeName, other.UnannotatedTypeName, StringComparison.Ordinal);
    }
}
