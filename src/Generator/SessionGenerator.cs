using Microsoft.CodeAnalysis;
using TypedSession.Generator.Model;
using TypedSession.Generator.Parser;
using TypedSession.Generator.Schema;

namespace TypedSession.Generator;

/// <summary>
/// Implements the <c>partial</c> properties of every <c>[Session] partial class</c> over the request's
/// <c>ISession</c>. This file is the pipeline only; <c>SessionGenerator.Parser.cs</c> turns symbols into the cached
/// model and <c>SessionGenerator.Emitter.cs</c> turns the model into source.
/// </summary>
/// <remarks>
/// Not <c>ForAttributeWithMetadataName</c>: it hands its transform a semantic model, so Roslyn runs the transform
/// again for every <c>[Session]</c> class whenever anything in the compilation changes, binding every class's members
/// on each keystroke in any file. Here the syntax stage reads each changed tree's declarations without the code inside
/// them (<see cref="DeclarationSignature"/>), and the semantic stage runs only when those declarations, the options
/// or the references changed: an edit inside a method, anywhere, binds nothing and emits nothing.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed partial class SessionGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // One entry per tree, compared by reference: only a new or replaced tree is read again.
        var declarations = context.CompilationProvider
            .SelectMany(static (compilation, _) => compilation.SyntaxTrees)
            .Select(static (tree, cancellationToken) => DeclarationSignature.Read(tree, cancellationToken))
            .WithTrackingName(TrackingNames.Declarations);

        var environment = declarations.Collect()
            .Combine(context.CompilationProvider)
            .Select(static (pair, _) => new SemanticEnvironment(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.SemanticEnvironment);

        var sessionClasses = environment
            .SelectMany(static (environment, cancellationToken) => Parser.ParseAll(environment, cancellationToken))
            .WithTrackingName(TrackingNames.SessionClasses);

        var servable = sessionClasses
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ServableSessionClasses);

        // The shipped schema (an opt-in AdditionalFile) as text, then parsed: a project without it pays nothing more.
        var shippedSchema = context.AdditionalTextsProvider
            .Where(static text => SessionSchemaFile.IsSchemaFile(text.Path))
            .Select(static (text, cancellationToken) => text.GetText(cancellationToken)?.ToString() ?? string.Empty)
            .Collect()
            .Select(static (texts, _) => texts.IsEmpty ? null : SessionSchema.Parse(texts[0]))
            .WithTrackingName(TrackingNames.ShippedSchema);

        // Keys the shipped schema shows narrower (int, now long) read the old bytes too; other models pass unchanged.
        var emitted = servable
            .Combine(shippedSchema)
            .Select(static (pair, _) => ShippedWidening.Apply(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.EmittedSessionClasses);

        context.RegisterSourceOutput(emitted, static (productionContext, spec) =>
            productionContext.AddSource(spec.HintName, Emitter.Emit(spec)));

        // One file of JSON metadata and codecs for the whole compilation, from the servable models' equatable codec
        // models: an edit that leaves every model equal leaves the collected set equal, and nothing is emitted again.
        var jsonCodecs = servable
            .SelectMany(static (spec, _) => Emitter.JsonCodecsOf(spec))
            .WithTrackingName(TrackingNames.JsonCodecs)
            .Collect()
            .Select(static (codecs, _) => Emitter.DistinctJsonCodecs(codecs))
            .WithTrackingName(TrackingNames.DistinctJsonCodecs);

        context.RegisterSourceOutput(jsonCodecs, static (productionContext, codecs) =>
        {
            if (codecs.Count > 0)
            {
                productionContext.AddSource(Emitter.JsonCodecsHintName, Emitter.EmitJsonCodecs(codecs));
            }
        });

        // SESS001 for the classes whose partial members the compiler rejects: its errors stop a command-line build
        // before the analyzer that reports SESS001 runs (the analyzer leaves this case to the generator).
        var notPartial = environment
            .SelectMany(static (environment, cancellationToken) => Parser.FindNotPartialClasses(environment, cancellationToken))
            .WithTrackingName(TrackingNames.NotPartialSessionClasses);

        // Combined with the compilation so that the diagnostic points into its syntax tree, as the analyzer's would:
        // #pragma and the code fix then reach it. Only classes in error pay for the rerun on each edit.
        context.RegisterSourceOutput(notPartial.Combine(context.CompilationProvider), static (productionContext, pair) =>
            productionContext.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.SessionClassNotPartial, pair.Left.Location.ToLocation(pair.Right), pair.Left.ClassName, pair.Left.NonPartialTypeName)));
    }
}
