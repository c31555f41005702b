using TypedSession.Generator;
using ClassFix = TypedSession.Tests.CodeFixes.CodeFixVerifier<
    TypedSession.Generator.Analyzers.Declarations.SessionDeclarationAnalyzer,
    TypedSession.CodeFixes.Declarations.MakeSessionClassPartialCodeFixProvider>;
using PropertyFix = TypedSession.Tests.CodeFixes.CodeFixVerifier<
    TypedSession.Generator.Analyzers.Declarations.SessionDeclarationAnalyzer,
    TypedSession.CodeFixes.Declarations.MakeSessionPropertyPartialCodeFixProvider>;

namespace TypedSession.Tests.CodeFixes.Declarations;

public class SessionDeclarationCodeFixTests
{
    [Fact]
    public Task The_class_and_its_container_become_partial() =>
        ClassFix.VerifyWithGeneratorAsync(
            """
            public class Shop
            {
                [TypedSession.Session]
                public sealed class {|#0:CartSession|}
                {
                }
            }
            """,
            """
            public partial class Shop
            {
                [TypedSession.Session]
                public sealed partial class CartSession
                {
                }
            }
            """,
            ClassFix.Diagnostic(DiagnosticDescriptors.SessionClassNotPartial).WithLocation(0).WithArguments("CartSession", "CartSession"));

    [Fact]
    public Task A_plain_auto_property_becomes_partial() =>
        PropertyFix.VerifyWithGeneratorAsync(
            """
            [TypedSession.Session]
            public partial class CartSession
            {
                public string? {|#0:Owner|} { get; set; }
            }
            """,
            """
            [TypedSession.Session]
            public partial class CartSession
            {
                public partial string? Owner { get; set; }
            }
            """,
            PropertyFix.Diagnostic(DiagnosticDescriptors.SessionPropertyNotPartial).WithLocation(0).WithArguments(
                "Owner", "CartSession", "is not partial, so its value lives in this object for one request only: declare it 'partial' to store it in the session"));

    [Fact]
    public Task An_init_accessor_becomes_set() =>
        PropertyFix.VerifyWithGeneratorAsync(
            """
            [TypedSession.Session]
            public partial class CartSession
            {
                public partial int {|#0:Items|} { get; private init; }
            }
            """,
            """
            [TypedSession.Session]
            public partial class CartSession
            {
                public partial int Items { get; private set; }
            }
            """,
            PropertyFix.Diagnostic(DiagnosticDescriptors.SessionPropertyNotPartial).WithLocation(0).WithArguments(
                "Items", "CartSession", "has an 'init' accessor: use 'set', because session values change after the object is created"));
}
