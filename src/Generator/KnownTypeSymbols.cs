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

    private readonly Compilation _compilation;

    private readonly KnownType _sessionAttribute;
    private readonly KnownType _sessionKeyAttribute;
    private readonly KnownType _typedSessionBase;
    private readonly KnownType _guid;
    private readonly KnownType _dateTimeOffset;
    private readonly KnownType _dateOnly;
    private readonly KnownType _timeOnly;
    private readonly KnownType _timeSpan;
    private readonly KnownType _jsonSerializerContext;
    private readonly KnownType _jsonSerializableAttribute;
    private readonly KnownType _jsonTypeInfoOfT;

    public KnownTypeSymbols(Compilation compilation)
    {
        _compilation = compilation;
        _sessionAttribute = Resolve(SessionAttributeMetadataName);
        _sessionKeyAttribute = Resolve(SessionKeyAttributeMetadataName);
        _typedSessionBase = Resolve(TypedSessionBaseMetadataName);
        _guid = Resolve("System.Guid");
        _dateTimeOffset = Resolve("System.DateTimeOffset");
        _dateOnly = Resolve("System.DateOnly");
        _timeOnly = Resolve("System.TimeOnly");
        _timeSpan = Resolve("System.TimeSpan");
        _jsonSerializerContext = Resolve("System.Text.Json.Serialization.JsonSerializerContext");
        _jsonSerializableAttribute = Resolve("System.Text.Json.Serialization.JsonSerializableAttribute");
        _jsonTypeInfoOfT = Resolve("System.Text.Json.Serialization.Metadata.JsonTypeInfo`1");
    }

    public Compilation Compilation => _compilation;

    public INamedTypeSymbol? SessionAttribute => _sessionAttribute.Symbol;

    public INamedTypeSymbol? SessionKeyAttribute => _sessionKeyAttribute.Symbol;

    public INamedTypeSymbol? TypedSessionBase => _typedSessionBase.Symbol;

    public INamedTypeSymbol? Guid => _guid.Symbol;

    public INamedTypeSymbol? DateTimeOffset => _dateTimeOffset.Symbol;

    public INamedTypeSymbol? DateOnly => _dateOnly.Symbol;

    public INamedTypeSymbol? TimeOnly => _timeOnly.Symbol;

    public INamedTypeSymbol? TimeSpan => _timeSpan.Symbol;

    public INamedTypeSymbol? JsonSerializerContext => _jsonSerializerContext.Symbol;

    public INamedTypeSymbol? JsonSerializableAttribute => _jsonSerializableAttribute.Symbol;

    /// <summary>The unbound <c>JsonTypeInfo&lt;T&gt;</c>.</summary>
    public INamedTypeSymbol? JsonTypeInfoOfT => _jsonTypeInfoOfT.Symbol;

    private KnownType Resolve(string metadataName) => new(_compilation, metadataName);
}
