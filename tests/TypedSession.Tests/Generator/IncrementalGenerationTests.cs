using System.Collections;
using System.Reflection;
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

    [Fact]
    public void Rerunning_on_the_same_compilation_is_cached()
    {
        var compilation = GeneratorTestCompilation.Create(SessionSource, OtherSource);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);

        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        AssertEveryOutput(result, TrackingNames.SessionClasses, IncrementalStepRunReason.Cached);
        AssertEveryOutput(result, TrackingNames.ServableSessionClasses, IncrementalStepRunReason.Cached);
        AssertSourceOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void An_unrelated_edit_leaves_the_model_unchanged_and_the_output_cached()
    {
        var compilation = GeneratorTestCompilation.Create(SessionSource, OtherSource);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);

        var edited = Replace(compilation, OtherSource, OtherSource.Replace("\"Hello \"", "\"Hi \""));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertEveryOutput(result, TrackingNames.SessionClasses, IncrementalStepRunReason.Unchanged);
        AssertEveryOutput(result, TrackingNames.ServableSessionClasses, IncrementalStepRunReason.Cached);
        AssertSourceOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Editing_a_session_class_modifies_the_model_and_the_output()
    {
        var compilation = GeneratorTestCompilation.Create(SessionSource, OtherSource);
        var driver = GeneratorTestCompilation.CreateDriver().RunGenerators(compilation);

        var edited = Replace(compilation, SessionSource, SessionSource.Replace(
            "public partial int Visits { get; set; }",
            "public partial int Visits { get; set; }\n    public partial bool IsAdmin { get; set; }"));
        var run = driver.RunGenerators(edited).GetRunResult();
        var result = run.Results.Single();

        AssertEveryOutput(result, TrackingNames.SessionClasses, IncrementalStepRunReason.Modified);
        AssertEveryOutput(result, TrackingNames.ServableSessionClasses, IncrementalStepRunReason.Modified);
        AssertSourceOutputs(result, IncrementalStepRunReason.Modified);
        Assert.Contains("IsAdmin", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void Models_hold_no_symbols_syntax_or_compilations()
    {
        var compilation = GeneratorTestCompilation.Create(SessionSource, OtherSource, """
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

    private static void AssertEveryOutput(GeneratorRunResult result, string stepName, IncrementalStepRunReason expected)
    {
        var outputs = result.TrackedSteps[stepName].SelectMany(step => step.Outputs).ToList();
        Assert.NotEmpty(outputs);
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
