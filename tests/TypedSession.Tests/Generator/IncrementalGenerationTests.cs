using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedSession.Generator;

namespace TypedSession.Tests.Generator;

/// <summary>The generator's incremental caching: edits elsewhere cost no generation, and models hold no compilation.</summary>
public sealed class IncrementalGenerationTests
{
    private const string SessionSource = """
        namespace App;

        [TypedSession.Session(KeyPrefix = "u:")]
        public partial class UserSession
        {
            public partial string? Username { get; set; }
            public partial int Visits { get; set; }
        }
        """;

    private const string OtherSource = """
        namespace App;

        public static class Greeter
        {
            public static string Greet(string name) => "Hello " + name;
        }
        """;

    private const string CartSource = """
        namespace App;

        [TypedSession.Session]
        public partial class CartSession
        {
            public partial int Items { get; set; }

            public string Describe() => "items: " + Items;
        }
        """;

    [Fact]
    public void Rerunning_on_the_same_compilation_is_cached()
    {
        var compilation = GeneratorTestCompilation.Create(SessionSource, OtherSource);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);

        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        AssertEveryOutput(result, TrackingNames.Declarations, IncrementalStepRunReason.Cached);
        AssertEveryOutput(result, TrackingNames.SemanticEnvironment, IncrementalStepRunReason.Cached);
        AssertEveryOutput(result, TrackingNames.SessionClasses, IncrementalStepRunReason.Cached);
        AssertEveryOutput(result, TrackingNames.ServableSessionClasses, IncrementalStepRunReason.Cached);
        AssertSourceOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void An_edit_inside_a_method_of_another_file_runs_no_session_class_step_and_emits_nothing()
    {
        var compilation = GeneratorTestCompilation.Create(SessionSource, CartSource, OtherSource);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);

        var edited = Replace(compilation, OtherSource, OtherSource.Replace("\"Hello \"", "\"Hi \""));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // Only the edited tree is read again, and its declarations compare equal.
        var declarations = result.TrackedSteps[TrackingNames.Declarations].SelectMany(step => step.Outputs).ToList();
        Assert.Single(declarations, output => output.Reason == IncrementalStepRunReason.Unchanged);
        Assert.All(declarations, output => Assert.Contains(output.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        AssertEveryOutput(result, TrackingNames.SemanticEnvironment, IncrementalStepRunReason.Unchanged);
        AssertEveryOutput(result, TrackingNames.SessionClasses, IncrementalStepRunReason.Cached, count: 2);
        AssertEveryOutput(result, TrackingNames.ServableSessionClasses, IncrementalStepRunReason.Cached, count: 2);
        AssertSourceOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Adding_a_method_to_a_class_in_another_file_runs_no_session_class_step_and_emits_nothing()
    {
        var compilation = GeneratorTestCompilation.Create(SessionSource, CartSource, OtherSource);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);

        var edited = Replace(compilation, OtherSource, OtherSource.Replace(
            "public static string Greet(string name) => \"Hello \" + name;",
            "public static string Greet(string name) => \"Hello \" + name;\n    public static string Farewell(string name) => \"Bye \" + name;"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertEveryOutput(result, TrackingNames.SemanticEnvironment, IncrementalStepRunReason.Unchanged);
        AssertEveryOutput(result, TrackingNames.SessionClasses, IncrementalStepRunReason.Cached, count: 2);
        AssertEveryOutput(result, TrackingNames.ServableSessionClasses, IncrementalStepRunReason.Cached, count: 2);
        AssertSourceOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void An_edit_inside_a_method_of_a_session_class_runs_no_session_class_step_and_emits_nothing()
    {
        var compilation = GeneratorTestCompilation.Create(SessionSource, CartSource, OtherSource);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);

        var edited = Replace(compilation, CartSource, CartSource.Replace("\"items: \"", "\"Items: \""));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertEveryOutput(result, TrackingNames.SemanticEnvironment, IncrementalStepRunReason.Unchanged);
        AssertEveryOutput(result, TrackingNames.SessionClasses, IncrementalStepRunReason.Cached, count: 2);
        AssertSourceOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Adding_a_file_leaves_every_session_class_unchanged_and_adds_no_output()
    {
        var compilation = GeneratorTestCompilation.Create(SessionSource, CartSource, OtherSource);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);
        var before = driver.GetRunResult().GeneratedTrees.Select(tree => tree.ToString()).ToList();

        var added = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("""
            namespace App.Billing;

            public sealed class Invoice
            {
                public decimal Total { get; init; }
            }
            """, GeneratorTestCompilation.ParseOptions, "Invoice.cs"));
        var run = driver.RunGenerators(added).GetRunResult();
        var result = run.Results.Single();

        // A new type could change what a property type binds to, so the classes are inspected again; their models
        // compare equal and nothing is emitted.
        AssertEveryOutput(result, TrackingNames.SemanticEnvironment, IncrementalStepRunReason.Modified);
        AssertEveryOutput(result, TrackingNames.SessionClasses, IncrementalStepRunReason.Unchanged, count: 2);
        AssertEveryOutput(result, TrackingNames.ServableSessionClasses, IncrementalStepRunReason.Cached, count: 2);
        AssertSourceOutputs(result, IncrementalStepRunReason.Cached);
        Assert.Equal(before, run.GeneratedTrees.Select(tree => tree.ToString()));
    }

    [Fact]
    public void Editing_a_session_class_modifies_only_its_model_and_its_output()
    {
        var compilation = GeneratorTestCompilation.Create(SessionSource, CartSource, OtherSource);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);

        var edited = Replace(compilation, SessionSource, SessionSource.Replace(
            "public partial int Visits { get; set; }",
            "public partial int Visits { get; set; }\n    public partial bool IsAdmin { get; set; }"));
        var run = driver.RunGenerators(edited).GetRunResult();
        var result = run.Results.Single();

        var models = result.TrackedSteps[TrackingNames.SessionClasses].SelectMany(step => step.Outputs).ToList();
        Assert.Equal(2, models.Count);
        var modified = Assert.Single(models, output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal("UserSession", Assert.IsType<TypedSession.Generator.Model.SessionClassSpec>(modified.Value).Name);
        Assert.Single(models, output => output.Reason == IncrementalStepRunReason.Unchanged);

        // The other class's file and the (empty) shared JSON output stay cached.
        var outputs = result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(step => step.Outputs).ToList();
        Assert.Single(outputs, output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(outputs.Count - 1, outputs.Count(output => output.Reason == IncrementalStepRunReason.Cached));
        Assert.Contains("IsAdmin", run.GeneratedTrees.Single(tree => tree.FilePath.EndsWith("App.UserSession.g.cs", StringComparison.Ordinal)).ToString());
    }

    [Fact]
    public void Changing_an_enum_in_another_file_regenerates_the_class_that_stores_it()
    {
        const string planSource = "namespace App;\n\npublic enum Plan { Free, Premium }\n";
        var compilation = GeneratorTestCompilation.Create(SessionSource.Replace(
            "public partial int Visits { get; set; }",
            "public partial int Visits { get; set; }\n    public partial Plan Plan { get; set; }"), planSource, OtherSource);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);
        Assert.Contains("Int32Codec", driver.GetRunResult().GeneratedTrees.Single().ToString());

        var edited = Replace(compilation, planSource, planSource.Replace("enum Plan", "enum Plan : byte"));
        var run = driver.RunGenerators(edited).GetRunResult();

        AssertEveryOutput(run.Results.Single(), TrackingNames.SessionClasses, IncrementalStepRunReason.Modified);
        Assert.Contains("ByteCodec", run.GeneratedTrees.Single().ToString());
    }

    [Fact]
    public void Changing_a_key_constant_in_another_file_regenerates_the_class_that_uses_it()
    {
        const string keysSource = "namespace App;\n\npublic static class Keys\n{\n    public const string Name = \"name\";\n}\n";
        var compilation = GeneratorTestCompilation.Create(SessionSource.Replace(
            "public partial string? Username { get; set; }",
            "[TypedSession.SessionKey(Keys.Name)]\n    public partial string? Username { get; set; }"), keysSource, OtherSource);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);
        Assert.Contains("\"u:name\"", driver.GetRunResult().GeneratedTrees.Single().ToString());

        var edited = Replace(compilation, keysSource, keysSource.Replace("\"name\"", "\"user-name\""));
        var run = driver.RunGenerators(edited).GetRunResult();

        Assert.Contains("\"u:user-name\"", run.GeneratedTrees.Single().ToString());
    }

    [Fact]
    public void A_constructor_added_to_a_json_type_in_another_file_is_seen()
    {
        const string moneySource = """
            namespace App;

            public sealed class Money
            {
                public Money(int amount) { Amount = amount; }
                public int Amount { get; }
            }

            [System.Text.Json.Serialization.JsonSerializable(typeof(Money))]
            internal partial class MoneyJsonContext : System.Text.Json.Serialization.JsonSerializerContext { }
            """;
        const string walletSource = """
            namespace App;

            [TypedSession.Session(JsonContext = typeof(MoneyJsonContext))]
            public partial class WalletSession
            {
                public partial Money? Balance { get; set; }
            }
            """;
        var compilation = GeneratorTestCompilation.Create(walletSource, moneySource);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);
        Assert.Contains("JsonObjectCodec<global::App.Money>", AllGenerated(driver.GetRunResult()));

        // Two public constructors: the generated codec cannot tell which one System.Text.Json would call.
        var edited = Replace(compilation, moneySource, moneySource.Replace(
            "public Money(int amount) { Amount = amount; }",
            "public Money(int amount) { Amount = amount; }\n    public Money(string amount) { Amount = amount.Length; }"));
        var run = driver.RunGenerators(edited).GetRunResult();

        Assert.DoesNotContain("JsonObjectCodec", AllGenerated(run));
    }

    [Fact]
    public void A_method_added_to_another_part_of_a_session_class_is_seen()
    {
        const string otherPart = "namespace App;\n\npublic partial class UserSession\n{\n    public void Touch() { }\n}\n";
        var compilation = GeneratorTestCompilation.Create(SessionSource, otherPart, OtherSource);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);
        Assert.Contains("void RemoveUsername()", driver.GetRunResult().GeneratedTrees.Single().ToString());

        // The user's own RemoveUsername takes the remover's name: the generator must stop emitting it.
        var edited = Replace(compilation, otherPart, otherPart.Replace("public void Touch() { }", "public void Touch() { }\n    public void RemoveUsername() { }"));
        var run = driver.RunGenerators(edited).GetRunResult();

        Assert.DoesNotContain("void RemoveUsername()", run.GeneratedTrees.Single().ToString());
    }

    private const string ItemSource = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;

        namespace App;

        public sealed record Item(string Name, int Quantity);

        [JsonSerializable(typeof(Item))]
        [JsonSerializable(typeof(List<Item>))]
        internal partial class AppJsonContext : JsonSerializerContext { }
        """;

    private const string JsonCartSource = """
        using System.Collections.Generic;

        namespace App;

        [TypedSession.Session(JsonContext = typeof(AppJsonContext))]
        public partial class JsonCartSession
        {
            public partial Item? Last { get; set; }
            public partial List<Item>? Lines { get; set; }
        }
        """;

    private const string WishlistSource = """
        namespace App;

        [TypedSession.Session(JsonContext = typeof(AppJsonContext), KeyPrefix = "wish:")]
        public partial class WishlistSession
        {
            public partial Item? Favourite { get; set; }
        }
        """;

    [Fact]
    public void Classes_that_share_a_json_type_share_one_holder_in_one_file()
    {
        var run = GeneratorTestCompilation.CreateDriver()
            .RunGenerators(GeneratorTestCompilation.Create(ItemSource, JsonCartSource, WishlistSource)).GetRunResult();

        var shared = run.GeneratedTrees.Single(tree => tree.FilePath.EndsWith("TypedSession.JsonCodecs.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Equal(2, Regex.Count(shared, "public static class "));
        Assert.Equal(1, Regex.Count(shared, "JsonObjectCodec<global::App.Item>"));
        var holder = Regex.Match(shared, @"public static class (Item_[0-9A-F]{8})").Groups[1].Value;
        foreach (var name in new[] { "App.JsonCartSession.g.cs", "App.WishlistSession.g.cs" })
        {
            var text = run.GeneratedTrees.Single(tree => tree.FilePath.EndsWith(name, StringComparison.Ordinal)).ToString();
            Assert.Contains($"global::TypedSession.Generated.JsonCodecs.{holder}.Codec", text);
            Assert.DoesNotContain("JsonObjectCodec", text);
        }
    }

    [Fact]
    public void An_unrelated_edit_leaves_the_shared_json_file_cached()
    {
        var compilation = GeneratorTestCompilation.Create(ItemSource, JsonCartSource, WishlistSource, OtherSource);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);

        var edited = Replace(compilation, OtherSource, OtherSource.Replace("\"Hello \"", "\"Hi \""));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertEveryOutput(result, TrackingNames.SemanticEnvironment, IncrementalStepRunReason.Unchanged);
        AssertEveryOutput(result, TrackingNames.JsonCodecs, IncrementalStepRunReason.Cached, count: 3);
        AssertEveryOutput(result, TrackingNames.DistinctJsonCodecs, IncrementalStepRunReason.Cached, count: 1);
        AssertSourceOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Editing_a_json_session_class_without_changing_its_json_types_emits_only_its_file()
    {
        var compilation = GeneratorTestCompilation.Create(ItemSource, JsonCartSource, WishlistSource);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);

        var edited = Replace(compilation, WishlistSource, WishlistSource.Replace(
            "public partial Item? Favourite { get; set; }",
            "public partial Item? Favourite { get; set; }\n    public partial int Views { get; set; }"));
        var run = driver.RunGenerators(edited).GetRunResult();
        var result = run.Results.Single();

        // The edited class's codec models compare equal to the previous run's, so the collected set is not even recomputed.
        var codecs = result.TrackedSteps[TrackingNames.JsonCodecs].SelectMany(step => step.Outputs).ToList();
        Assert.Equal(3, codecs.Count);
        Assert.All(codecs, output => Assert.Contains(output.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        AssertEveryOutput(result, TrackingNames.DistinctJsonCodecs, IncrementalStepRunReason.Cached, count: 1);
        var outputs = result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(step => step.Outputs).ToList();
        Assert.Single(outputs, output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(outputs.Count - 1, outputs.Count(output => output.Reason == IncrementalStepRunReason.Cached));
        Assert.Contains("Views", run.GeneratedTrees.Single(tree => tree.FilePath.EndsWith("App.WishlistSession.g.cs", StringComparison.Ordinal)).ToString());
    }

    private static string AllGenerated(GeneratorDriverRunResult run) =>
        string.Concat(run.GeneratedTrees.Select(tree => tree.ToString()));

    [Fact]
    public void Models_hold_no_symbols_syntax_or_compilations()
    {
        var compilation = GeneratorTestCompilation.Create(SessionSource, OtherSource, """
            public class NotPartialOuter
            {
                [TypedSession.Session]
                public partial class NotServed { public partial int Count { get; set; } }
            }
            """, """
            using System.Collections.Generic;
            using System.Text.Json.Serialization;

            namespace App;

            public sealed record Item(string Name);

            [JsonSerializable(typeof(List<Item>))]
            internal partial class AppJsonContext : JsonSerializerContext { }

            public enum Role { Guest, Admin }

            public partial class Outer
            {
                [TypedSession.Session(JsonContext = typeof(AppJsonContext))]
                internal sealed partial class CartSession
                {
                    public partial List<Item>? Items { get; set; }
                    public partial Role? Role { get; set; }
                    public partial object? Unsupported { get; set; }
                }
            }
            """);
        var result = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

        var checkedSteps = 0;
        foreach (var name in TrackingNameConstants())
        {
            Assert.True(result.TrackedSteps.TryGetValue(name, out var steps), $"The pipeline has no step named {name}.");
            foreach (var step in steps)
            {
                foreach (var (value, _) in step.Outputs)
                {
                    AssertHoldsNoCompilationObjects(value, name);
                    checkedSteps++;
                }
            }
        }
        Assert.True(checkedSteps >= 4, $"Only {checkedSteps} step outputs were checked.");
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string oldSource, string newSource)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.ToString() == oldSource);
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(newSource, GeneratorTestCompilation.ParseOptions, tree.FilePath));
    }

    private static void AssertEveryOutput(GeneratorRunResult result, string stepName, IncrementalStepRunReason expected, int? count = null)
    {
        var outputs = result.TrackedSteps[stepName].SelectMany(step => step.Outputs).ToList();
        Assert.NotEmpty(outputs);
        if (count is { } expectedCount)
        {
            Assert.Equal(expectedCount, outputs.Count);
        }
        Assert.All(outputs, output => Assert.Equal(expected, output.Reason));
    }

    private static void AssertSourceOutputs(GeneratorRunResult result, IncrementalStepRunReason expected)
    {
        var outputs = result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(step => step.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Equal(expected, output.Reason));
    }

    private static IEnumerable<string> TrackingNameConstants() =>
        typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!);

    // Walks the model's object graph, like NetEscapades.EnumGenerators' tests: a symbol, syntax node or compilation
    // anywhere in it would keep compilations alive and break caching.
    private static void AssertHoldsNoCompilationObjects(object? value, string stepName)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object? Value, string Path)>();
        pending.Push((value, stepName));
        while (pending.Count > 0)
        {
            var (current, path) = pending.Pop();
            if (current is null || current is string || current.GetType().IsPrimitive || current.GetType().IsEnum || !visited.Add(current))
            {
                continue;
            }
            // The environment's inputs, compared to tell whether anything changed: the options are values, and an equal
            // environment holds the very reference instances the current compilation holds (so none is kept alive).
            if (current is CompilationOptions or ParseOptions or MetadataReference)
            {
                continue;
            }
            Assert.False(
                current is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Location or AttributeData,
                $"{path} holds a {current.GetType().Name}.");
            if (current is IEnumerable sequence)
            {
                var index = 0;
                foreach (var item in sequence)
                {
                    pending.Push((item, $"{path}[{index++}]"));
                }
            }
            for (var type = current.GetType(); type is not null; type = type.BaseType)
            {
                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    pending.Push((field.GetValue(current), $"{path}.{field.Name}"));
                }
            }
        }
    }
}
