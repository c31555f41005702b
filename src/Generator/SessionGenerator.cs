using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedSession.Generator;

/// <summary>
/// Implements the <c>partial</c> properties of every <c>[Session] partial class</c> over the request's
/// <c>ISession</c>. This file is the pipeline only; <c>SessionGenerator.Parser.cs</c> turns symbols into the cached
/// model and <c>SessionGenerator.Emitter.cs</c> turns the model into source.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class SessionGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var sessionClasses = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeSymbols.SessionAttributeMetadataName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (attributeContext, cancellationToken) => Parser.Parse(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.SessionClasses);

        var servable = sessionClasses
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ServableSessionClasses);

        context.RegisterSourceOutput(servable, static (productionContext, spec) =>
            productionContext.AddSource(spec.HintName, Emitter.Emit(spec)));
    }
}
