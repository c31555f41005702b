using System;
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

    private readonly Lazy<INamedTypeSymbol?> sessionAttribute;
    private readonly Lazy<INamedTypeSymbol?> sessionKeyAttribute;
    private readonly Lazy<INamedTypeSymbol?> typedSessionBase;
    private readonly Lazy<INamedTypeSymbol?> guid;
    private readonly Lazy<INamedTypeSymbol?> dateTimeOffset;
    private readonly Lazy<INamedTypeSymbol?> dateOnly;
    private readonly Lazy<INamedTypeSymbol?> timeOnly;
    private readonly Lazy<INamedTypeSymbol?> timeSpan;
    private readonly Lazy<INamedTypeSymbol?> jsonSerializerContext;
    private readonly Lazy<INamedTypeSymbol?> jsonSerializableAttribute;
    private readonly Lazy<INamedTypeSymbol?> jsonTypeInfoOfT;

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

    public INamedTypeSymbol? SessionAttribute => sessionAttribute.Value;

    public INamedTypeSymbol? SessionKeyAttribute => sessionKeyAttribute.Value;

    public INamedTypeSymbol? TypedSessionBase => typedSessionBase.Value;

    public INamedTypeSymbol? Guid => guid.Value;

    public INamedTypeSymbol? DateTimeOffset => dateTimeOffset.Value;

    public INamedTypeSymbol? DateOnly => dateOnly.Value;

    public INamedTypeSymbol? TimeOnly => timeOnly.Value;

    public INamedTypeSymbol? TimeSpan => timeSpan.Value;

    public INamedTypeSymbol? JsonSerializerContext => jsonSerializerContext.Value;

    public INamedTypeSymbol? JsonSerializableAttribute => jsonSerializableAttribute.Value;

    /// <summary>The unbound <c>JsonTypeInfo&lt;T&gt;</c>.</summary>
    public INamedTypeSymbol? JsonTypeInfoOfT => jsonTypeInfoOfT.Value;

    private Lazy<INamedTypeSymbol?> Resolve(string metadataName) =>
        new(() => compilation.GetTypeByMetadataName(metadataName), System.Threading.LazyThreadSafetyMode.PublicationOnly);
}
