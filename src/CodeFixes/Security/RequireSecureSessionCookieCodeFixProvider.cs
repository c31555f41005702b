using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using TypedSession.Generator;
using TypedSession.Generator.Analyzers.Security;

namespace TypedSession.CodeFixes.Security;

/// <summary>
/// SESS030: makes the session cookie <c>CookieSecurePolicy.Always</c>, by replacing the value assigned to
/// <c>SecurePolicy</c>, or by setting it in the options of <c>AddSession(...)</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RequireSecureSessionCookieCodeFixProvider)), Shared]
public sealed class RequireSecureSessionCookieCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SESS030.SecurePolicyAlways";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.SessionCookieNotSecure.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || !root.FullSpan.Contains(diagnostic.Location.SourceSpan) ||
                !diagnostic.Properties.TryGetValue(SessionCookieAnalyzer.FixKey, out var fix))
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (fix == SessionCookieAnalyzer.SetAlways && node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is { } assignment)
            {
                Register(context, diagnostic, token => ReplaceAsync(context.Document, assignment.Right, Always(), token));
            }
            else if (fix == SessionCookieAnalyzer.ConfigureAlways &&
                     node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } addSession &&
                     WithSecureOptions(addSession) is { } replacement)
            {
                Register(context, diagnostic, token => ReplaceAsync(context.Document, addSession, replacement, token));
            }
        }
    }

    private static void Register(CodeFixContext context, Diagnostic diagnostic, System.Func<CancellationToken, Task<Document>> createChangedDocument) =>
        context.RegisterCodeFix(
            CodeAction.Create("Set Cookie.SecurePolicy to CookieSecurePolicy.Always", createChangedDocument, EquivalenceKey),
            diagnostic);

    /// <summary><c>AddSession()</c> or <c>AddSession(options =&gt; ...)</c> with the secure policy set; null for other forms.</summary>
    private static InvocationExpressionSyntax? WithSecureOptions(InvocationExpressionSyntax addSession)
    {
        var arguments = addSession.ArgumentList.Arguments;
        if (arguments.Count == 0)
        {
            var lambda = SyntaxFactory.SimpleLambdaExpression(
                SyntaxFactory.Parameter(SyntaxFactory.Identifier("options")),
                SecurePolicyAssignment("options"));
            return addSession.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(lambda))));
        }

        if (arguments.Count != 1 || arguments[0].Expression is not SimpleLambdaExpressionSyntax configure)
        {
            return null;
        }

        var parameter = configure.Parameter.Identifier.ValueText;
        var statement = SyntaxFactory.ExpressionStatement(SecurePolicyAssignment(parameter));
        SimpleLambdaExpressionSyntax updated;
        if (configure.Block is { } block)
        {
            updated = configure.WithBlock(block.AddStatements(statement.WithAdditionalAnnotations(Formatter.Annotation)));
        }
        else if (configure.ExpressionBody is { } body)
        {
            var newBlock = SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(body.WithoutTrivia()), statement)
                .WithAdditionalAnnotations(Formatter.Annotation);
            updated = configure.WithExpressionBody(null).WithBlock(newBlock);
        }
        else
        {
            return null;
        }

        return addSession.ReplaceNode(configure, updated);
    }

    private static ExpressionSyntax SecurePolicyAssignment(string options) =>
        SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.ParseExpression(options + ".Cookie.SecurePolicy"),
            Always());

    private static ExpressionSyntax Always() =>
        SyntaxFactory.ParseExpression("global::Microsoft.AspNetCore.Http.CookieSecurePolicy.Always")
            .WithAdditionalAnnotations(Simplifier.Annotation);

    private static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, SyntaxNode replacement, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.ReplaceNode(node, replacement.WithTriviaFrom(node));
        return editor.GetChangedDocument();
    }
}
