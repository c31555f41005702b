using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedSession.Generator;

namespace TypedSession.Benchmarks.Compilation;

/// <summary>
/// What the session generator adds to a build. The baseline is the compiler's own work on the same project without
/// the generator: parsing every file (the generated ones included, as if written by hand) and emitting the assembly.
/// Against it: a full generator run on a fresh compilation (a command-line build), and the incremental runs an IDE
/// makes after an edit to an unrelated file and to one session class, each on a new compilation made from the
/// previous one by replacing the edited tree, as the IDE makes it.
/// </summary>
[MemoryDiagnoser]
[HideColumns("Job", "Error", "RatioSD", "Alloc Ratio")]
public class GeneratorBenchmarks
{
    private SourceFile[] compileSources = [];
    private SyntaxTree[] projectTrees = [];
    private CSharpCompilation compilation = null!;
    private GeneratorDriver warmDriver = null!;
    private SyntaxTree unrelatedTree = null!;
    private SyntaxTree editedUnrelatedTree = null!;
    private SyntaxTree sessionTree = null!;
    private SyntaxTree editedSessionTree = null!;

    /// <summary>Number of session classes (ten properties each) in the project.</summary>
    [Params(10, 100, 1000)]
    public int SessionClasses { get; set; }

    /// <summary>Builds the project, runs the generator once, and checks that the output compiles cleanly.</summary>
    [GlobalSetup]
    public void BuildProject()
    {
        var project = SyntheticProject.Create(SessionClasses, withProgram: false);
        projectTrees = [.. project.Sources.Select(ProjectCompilation.Parse)];
        compilation = ProjectCompilation.Create(projectTrees, project.HasProgram);
        warmDriver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        if (!generatorDiagnostics.IsEmpty)
        {
            throw new InvalidOperationException("The generator reported: " + string.Join(Environment.NewLine, generatorDiagnostics));
        }
        ProjectCompilation.EnsureClean(output, "The generated project");

        var generated = warmDriver.GetRunResult().GeneratedTrees;
        if (generated.Length != SessionClasses)
        {
            throw new InvalidOperationException($"Expected {SessionClasses} generated files, got {generated.Length}.");
        }
        compileSources = [.. project.Sources, .. generated.Select(tree => new SourceFile(tree.FilePath, tree.GetText().ToString()))];

        unrelatedTree = projectTrees.Single(tree => tree.FilePath == SyntheticProject.UnrelatedPath);
        editedUnrelatedTree = ProjectCompilation.Parse(new SourceFile(SyntheticProject.UnrelatedPath, SyntheticProject.EditedUnrelatedSource));
        sessionTree = projectTrees.Single(tree => tree.FilePath == SyntheticProject.EditedSessionPath);
        editedSessionTree = ProjectCompilation.Parse(new SourceFile(SyntheticProject.EditedSessionPath, SyntheticProject.EditedSessionSource));
        CheckIncrementalRuns();
    }

    /// <summary>The compiler without the generator: parse every file (generated ones as hand-written) and emit.</summary>
    [Benchmark(Baseline = true)]
    public bool CompileWithoutGenerator()
    {
        var trees = compileSources.Select(ProjectCompilation.Parse);
        using var assembly = new MemoryStream();
        return ProjectCompilation.Create(trees, executable: false).Emit(assembly).Success;
    }

    /// <summary>A command-line build's generator run: fresh compilation, fresh driver.</summary>
    [Benchmark]
    public GeneratorDriver GeneratorFullRun() =>
        CreateDriver().RunGenerators(ProjectCompilation.Create(projectTrees, executable: false));

    /// <summary>The IDE's run after an edit to a file without session classes.</summary>
    [Benchmark]
    public GeneratorDriver GeneratorAfterUnrelatedEdit() =>
        warmDriver.RunGenerators(compilation.ReplaceSyntaxTree(unrelatedTree, editedUnrelatedTree));

    /// <summary>The IDE's run after an edit to one session class.</summary>
    [Benchmark]
    public GeneratorDriver GeneratorAfterSessionClassEdit() =>
        warmDriver.RunGenerators(compilation.ReplaceSyntaxTree(sessionTree, editedSessionTree));

    private static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new SessionGenerator().AsSourceGenerator()],
            parseOptions: ProjectCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    // The incremental benchmarks mean something only if the driver really reuses its work: after an unrelated edit
    // every model and output is cached, after a session class edit exactly one output is regenerated.
    private void CheckIncrementalRuns()
    {
        var tracked = CreateDriver(trackSteps: true).RunGenerators(compilation);
        var unrelated = tracked.RunGenerators(compilation.ReplaceSyntaxTree(unrelatedTree, editedUnrelatedTree)).GetRunResult().Results.Single();
        var unrelatedOutputs = unrelated.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs).ToList();
        if (unrelatedOutputs.Any(output => output.Reason != IncrementalStepRunReason.Cached))
        {
            throw new InvalidOperationException("After an unrelated edit the generator did not reuse every output.");
        }
        // Not even inspected again: an edit inside a method leaves every tree's declarations equal.
        if (unrelated.TrackedSteps[TrackingNames.SessionClasses].SelectMany(step => step.Outputs).Any(output => output.Reason != IncrementalStepRunReason.Cached))
        {
            throw new InvalidOperationException("After an unrelated edit the generator inspected the session classes again.");
        }
        var edited = tracked.RunGenerators(compilation.ReplaceSyntaxTree(sessionTree, editedSessionTree)).GetRunResult().Results.Single();
        var modified = edited.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs)
            .Count(output => output.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        if (modified != 1)
        {
            throw new InvalidOperationException($"After editing one session class the generator regenerated {modified} outputs instead of 1.");
        }
    }
}
