using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using TypedSession.Generator;
using TypedSession.Generator.Analyzers.Pipeline;

namespace TypedSession.CodeFixes.Pipeline;

/// <summary>
/// SESS014: registers an in-memory <c>IDistributedCache</c> next to <c>AddSession()</c>: a statement
/// <c>builder.Services.AddDistributedMemoryCache();</c> before it when the service collection is a plain name, or
/// <c>.AddDistributedMemoryCache()</c> in its chain otherwise.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddDistributedMemoryCacheCodeFixProvider)), Shared]
public sealed class AddDistributedMemoryCacheCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SESS014.AddDistributedMemoryCache";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DistributedCacheMissing.Id);

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
                fix != SessionRegistrationAnalyzer.AddDistributedMemoryCache ||
                !root.FullSpan.Contains(diagnostic.Location.SourceSpan) ||
                root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not
                    { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AddSession" } } addSession)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add AddDistributedMemoryCache()",
                    cancellationToken => AddCacheAsync(context.Document, addSession, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> AddCacheAsync(Document document, InvocationExpressionSyntax addSession, CancellationToken cancellationToken)
    {
        var memberAccess = (MemberAccessExpressionSyntax)addSession.Expression;
        var services = memberAccess.Expression;
        if (IsPlainName(services) &&
            addSession.Parent is ExpressionStatementSyntax or MemberAccessExpressionSyntax &&
            StatementInsertion.EnclosingStatement(addSession) is { } statement &&
            FirstCallOf(statement) == addSession)
        {
            return await StatementInsertion.InsertNextToAsync(
                document, statement, services.ToString() + ".AddDistributedMemoryCache();", after: false,
                "Microsoft.Extensions.DependencyInjection", cancellationToken).ConfigureAwait(false);
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var withCache = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                services.WithoutTrivia(),
                SyntaxFactory.IdentifierName("AddDistributedMemoryCache")));
        editor.ReplaceNode(services, withCache.WithTriviaFrom(services));
        return editor.GetChangedDocument();
    }

    /// <summary><c>services</c> or <c>builder.Services</c>: safe to repeat in a statement of its own.</summary>
    private static bool IsPlainName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax => true,
        MemberAccessExpressionSyntax { Expression: var inner, Name: IdentifierNameSyntax } => IsPlainName(inner),
        _ => false,
    };

    /// <summary>The innermost call of the statement's expression chain.</summary>
    private static InvocationExpressionSyntax? FirstCallOf(SyntaxNode statement)
    {
        InvocationExpressionSyntax? first = null;
        foreach (var invocation in statement.DescendantNodes(node => node is not AnonymousFunctionExpressionSyntax).OfType<InvocationExpressionSyntax>())
        {
            if (first is null || invocation.Span.End < first.Span.End)
            {
                first = invocation;
            }
        }

        return first;
    }
}
