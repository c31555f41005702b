using TypedSession.Generator;
using Verify = TypedSession.Tests.Analyzers.AnalyzerVerifier<TypedSession.Generator.Analyzers.Declarations.SessionMigrationAnalyzer>;

namespace TypedSession.Tests.Schema;

/// <summary>SESS008: a <c>Migrate{Property}</c> method the generator would ignore is reported, a correct one is not.</summary>
public sealed class SessionMigrationAnalyzerTests
{
    [Fact]
    public Task A_migration_of_the_expected_shape_is_not_reported() => Verify.VerifyWithGeneratorAsync("""
        using TypedSession;

        [Session]
        public partial class CartSession
        {
            public partial int Quantity { get; set; }
            public partial long? Total { get; set; }
            public partial Tier Tier { get; set; }

            private static int MigrateQuantity(string old) => old.Length;
            private static long? MigrateTotal(int old) => old;
            private static Tier MigrateTier(byte old) => (Tier)old;

            // Not named after a property: not a migration.
            public static void MigrateEverything() { }
        }

        public enum Tier { Basic, Gold }
        """);

    [Fact]
    public Task Migrations_the_generator_would_ignore_say_why() => Verify.VerifyWithGeneratorAsync("""
        using TypedSession;

        [Session]
        public partial class CartSession
        {
            public partial int Quantity { get; set; }
            public partial int Count { get; set; }
            public partial int Lines { get; set; }
            public partial int Size { get; set; }

            private int {|#0:MigrateQuantity|}(string old) => old.Length;
            private static string {|#1:MigrateCount|}(string old) => old;
            private static int {|#2:MigrateLines|}(string first, string second) => 0;
            private static int {|#3:MigrateSize|}(object old) => 0;
        }
        """,
        Verify.Diagnostic(DiagnosticDescriptors.MigrationMethodNotUsed).WithLocation(0).WithArguments("MigrateQuantity", "Quantity", "a migration must be static"),
        Verify.Diagnostic(DiagnosticDescriptors.MigrationMethodNotUsed).WithLocation(1).WithArguments("MigrateCount", "Count", "it returns 'string', not the property's type 'int'"),
        Verify.Diagnostic(DiagnosticDescriptors.MigrationMethodNotUsed).WithLocation(2).WithArguments("MigrateLines", "Lines", "a migration takes one value of the former type and returns the new value"),
        Verify.Diagnostic(DiagnosticDescriptors.MigrationMethodNotUsed).WithLocation(3).WithArguments("MigrateSize", "Size", "its parameter type 'object' has no built-in codec, so the stored bytes cannot be read as it"));
}
