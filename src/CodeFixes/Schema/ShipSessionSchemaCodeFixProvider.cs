using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using TypedSession.Generator;
using TypedSession.Generator.Schema;

namespace TypedSession.CodeFixes.Schema;

/// <summary>
/// SESS040, SESS041, SESS042: "ships" the session schema, writing the schema of the project's current
/// <c>[Session]</c> classes into its <c>SessionSchema.Shipped.txt</c>. On SESS042 it records compatible changes; on
/// SESS040 and SESS041 it accepts a break on purpose. Every diagnostic of a project gets the same change, so Fix All
/// (and <c>dotnet format analyzers --diagnostics SESS042</c>) writes each project's file once.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ShipSessionSchemaCodeFixProvider)), Shared]
public sealed class ShipSessionSchemaCodeFixProvider : CodeFixProvider
{
    private const string Title = "Write the current session schema to " + SessionSchemaFile.FileName;
    private const string EquivalenceKey = "SESS04x.ShipSessionSchema";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ShippedKeyEncodingChanged.Id,
        DiagnosticDescriptors.ShippedKeyRemoved.Id,
        DiagnosticDescriptors.SessionSchemaNotShipped.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => new ShipAllProvider();

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var project = context.TextDocument.Project;
        if (SchemaDocument(project) is null)
        {
            return Task.CompletedTask;
        }
        foreach (var diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(CodeAction.Create(Title, cancellationToken => ShipAsync(project.Solution, new[] { project.Id }, cancellationToken), EquivalenceKey), diagnostic);
        }
        return Task.CompletedTask;
    }

    private static TextDocument? SchemaDocument(Project project) =>
        project.AdditionalDocuments.FirstOrDefault(static document => SessionSchemaFile.IsSchemaFile(document.FilePath ?? document.Name));

    private static async Task<Solution> ShipAsync(Solution solution, IEnumerable<ProjectId> projectIds, CancellationToken cancellationToken)
    {
        foreach (var projectId in projectIds)
        {
            if (solution.GetProject(projectId) is not { } project
                || SchemaDocument(project) is not { } document
                || await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false) is not { } compilation)
            {
                continue;
            }
            var text = CurrentSessionSchema.Of(compilation, cancellationToken).Write();
            var current = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (current.ToString() != text)
            {
                solution = solution.WithAdditionalDocumentText(document.Id, SourceText.From(text, current.Encoding, current.ChecksumAlgorithm));
            }
        }
        return solution;
    }

    // One change per project, whatever the number of diagnostics: the schema file is written from the whole compilation.
    private sealed class ShipAllProvider : FixAllProvider
    {
        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var projects = fixAllContext.Scope == FixAllScope.Solution
                ? fixAllContext.Solution.ProjectIds.ToArray()
                : new[] { fixAllContext.Project.Id };
            var solution = fixAllContext.Solution;
            return Task.FromResult<CodeAction?>(CodeAction.Create(Title, cancellationToken => ShipAsync(solution, projects, cancellationToken), EquivalenceKey));
        }
    }
}
