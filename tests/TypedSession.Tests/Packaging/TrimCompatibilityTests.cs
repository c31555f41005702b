using System.Reflection;
using System.Text.Json;

namespace TypedSession.Tests.Packaging;

/// <summary>
/// Keeps the runtime and the store packages trimming- and Native-AOT-clean: they are built with the trim, AOT and
/// single-file analyzers on and their warnings as errors, so any IL2xxx/IL3xxx in TypedSession fails every build. Publishing the sample trimmed and
/// as Native AOT (which takes minutes) is eng/publish-aot-check.sh.
/// </summary>
public sealed class TrimCompatibilityTests
{
    [Theory]
    [InlineData("Runtime", "TypedSession")]
    [InlineData("Redis", "TypedSession.Redis")]
    [InlineData("Sqlite", "TypedSession.Sqlite")]
    public async Task Shipping_project_builds_with_trim_and_AOT_analyzers_and_their_warnings_as_errors(string folder, string project)
    {
        var properties = await ProjectPropertiesAsync(RepositoryPaths.Combine("src", folder, project + ".csproj"),
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
        Assert.True(excused.Count == 0, $"trim/AOT warnings silenced in {project}: {string.Join(", ", excused)}");
    }

    [Theory]
    [InlineData(typeof(TypedSessionBase))]
    [InlineData(typeof(TypedSession.Stores.Redis.RedisSessionStore))]
    [InlineData(typeof(TypedSession.Stores.Sqlite.SqliteSessionStore))]
    public void Shipping_assembly_tells_the_trimmer_it_is_trimmable(Type typeInAssembly)
    {
        // ILLink trims an assembly (rather than keeping it whole) only when it carries this metadata.
        var metadata = typeInAssembly.Assembly.GetCustomAttributes<AssemblyMetadataAttribute>();

        Assert.Contains(metadata, m => m.Key == "IsTrimmable" && string.Equals(m.Value, "True", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<IReadOnlyDictionary<string, string>> ProjectPropertiesAsync(string project, params string[] names)
    {
        var query = string.Join(' ', names.Select(name => $"-getProperty:{name}"));
        var result = (await ProcessRunner.RunAsync("dotnet",
                $"msbuild \"{project}\" {query} -p:Configuration={RepositoryPaths.Configuration} -nologo",
                RepositoryPaths.Root, TimeSpan.FromMinutes(2)))
            .EnsureSuccess("dotnet msbuild -getProperty");
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }
}
