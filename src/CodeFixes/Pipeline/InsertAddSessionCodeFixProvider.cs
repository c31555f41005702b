using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSession.Generator;
using TypedSession.Generator.Analyzers.Pipeline;

namespace TypedSession.CodeFixes.Pipeline;

/// <summary>
/// SESS013: registers the session services with <c>builder.Services.AddSession()</c> before <c>builder.Build()</c>,
/// or with <c>services.AddSession()</c> at the end of <c>ConfigureServices</c>, which may be in another file.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertAddSessionCodeFixProvider)), Shared]
public sealed class InsertAddSessionCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SESS013.InsertAddSession";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.AddSessionMissing.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(SessionRegistrationAnalyzer.FixKey, out var fix) ||
                fix != SessionRegistrationAnalyzer.InsertAddSession ||
                !diagnostic.Properties.TryGetValue(SessionRegistrationAnalyzer.ServicesKey, out var services) ||
                string.IsNullOrEmpty(services) ||
                diagnostic.AdditionalLocations.FirstOrDefault() is not { SourceTree: { } tree } site ||
                context.Document.Project.Solution.GetDocument(tree) is not { } siteDocument)
            {
                continue;
            }

            var appendToBody = diagnostic.Properties.TryGetValue(SessionRegistrationAnalyzer.AppendToBodyKey, out var append) && append == "true";
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add {services}.AddSession()",
                    cancellationToken => AddSessionAsync(siteDocument, site, services!, appendToBody, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Solution> AddSessionAsync(Document document, Location site, string services, bool appendToBody, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || !root.FullSpan.Contains(site.SourceSpan))
        {
            return document.Project.Solution;
        }

        var node = root.FindNode(site.SourceSpan, getInnermostNodeForTie: false);
        var code = services + ".AddSession();";
        const string Namespace = "Microsoft.Extensions.DependencyInjection";
        Document changed;
        if (appendToBody && node.FirstAncestorOrSelf<BlockSyntax>() is { } body)
        {
            changed = await StatementInsertion.AppendToBodyAsync(document, body, code, Namespace, cancellationToken).ConfigureAwait(false);
        }
        else if (StatementInsertion.EnclosingStatement(node) is { } anchor)
        {
            changed = await StatementInsertion.InsertNextToAsync(document, anchor, code, after: false, Namespace, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            return document.Project.Solution;
        }

        return changed.Project.Solution;
    }
}
