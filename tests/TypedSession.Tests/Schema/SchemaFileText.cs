using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TypedSession.Tests.Schema;

/// <summary>An in-memory AdditionalFile, as MSBuild hands <c>SessionSchema.Shipped.txt</c> to the compiler.</summary>
internal sealed class SchemaFileText(string text, string path = "/project/SessionSchema.Shipped.txt") : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}
