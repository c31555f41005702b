using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using TypedSession.Generator;
using TypedSession.Generator.Analyzers.Pipeline;

namespace TypedSession.CodeFixes.Pipeline;

/// <summary>
/// SESS010: adds <c>app.UseSession()</c> to the pipeline, before the first endpoint, terminal call or middleware that
/// uses the session (after the last call when there is none).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertUseSessionCodeFixProvider)), Shared]
public sealed class InsertUseSessionCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SESS010.InsertUseSession";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UseSessionMissing.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null ||
                !diagnostic.Properties.TryGetValue(SessionRegistrationAnalyzer.FixKey, out var fix) ||
                fix != SessionRegistrationAnalyzer.InsertUseSession ||
                !diagnostic.Properties.TryGetValue(SessionRegistrationAnalyzer.ReceiverKey, out var receiver) ||
                string.IsNullOrEmpty(receiver) ||
                !root.FullSpan.Contains(diagnostic.Location.SourceSpan) ||
                StatementInsertion.EnclosingStatement(root.FindNode(diagnostic.Location.SourceSpan)) is not { } anchor)
            {
                continue;
            }

            var after = diagnostic.Properties.TryGetValue(SessionRegistrationAnalyzer.InsertAfterKey, out var insertAfter) && insertAfter == "true";
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add {receiver}.UseSession()",
                    cancellationToken => StatementInsertion.InsertNextToAsync(
                        context.Document, anchor, receiver + ".UseSession();", after, "Microsoft.AspNetCore.Builder", cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
