using Microsoft.CodeAnalysis.Testing;
using TypedSession.CodeFixes.Schema;
using TypedSession.Generator.Analyzers.Schema;
using TypedSession.Generator.Schema;
using TypedSession.Tests.CodeFixes;

namespace TypedSession.Tests.Schema;

/// <summary>The schema diagnostics' code fixes: shipping the schema into its file, and keeping a renamed property's key.</summary>
public sealed class SchemaCodeFixTests
{
    private const string SchemaPath = "/0/SessionSchema.Shipped.txt";

    [Fact]
    public async Task Shipping_writes_the_schema_of_every_session_class_into_the_file()
    {
        var test = Test<ShipSessionSchemaCodeFixProvider>(
            """
            [Session]
            public partial class {|SESS042:CartSession|}
            {
                public partial int Count { get; set; }
                public partial string? Owner { get; set; }
            }

            [Session(KeyPrefix = "user.")]
            public partial class {|SESS042:UserSession|}
            {
                public partial Tier? Tier { get; set; }
            }

            public enum Tier : byte { Basic, Gold }
            """,
            shipped: SessionSchema.Header,
            fixedShipped: SessionSchema.Header + """

                [CartSession]
                Count: Int32
                Owner: String?

                [UserSession]
                user.Tier: Enum(Byte)?

                """.Replace("\r\n", "\n", StringComparison.Ordinal));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Shipping_accepts_a_breaking_change_on_purpose()
    {
        var test = Test<ShipSessionSchemaCodeFixProvider>(
            """
            [Session]
            public partial class CartSession
            {
                public partial string? {|SESS040:Count|} { get; set; }
            }
            """,
            shipped: SessionSchema.Header + "\n[CartSession]\nCount: Int32\n",
            fixedShipped: SessionSchema.Header + "\n[CartSession]\nCount: String?\n");

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Keeping_the_key_adds_SessionKey_with_the_shipped_key_to_the_successor()
    {
        var shipped = SessionSchema.Header + "\n[Shop.UserSession]\nuser.Username: String?\nuser.Visits: Int32\n";
        var test = Test<KeepShippedSessionKeyCodeFixProvider>(
            """
            namespace Shop;

            [Session(KeyPrefix = "user.")]
            public partial class {|SESS042:UserSession|}
            {
                /// <summary>The name the user signed in with.</summary>
                public partial string? {|SESS041:UserName|} { get; set; }

                public partial int Visits { get; set; }
            }
            """,
            shipped,
            shipped,
            fixedSource: """
            namespace Shop;

            [Session(KeyPrefix = "user.")]
            public partial class UserSession
            {
                /// <summary>The name the user signed in with.</summary>
                [SessionKey("Username")]
                public partial string? UserName { get; set; }

                public partial int Visits { get; set; }
            }
            """);

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Keeping_the_key_replaces_the_key_an_existing_SessionKey_names()
    {
        var shipped = SessionSchema.Header + "\n[UserSession]\nUsername: String?\n";
        var test = Test<KeepShippedSessionKeyCodeFixProvider>(
            """
            [Session]
            public partial class {|SESS042:UserSession|}
            {
                [SessionKey("name")]
                public partial string? {|SESS041:UserName|} { get; set; }
            }
            """,
            shipped,
            shipped,
            fixedSource: """
            [Session]
            public partial class UserSession
            {
                [SessionKey("Username")]
                public partial string? UserName { get; set; }
            }
            """);

        await test.RunAsync(CancellationToken.None);
    }

    private static CodeFixVerifier<SessionSchemaAnalyzer, TCodeFix>.Test Test<TCodeFix>(string source, string shipped, string fixedShipped, string? fixedSource = null)
        where TCodeFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
    {
        var test = new CodeFixVerifier<SessionSchemaAnalyzer, TCodeFix>.Test
        {
            RunSessionGenerator = true,
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck,
        };
        test.TestState.Sources.Add(("/0/Program.cs", "using TypedSession;\n" + source));
        test.TestState.AdditionalFiles.Add((SchemaPath, shipped));
        test.FixedState.Sources.Add(("/0/Program.cs", "using TypedSession;\n" + (fixedSource ?? StripMarkup(source))));
        test.FixedState.AdditionalFiles.Add((SchemaPath, fixedShipped));
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test;
    }

    // The fixed file of a schema fix is the same source without the diagnostics: each {|ID:text|} becomes text.
    private static string StripMarkup(string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, @"\{\|SESS\d+:([^|]*)\|\}", "$1");
}
