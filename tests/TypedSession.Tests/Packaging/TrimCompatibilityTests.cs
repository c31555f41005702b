using System.Reflection;
using System.Text.Json;
using TypedSession.Tests.Infrastructure;

namespace TypedSession.Tests.Packaging;

/// <summary>
/// Keeps the runtime trimming- and Native-AOT-clean: it is built with the trim, AOT and single-file analyzers on and
/// their warnings as errors, so any IL2xxx/IL3xxx in TypedSession fails every build. Publishing the sample trimmed and
/// as Native AOT (which takes minutes) is eng/publish-aot-check.sh.
/// </summary>
public sealed class TrimCompatibilityTests
{
    [Fact]
    public async Task Runtime_builds_with_trim_and_AOT_analyzers_and_their_warnings_as_errors()
    {
        var properties = await RuntimeProjectPropertiesAsync(
            "IsAotCompatible", "EnableTrimAnalyzer", "EnableAotAnalyzer", "EnableSingleFileAnalyzer",
            "TreatWarningsAsErrors", "NoWarn", "WarningsNotAsErrors");

        Assert.Equal("true", properties["IsAotCompatible"]);
        Assert.Equal("true", properties["EnableTrimAnalyzer"]);
        Assert.Equal("true", properties["EnableAotAnalyzer"]);
        Assert.Equal("true", properties["EnableSingleFileAnalyzer"]);
        Assert.Equal("true", properties["TreatWarningsAsErrors"]);
        var excused = $"{properties["NoWarn"]};{properties["WarningsNotAsErrors"]}"
            .Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(code => code.StartsWith("IL2", StringComparison.OrdinalIgnoreCase) || code.StartsWith("IL3", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(excused.Count == 0, $"trim/AOT warnings silenced in the runtime project: {string.Join(", ", excused)}");
    }

    [Fact]
    public void Runtime_assembly_tells_the_trimmer_it_is_trimmable()
    {
        // ILLink trims an assembly (rather than keeping it whole) only when it carries this metadata.
        var metadata = typeof(TypedSessionBase).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>();

        Assert.Contains(metadata, m => m.Key == "IsTrimmable" && string.Equals(m.Value, "True", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<IReadOnlyDictionary<string, string>> RuntimeProjectPropertiesAsync(params string[] names)
    {
        var project = RepositoryPaths.Combine("src", "Runtime", "TypedSession.csproj");
        var query = string.Join(' ', names.Select(name => $"-getProperty:{name}"));
        var result = (await ProcessRunner.RunAsync("dotnet",
                $"msbuild \"{project}\" {query} -p:Configuration={RepositoryPaths.Configuration} -nologo",
                RepositoryPaths.Root, TimeSpan.FromMinutes(2)))
            .EnsureSuccess("dotnet msbuild -getProperty");
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }
}
