using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedSession.Generator;
using TypedSession.Tests.Generator;

namespace TypedSession.Tests.Schema;

/// <summary>
/// What the generator emits for migrations: a migrating read only where a <c>Migrate{Property}</c> method or the shipped
/// schema asks for one, and a shipped schema that costs no generation work when it does not change.
/// </summary>
public sealed class MigrationGenerationTests
{
    private const string Source = """
        namespace Shop;

        [TypedSession.Session]
        public partial class CartSession
        {
            public partial long CartCount { get; set; }
            public partial int Quantity { get; set; }
            public partial string? Owner { get; set; }

            private static int MigrateQuantity(string old) => int.Parse(old);
        }
        """;

    private const string Shipped = "[Shop.CartSession]\nCartCount: Int32\nOwner: String?\nQuantity: String?\n";

    [Fact]
    public void A_migration_method_and_a_shipped_widening_get_migrating_reads_and_other_properties_do_not()
    {
        var source = Generate(Source, Shipped)["Shop.CartSession.g.cs"];

        Assert.Contains(
            "__CartCount = global::TypedSession.Generated.SessionMigrations.Read<global::TypedSession.Generated.Int64Codec, long, " +
            "global::TypedSession.Generated.Int32Codec, int>(RawSession, __Key_CartCount, static former => former);",
            source);
        Assert.Contains(
            "__Quantity = global::TypedSession.Generated.SessionMigrations.Read<global::TypedSession.Generated.Int32Codec, int, " +
            "global::TypedSession.Generated.StringCodec, string>(RawSession, __Key_Quantity, static former => MigrateQuantity(former));",
            source);
        Assert.Contains("__Owner = global::TypedSession.Generated.SessionValues.Read<", source);
    }

    [Fact]
    public void Without_a_shipped_schema_a_widened_integer_reads_only_its_own_encoding()
    {
        var source = Generate(Source, shipped: null)["Shop.CartSession.g.cs"];

        Assert.Contains("__CartCount = global::TypedSession.Generated.SessionValues.Read<global::TypedSession.Generated.Int64Codec, long>(RawSession, __Key_CartCount);", source);
    }

    [Fact]
    public void The_same_schema_text_again_is_cached_and_a_changed_one_re_emits_only_what_it_changes()
    {
        var compilation = GeneratorTestCompilation.Create(Source);
        var file = new SchemaFileText(Shipped);
        var driver = CreateDriver([file]).RunGenerators(compilation);

        var same = driver.ReplaceAdditionalText(file, new SchemaFileText(Shipped)).RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.All(Outputs(same, TrackingNames.ShippedSchema), reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.All(Outputs(same, TrackingNames.EmittedSessionClasses), reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));

        var comment = driver.ReplaceAdditionalText(file, new SchemaFileText("# a comment that moves no class\n" + Shipped.Replace("\n", "\n\n", StringComparison.Ordinal)))
            .RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.All(Outputs(comment, TrackingNames.EmittedSessionClasses), reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    private static IEnumerable<IncrementalStepRunReason> Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason);

    private static GeneratorDriver CreateDriver(ImmutableArray<AdditionalText> files) =>
        CSharpGeneratorDriver.Create(
            [new SessionGenerator().AsSourceGenerator()],
            files,
            GeneratorTestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private static Dictionary<string, string> Generate(string source, string? shipped)
    {
        var files = shipped is null ? ImmutableArray<AdditionalText>.Empty : [new SchemaFileText(shipped)];
        var result = CreateDriver(files).RunGenerators(GeneratorTestCompilation.Create(source)).GetRunResult().Results.Single();
        return result.GeneratedSources.ToDictionary(generated => generated.HintName, generated => generated.SourceText.ToString());
    }
}
