using Microsoft.CodeAnalysis.Testing;
using TypedSession.Generator;
using Verify = TypedSession.Tests.Analyzers.AnalyzerVerifier<TypedSession.Generator.Analyzers.Declarations.SessionDeclarationAnalyzer>;

namespace TypedSession.Tests.Analyzers.Declarations;

public class SessionDeclarationAnalyzerTests
{
    [Fact]
    public Task A_valid_session_class_has_no_diagnostics() =>
        Verify.VerifyWithGeneratorAsync("""
            using TypedSession;

            namespace Shop;

            public enum Tier : byte { Free, Gold }

            [Session(KeyPrefix = "cart:")]
            public partial class CartSession
            {
                public partial string? Owner { get; set; }
                public partial int Items { get; set; }
                public partial Tier Tier { get; set; }
                public partial DateTimeOffset? LastSeen { get; internal set; }
                [SessionKey("legacy_total")] public partial decimal Total { get; set; }

                // A computed helper is the user's own, not a session value.
                public bool IsEmpty => Items == 0;
            }

            public partial class Outer
            {
                [Session]
                internal sealed partial class NestedSession
                {
                    public partial Guid Id2 { get; set; }
                }
            }
            """);

    // SESS001

    [Fact]
    public Task A_session_class_that_is_not_partial_is_reported() =>
        Verify.VerifyWithGeneratorAsync("""
            [TypedSession.Session]
            public class {|#0:CartSession|}
            {
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.SessionClassNotPartial).WithLocation(0).WithArguments("CartSession", "CartSession"));

    [Fact]
    public Task A_containing_type_that_is_not_partial_is_reported() =>
        Verify.VerifyWithGeneratorAsync("""
            public class Shop
            {
                [TypedSession.Session]
                public partial class {|#0:CartSession|}
                {
                }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.SessionClassNotPartial).WithLocation(0).WithArguments("CartSession", "Shop"));

    // SESS002

    [Fact]
    public Task A_plain_auto_property_is_reported_but_a_computed_one_is_not() =>
        Verify.VerifyWithGeneratorAsync("""
            [TypedSession.Session]
            public partial class CartSession
            {
                public partial int Items { get; set; }
                public string? {|#0:Owner|} { get; set; }
                public string Summary => $"{Items} items";
                public int Doubled { get { return Items * 2; } }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.SessionPropertyNotPartial).WithLocation(0).WithArguments(
                "Owner", "CartSession", "is not partial, so its value lives in this object for one request only: declare it 'partial' to store it in the session"));

    [Fact]
    public Task Init_only_and_get_only_partial_properties_are_reported() =>
        Verify.VerifyWithGeneratorAsync("""
            [TypedSession.Session]
            public partial class CartSession
            {
                public partial string? {|#0:Owner|} { get; init; }
                public partial int {|#1:Items|} { get; }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.SessionPropertyNotPartial).WithLocation(0).WithArguments(
                "Owner", "CartSession", "has an 'init' accessor: use 'set', because session values change after the object is created"),
            Verify.Diagnostic(DiagnosticDescriptors.SessionPropertyNotPartial).WithLocation(1).WithArguments("Items", "CartSession", "needs a 'set' accessor"));

    // SESS003

    [Fact]
    public Task Types_the_session_cannot_store_are_reported_with_what_to_do() =>
        Verify.VerifyWithGeneratorAsync("""
            public record Address(string Street);

            [TypedSession.Session]
            public partial class CartSession
            {
                public partial {|#0:object|} Anything { get; set; }
                public partial {|#1:IDisposable?|} Resource { get; set; }
                public partial {|#2:Address?|} Shipping { get; set; }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.UnsupportedPropertyType).WithLocation(0).WithArguments(
                "Anything", "object", "'object' says nothing about what is stored, so the session cannot encode or decode it: declare the concrete type."),
            Verify.Diagnostic(DiagnosticDescriptors.UnsupportedPropertyType).WithLocation(1).WithArguments(
                "Resource", "System.IDisposable?", "'System.IDisposable?' is an interface: the session cannot know which type to create when it reads the value; declare a concrete type."),
            Verify.Diagnostic(DiagnosticDescriptors.UnsupportedPropertyType).WithLocation(2).WithArguments(
                "Shipping", "Address?", "'Address' is stored as JSON with source-generated metadata: name a JsonSerializerContext that has [JsonSerializable(typeof(Address))] in [Session(JsonContext = typeof(...))]."));

    [Fact]
    public Task A_complex_type_covered_by_the_named_JsonSerializerContext_is_accepted() =>
        Verify.VerifyWithGeneratorAsync("""
            using System.Text.Json.Serialization;

            public record Address(string Street);

            [JsonSerializable(typeof(Address))]
            public partial class ShopJsonContext : JsonSerializerContext
            {
                public ShopJsonContext() : base(null) { }
                public static ShopJsonContext Default { get; } = new();
                protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
            }

            [TypedSession.Session(JsonContext = typeof(ShopJsonContext))]
            public partial class CartSession
            {
                public partial Address? Shipping { get; set; }
            }
            """);

    // SESS004

    [Fact]
    public Task Two_properties_with_one_key_are_both_reported() =>
        Verify.VerifyWithGeneratorAsync("""
            using TypedSession;

            [Session]
            public partial class CartSession
            {
                public partial string? {|#0:Owner|} { get; set; }
                [SessionKey("Owner")] public partial string? {|#1:LegacyOwner|} { get; set; }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.DuplicateSessionKey).WithLocation(0).WithArguments("Owner", "Owner", "'LegacyOwner'"),
            Verify.Diagnostic(DiagnosticDescriptors.DuplicateSessionKey).WithLocation(1).WithArguments("LegacyOwner", "Owner", "'Owner'"));

    [Fact]
    public Task Session_classes_reading_a_key_with_different_types_are_reported_in_both() =>
        Verify.VerifyWithGeneratorAsync("""
            using TypedSession;

            [Session]
            public partial class CartSession
            {
                public partial string? {|#0:UserName|} { get; set; }
                public partial int? Visits { get; set; }
            }

            [Session]
            public partial class ProfileSession
            {
                public partial int {|#1:UserName|} { get; set; }

                // The same value seen through another class with a compatible type is a deliberate view.
                public partial int Visits { get; set; }
            }

            [Session(KeyPrefix = "wishlist:")]
            public partial class WishlistSession
            {
                public partial string? UserName { get; set; }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.DuplicateSessionKey).WithLocation(0).WithArguments("UserName", "UserName", "'ProfileSession.UserName' with another type"),
            Verify.Diagnostic(DiagnosticDescriptors.DuplicateSessionKey).WithLocation(1).WithArguments("UserName", "UserName", "'CartSession.UserName' with another type"));

    [Fact]
    public Task Keys_clashing_across_several_classes_and_files_are_reported_once_per_property() =>
        Verify.VerifyWithGeneratorAsync(
            new[]
            {
                """
                using TypedSession;

                [Session]
                public partial class CartSession
                {
                    public partial string? {|#0:Theme|} { get; set; }
                    public partial int {|#1:Visits|} { get; set; }
                }
                """,
                """
                using TypedSession;

                [Session]
                public partial class ProfileSession
                {
                    public partial int {|#2:Theme|} { get; set; }
                }

                [Session]
                public partial class HistorySession
                {
                    // A compatible view of CartSession.Visits, but WishlistSession stores the key as a long.
                    public partial int? {|#5:Visits|} { get; set; }
                }
                """,
                """
                using TypedSession;

                [Session]
                public partial class WishlistSession
                {
                    [SessionKey("Theme")] public partial string? {|#3:Look|} { get; set; }
                    public partial long {|#4:Visits|} { get; set; }
                }
                """,
            },
            Verify.Diagnostic(DiagnosticDescriptors.DuplicateSessionKey).WithLocation(0).WithArguments("Theme", "Theme", "'ProfileSession.Theme' with another type"),
            Verify.Diagnostic(DiagnosticDescriptors.DuplicateSessionKey).WithLocation(1).WithArguments("Visits", "Visits", "'WishlistSession.Visits' with another type"),
            Verify.Diagnostic(DiagnosticDescriptors.DuplicateSessionKey).WithLocation(2).WithArguments("Theme", "Theme", "'CartSession.Theme' with another type"),
            Verify.Diagnostic(DiagnosticDescriptors.DuplicateSessionKey).WithLocation(3).WithArguments("Look", "Theme", "'ProfileSession.Theme' with another type"),
            // WishlistSession.Visits clashes with two classes and is reported once, naming the first.
            Verify.Diagnostic(DiagnosticDescriptors.DuplicateSessionKey).WithLocation(4).WithArguments("Visits", "Visits", "'CartSession.Visits' with another type"),
            Verify.Diagnostic(DiagnosticDescriptors.DuplicateSessionKey).WithLocation(5).WithArguments("Visits", "Visits", "'WishlistSession.Visits' with another type"));

    // SESS005

    [Fact]
    public Task A_property_named_like_a_base_member_is_reported() =>
        Verify.VerifyWithGeneratorAsync("""
            [TypedSession.Session]
            public partial class CartSession
            {
                public partial string? {|#0:Id|} { get; set; }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.ReservedMemberName).WithLocation(0).WithArguments(
                "Id", "'Id' is a member of TypedSession.TypedSessionBase, the base of every session class: rename the property and keep its key with [SessionKey(\"Id\")]."));

    // SESS006

    [Fact]
    public Task A_static_session_class_is_reported() =>
        Verify.VerifyWithGeneratorAsync("""
            [TypedSession.Session]
            public static partial class {|#0:CartSession|}
            {
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.SessionClassNotGeneratable).WithLocation(0).WithArguments(
                "CartSession", "a static class has no instances, but the session class is created per request; remove 'static'"));

    [Fact]
    public Task Names_close_to_reserved_ones_are_fine() =>
        Verify.VerifyWithGeneratorAsync("""
            using TypedSession;

            [Session]
            public partial class CartSession
            {
                [SessionKey("Id")] public partial string? CartId { get; set; }
                public partial int RemoveCount { get; set; }
                public partial bool Cleared { get; set; }
            }
            """);

    // SESS001 when the compiler rejects the partial members itself: the generator reports it, the analyzer does not,
    // so the editor shows it once.

    [Fact]
    public Task A_class_whose_partial_properties_the_compiler_rejects_gets_SESS001_once_from_the_generator() =>
        Verify.VerifyWithGeneratorReportingAsync("""
            [TypedSession.Session]
            public class {|#0:CartSession|}
            {
                public partial int {|#1:Items|} { get; set; }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.SessionClassNotPartial).WithLocation(0).WithArguments("CartSession", "CartSession"),
            DiagnosticResult.CompilerError("CS0751").WithLocation(1),
            DiagnosticResult.CompilerError("CS9248").WithLocation(1).WithArguments("CartSession.Items"));

    // SESS007

    [Fact]
    public Task Non_nullable_reference_properties_are_reported_and_nullable_ones_are_not() =>
        Verify.VerifyWithGeneratorAsync("""
            using TypedSession;

            [Session]
            public partial class CartSession
            {
                public partial {|#0:string|} Username { get; set; }
                public partial {|#1:byte[]|} Avatar { get; internal set; }
                public partial string? Nickname { get; set; }
                public partial byte[]? Thumbnail { get; set; }
                public partial int Visits { get; set; }
                public partial int? Age { get; set; }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.NonNullableReferenceProperty).WithLocation(0).WithArguments("Username", "string"),
            Verify.Diagnostic(DiagnosticDescriptors.NonNullableReferenceProperty).WithLocation(1).WithArguments("Avatar", "byte[]"));

    [Fact]
    public Task Properties_declared_where_nullable_is_disabled_are_not_reported() =>
        Verify.VerifyWithGeneratorAsync("""
            #nullable disable
            [TypedSession.Session]
            public partial class CartSession
            {
                public partial string Username { get; set; }
            }
            """);

    [Fact]
    public Task An_unsupported_property_gets_SESS003_and_not_SESS007() =>
        Verify.VerifyWithGeneratorAsync("""
            [TypedSession.Session]
            public partial class CartSession
            {
                public partial {|#0:object|} Anything { get; set; }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.UnsupportedPropertyType).WithLocation(0).WithArguments(
                "Anything", "object", "'object' says nothing about what is stored, so the session cannot encode or decode it: declare the concrete type."));
}
