using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using TypedSession.Generator.Analyzers.Pipeline;

namespace TypedSession.CodeFixes.Pipeline;

/// <summary>
/// Moves <c>UseSession()</c> before another pipeline call. SESS011 and SESS012 ask for the same move and differ only
/// in which diagnostic they fix and where the analyzer put the two calls' locations.
/// </summary>
public abstract class MoveUseSessionCodeFixProvider : CodeFixProvider
{
    private readonly string _title;
    private readonly string _equivalenceKey;

    /// <summary>Creates the fix for <paramref name="diagnosticId"/>.</summary>
    private protected MoveUseSessionCodeFixProvider(string diagnosticId, string title, string equivalenceKey)
    {
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
        _title = title;
        _equivalenceKey = equivalenceKey;
    }

    /// <inheritdoc />
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() => UseSessionStatementMover.FixAll(MoveOf);

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
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
                    _title,
                    cancellationToken => UseSessionStatementMover.MoveAsync(context.Document, new[] { move }, cancellationToken),
                    _equivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The spans of <c>UseSession()</c> and of the call it must come before, when the diagnostic asks for the move.</summary>
    private (TextSpan UseSession, TextSpan Target)? MoveOf(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(PipelineOrderAnalyzer.FixKey, out var fix) &&
        fix == PipelineOrderAnalyzer.MoveUseSessionBefore
            ? LocateMove(diagnostic)
            : null;

    /// <summary>Reads the two spans from where the analyzer put them; <see langword="null"/> when they are not in one file.</summary>
    private protected abstract (TextSpan UseSession, TextSpan Target)? LocateMove(Diagnostic diagnostic);
}
