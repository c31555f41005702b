using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedSession.Generator.Schema;
using TypedSession.Tests.Generator;

namespace TypedSession.Tests.Schema;

/// <summary>The sample ships its schema: the file lists exactly what its session classes store today.</summary>
public sealed class SampleSchemaTests
{
    [Fact]
    public void The_sample_ships_the_current_schema_of_its_session_classes()
    {
        var directory = RepositoryPaths.Combine("samples", "TypedSession.Sample");
        var trees = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), GeneratorTestCompilation.ParseOptions, path));
        // Declarations are all the schema needs: the sample's other code may not bind against the test's references.
        var compilation = CSharpCompilation.Create("Sample", trees, GeneratorTestCompilation.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var current = CurrentSessionSchema.Of(compilation, CancellationToken.None).Write();

        Assert.Equal(current, File.ReadAllText(Path.Combine(directory, SessionSchemaFile.FileName)).ReplaceLineEndings("\n"));
        Assert.Equal(3, SessionSchema.Parse(current).Classes.Count);
    }
}
