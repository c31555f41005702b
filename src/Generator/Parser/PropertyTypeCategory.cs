namespace TypedSession.Generator.Parser;

/// <summary>What <see cref="PropertyTypeClassifier"/> concluded about a property type.</summary>
internal enum PropertyTypeCategory
{
    /// <summary>The session can store the type (codec, enum, nullable, or JSON through the class's context).</summary>
    Supported,

    /// <summary>The type did not resolve (a compiler error already says why): nothing to report, nothing to generate.</summary>
    Unresolved,

    /// <summary>No session encoding can exist for the type: object, dynamic, interfaces, delegates, pointers, ref structs, open generics.</summary>
    Unsupported,

    /// <summary>A complex type, but the <c>[Session]</c> class names no <c>JsonSerializerContext</c>.</summary>
    ComplexWithoutJsonContext,

    /// <summary>A complex type that the named <c>JsonSerializerContext</c> does not list in a <c>[JsonSerializable]</c> attribute.</summary>
    ComplexNotCoveredByJsonContext,

    /// <summary>The type named by <c>JsonContext</c> is not a <c>JsonSerializerContext</c>.</summary>
    InvalidJsonContext,
}
