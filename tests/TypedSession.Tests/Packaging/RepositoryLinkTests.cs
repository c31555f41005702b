using System.Reflection;
using Microsoft.CodeAnalysis;
using TypedSession.Generator;

namespace TypedSession.Tests.Packaging;

/// <summary>
/// The diagnostics' help links, the analyzer release files and the packages' repository metadata name one place:
/// <c>RepositoryInfo.Url</c>, written by the build from the property the packages use (PackageConsumptionTests
/// checks the packed metadata against it).
/// </summary>
public sealed class RepositoryLinkTests
{
    // Some ids have more than one descriptor (one per message variant); each must carry the id's link.
    public static TheoryData<string> DiagnosticIds => [.. Descriptors().Select(d => d.Id).Distinct()];

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Help_link_is_the_docs_page_of_the_diagnostic_in_the_packages_repository(string id)
    {
        Assert.All(Descriptors().Where(d => d.Id == id),
            descriptor => Assert.Equal($"{RepositoryInfo.Url}/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri));
        Assert.True(File.Exists(RepositoryPaths.Combine("docs", "diagnostics", $"{id}.md")), $"docs/diagnostics/{id}.md is missing.");
    }

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Analyzer_release_files_link_the_same_page_as_the_descriptor(string id)
    {
        var helpLink = Descriptors().First(d => d.Id == id).HelpLinkUri;
        var rows = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadLines(RepositoryPaths.Combine("src", "Generator", file)))
            .Where(line => line.StartsWith(id + " ", StringComparison.Ordinal));

        Assert.All(rows, row => Assert.Contains($"[Documentation]({helpLink})", row, StringComparison.Ordinal));
        Assert.NotEmpty(rows);
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!);
}
