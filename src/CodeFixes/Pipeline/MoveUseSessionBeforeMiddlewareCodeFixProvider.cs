using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using TypedSession.Generator;
using TypedSession.Generator.Analyzers.Pipeline;

namespace TypedSession.CodeFixes.Pipeline;

/// <summary>
/// SESS011: moves <c>UseSession()</c> before the first middleware of the pipeline that uses the session.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveUseSessionBeforeMiddlewareCodeFixProvider)), Shared]
public sealed class MoveUseSessionBeforeMiddlewareCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SESS011.MoveUseSessionBeforeMiddleware";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MiddlewareBeforeUseSession.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => UseSessionStatementMover.FixAll(MoveOf);

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || MoveOf(diagnostic) is not { } move || !UseSessionStatementMover.CanMove(root, move.UseSession, move.Target))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Move UseSession() before the middleware that uses the session",
                    cancellationToken => UseSessionStatementMover.MoveAsync(context.Document, new[] { move }, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>
    /// The analyzer passes <c>UseSession()</c> as additional location 0 and the first middleware that uses the session
    /// as additional location 1, so that every diagnostic of one pipeline asks for the same move.
    /// </summary>
    private static (TextSpan UseSession, TextSpan Target)? MoveOf(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(PipelineOrderAnalyzer.FixKey, out var fix) &&
        fix == PipelineOrderAnalyzer.MoveUseSessionBefore &&
        diagnostic.AdditionalLocations.Count >= 2 &&
        diagnostic.AdditionalLocations[0].SourceTree == diagnostic.Location.SourceTree &&
        diagnostic.AdditionalLocations[1].SourceTree == diagnostic.Location.SourceTree
            ? (diagnostic.AdditionalLocations[0].SourceSpan, diagnostic.AdditionalLocations[1].SourceSpan)
            : null;
}
