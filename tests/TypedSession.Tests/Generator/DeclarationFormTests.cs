using Microsoft.CodeAnalysis;
using TypedSession.Tests.Generator.Support;

namespace TypedSession.Tests.Generator;

/// <summary>Every declaration form the generator serves compiles cleanly and works.</summary>
public sealed class DeclarationFormTests
{
    [Theory]
    [InlineData("block namespace", """
        namespace App.Sessions
        {
            [TypedSession.Session]
            public partial class Target { public partial int Count { get; set; } }
        }
        """, "App.Sessions.Target")]
    [InlineData("file-scoped namespace", """
        namespace App.Sessions;

        [TypedSession.Session]
        public partial class Target { public partial int Count { get; set; } }
        """, "App.Sessions.Target")]
    [InlineData("global namespace", """
        [TypedSession.Session]
        public partial class Target { public partial int Count { get; set; } }
        """, "Target")]
    [InlineData("nested in partial class and struct", """
        namespace App;

        public partial class Outer
        {
            public partial struct Middle
            {
                [TypedSession.Session]
                public partial class Target { public partial int Count { get; set; } }
            }
        }
        """, "App.Outer+Middle+Target")]
    [InlineData("nested in a generic partial record", """
        namespace App;

        public partial record Outer<T>
        {
            [TypedSession.Session]
            public partial class Target { public partial int Count { get; set; } }
        }

        public static class Closed { public static System.Type Type => typeof(Outer<int>.Target); }
        """, null)]
    [InlineData("internal sealed", """
        namespace App;

        [TypedSession.Session]
        internal sealed partial class Target { public partial int Count { get; set; } }
        """, "App.Target")]
    [InlineData("split over two partial declarations", """
        namespace App;

        [TypedSession.Session]
        public partial class Target { public partial int Count { get; set; } }

        public partial class Target { public partial string? Name { get; set; } }
        """, "App.Target")]
    [InlineData("declaring TypedSessionBase itself", """
        namespace App;

        [TypedSession.Session]
        public partial class Target : TypedSession.TypedSessionBase { public partial int Count { get; set; } }
        """, "App.Target")]
    [InlineData("nullable-oblivious code", """
        #nullable disable
        namespace App;

        [TypedSession.Session]
        public partial class Target
        {
            public partial int Count { get; set; }
            public partial string Name { get; set; }
            public partial byte[] Data { get; set; }
            public partial int? Maybe { get; set; }
        }
        """, "App.Target")]
    [InlineData("accessibility on properties and accessors", """
        namespace App;

        [TypedSession.Session]
        public partial class Target
        {
            public partial int Count { get; internal set; }
            internal partial string? Name { private get; set; }
            protected partial bool Flag { get; set; }
            private protected partial long Ticks { get; set; }
            protected internal partial char Initial { get; set; }
            public virtual partial int Virtual { get; set; }
        }

        public sealed partial class Derived
        {
        }
        """, "App.Target")]
    public void Compiles_without_diagnostics_and_counts(string form, string source, string? typeName)
    {
        _ = form;
        var assembly = GeneratorTestCompilation.CompileAndLoad(source);
        if (typeName is null)
        {
            return;
        }
        var raw = new CountingSession();
        new GeneratedSession(assembly, typeName, raw).Set("Count", 5);
        Assert.Equal(5, new GeneratedSession(assembly, typeName, raw).Get("Count"));
    }

    [Fact]
    public void Nested_classes_get_one_file_named_after_the_full_type()
    {
        var generated = GeneratorTestCompilation.Generate("""
            namespace App;

            public partial class Outer
            {
                [TypedSession.Session]
                public partial class Inner { public partial int A { get; set; } }
            }

            [TypedSession.Session]
            public partial class Inner { public partial int B { get; set; } }
            """);

        Assert.Equal(["App.Inner.g.cs", "App.Outer.Inner.g.cs"], generated.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generated_files_start_with_the_header_of_System_Text_Json_generator()
    {
        var text = GeneratorTestCompilation.Generate("""
            [TypedSession.Session]
            public partial class Target { public partial int Count { get; set; } }
            """).Values.Single();

        // The user's nullable context and [Obsolete] members never produce warnings in generated code.
        Assert.StartsWith("// <auto-generated/>\n\n#nullable enable annotations\n#nullable disable warnings\n", text);
        Assert.Contains("#pragma warning disable CS0612, CS0618", text);
        Assert.Contains("[global::System.CodeDom.Compiler.GeneratedCode(\"TypedSession.Generator\", ", text);
    }

    [Fact]
    public void The_generated_type_implements_ITypedSession_and_binds()
    {
        var assembly = GeneratorTestCompilation.CompileAndLoad("""
            namespace App;

            [TypedSession.Session]
            public partial class Target { public partial int Count { get; set; } }
            """);
        var type = assembly.GetType("App.Target")!;

        Assert.True(typeof(TypedSessionBase).IsAssignableFrom(type));
        Assert.Contains(typeof(ITypedSession<>).MakeGenericType(type), type.GetInterfaces());
        Assert.NotNull(type.GetMethod("BindAsync", [typeof(Microsoft.AspNetCore.Http.HttpContext)]));
        Assert.All(type.GetConstructors(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public), _ => Assert.Fail("The constructor must be private."));
    }
}
