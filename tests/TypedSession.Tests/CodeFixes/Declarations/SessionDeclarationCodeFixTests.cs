using TypedSession.Generator;
using ClassFix = TypedSession.Tests.CodeFixes.CodeFixVerifier<
    TypedSession.Generator.Analyzers.Declarations.SessionDeclarationAnalyzer,
    TypedSession.CodeFixes.Declarations.MakeSessionClassPartialCodeFixProvider>;
using NullableFix = TypedSession.Tests.CodeFixes.CodeFixVerifier<
    TypedSession.Generator.Analyzers.Declarations.SessionDeclarationAnalyzer,
    TypedSession.CodeFixes.Declarations.MakeSessionPropertyNullableCodeFixProvider>;
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

    [Fact]
    public Task Non_nullable_reference_properties_become_nullable() =>
        NullableFix.VerifyWithGeneratorAsync(
            """
            using System.Collections.Generic;

            [TypedSession.Session]
            public partial class CartSession
            {
                public partial {|#0:string|} Username { get; set; }
                public partial {|#1:byte[]|} Avatar { get; private set; }
                public partial int Visits { get; set; }
            }
            """,
            """
            using System.Collections.Generic;

            [TypedSession.Session]
            public partial class CartSession
            {
                public partial string? Username { get; set; }
                public partial byte[]? Avatar { get; private set; }
                public partial int Visits { get; set; }
            }
            """,
            NullableFix.Diagnostic(DiagnosticDescriptors.NonNullableReferenceProperty).WithLocation(0).WithArguments("Username", "string"),
            NullableFix.Diagnostic(DiagnosticDescriptors.NonNullableReferenceProperty).WithLocation(1).WithArguments("Avatar", "byte[]"));

    [Fact]
    public Task A_class_whose_partial_properties_the_compiler_rejects_becomes_partial_from_the_generator_diagnostic() =>
        ClassFix.VerifyGeneratorDiagnosticFixAsync(
            """
            [TypedSession.Session]
            public class {|#0:CartSession|}
            {
                public partial int Items { get; set; }
            }
            """,
            """
            [TypedSession.Session]
            public partial class CartSession
            {
                public partial int Items { get; set; }
            }
            """,
            ClassFix.Diagnostic(DiagnosticDescriptors.SessionClassNotPartial).WithLocation(0).WithArguments("CartSession", "CartSession"),
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS0751").WithSpan("/0/Program.cs", 4, 24, 4, 29),
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS9248").WithSpan("/0/Program.cs", 4, 24, 4, 29).WithArguments("CartSession.Items"));
}
