using Microsoft.CodeAnalysis;

namespace TypedSession.Generator;

/// <summary>
/// The well-known types the generator and the analyzers compare against, resolved once per compilation and only when
/// first asked for: a class with only <c>string</c> properties never looks up <c>DateOnly</c> or the JSON types.
/// Create one per compilation (the generator per parsed class, an analyzer in its compilation-start action).
/// </summary>
internal sealed class KnownTypeSymbols
{
    public const string SessionAttributeMetadataName = "TypedSession.SessionAttribute";
    public const string SessionKeyAttributeMetadataName = "TypedSession.SessionKeyAttribute";
    public const string TypedSessionBaseMetadataName = "TypedSession.TypedSessionBase";

    private readonly Compilation compilation;

    private readonly KnownType sessionAttribute;
    private readonly KnownType sessionKeyAttribute;
    private readonly KnownType typedSessionBase;
    private readonly KnownType guid;
    private readonly KnownType dateTimeOffset;
    private readonly KnownType dateOnly;
    private readonly KnownType timeOnly;
    private readonly KnownType timeSpan;
    private readonly KnownType jsonSerializerContext;
    private readonly KnownType jsonSerializableAttribute;
    private readonly KnownType jsonTypeInfoOfT;

    public KnownTypeSymbols(Compilation compilation)
    {
        this.compilation = compilation;
        sessionAttribute = Resolve(SessionAttributeMetadataName);
        sessionKeyAttribute = Resolve(SessionKeyAttributeMetadataName);
        typedSessionBase = Resolve(TypedSessionBaseMetadataName);
        guid = Resolve("System.Guid");
        dateTimeOffset = Resolve("System.DateTimeOffset");
        dateOnly = Resolve("System.DateOnly");
        timeOnly = Resolve("System.TimeOnly");
        timeSpan = Resolve("System.TimeSpan");
        jsonSerializerContext = Resolve("System.Text.Json.Serialization.JsonSerializerContext");
        jsonSerializableAttribute = Resolve("System.Text.Json.Serialization.JsonSerializableAttribute");
        jsonTypeInfoOfT = Resolve("System.Text.Json.Serialization.Metadata.JsonTypeInfo`1");
    }

    public Compilation Compilation => compilation;

    public INamedTypeSymbol? SessionAttribute => sessionAttribute.Symbol;

    public INamedTypeSymbol? SessionKeyAttribute => sessionKeyAttribute.Symbol;

    public INamedTypeSymbol? TypedSessionBase => typedSessionBase.Symbol;

    public INamedTypeSymbol? Guid => guid.Symbol;

    public INamedTypeSymbol? DateTimeOffset => dateTimeOffset.Symbol;

    public INamedTypeSymbol? DateOnly => dateOnly.Symbol;

    public INamedTypeSymbol? TimeOnly => timeOnly.Symbol;

    public INamedTypeSymbol? TimeSpan => timeSpan.Symbol;

    public INamedTypeSymbol? JsonSerializerContext => jsonSerializerContext.Symbol;

    public INamedTypeSymbol? JsonSerializableAttribute => jsonSerializableAttribute.Symbol;

    /// <summary>The unbound <c>JsonTypeInfo&lt;T&gt;</c>.</summary>
    public INamedTypeSymbol? JsonTypeInfoOfT => jsonTypeInfoOfT.Symbol;

    private KnownType Resolve(string metadataName) => new(compilation, metadataName);
}
