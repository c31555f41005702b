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

/// <summary>SESS012: moves <c>UseSession()</c> before the call that ends the pipeline.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveUseSessionBeforeTerminalCodeFixProvider)), Shared]
public sealed class MoveUseSessionBeforeTerminalCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SESS012.MoveUseSessionBeforeTerminal";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UseSessionAfterTerminal.Id);

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
                    "Move UseSession() before the end of the pipeline",
                    cancellationToken => UseSessionStatementMover.MoveAsync(context.Document, new[] { move }, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The diagnostic is on <c>UseSession()</c>; additional location 0 is the call that ends the pipeline.</summary>
    private static (TextSpan UseSession, TextSpan Target)? MoveOf(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(PipelineOrderAnalyzer.FixKey, out var fix) &&
        fix == PipelineOrderAnalyzer.MoveUseSessionBefore &&
        diagnostic.AdditionalLocations.Count >= 1 &&
        diagnostic.AdditionalLocations[0].SourceTree == diagnostic.Location.SourceTree
            ? (diagnostic.Location.SourceSpan, diagnostic.AdditionalLocations[0].SourceSpan)
            : null;
}
