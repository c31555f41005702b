using System.Text.Json;
using TypedSession.Tests.Packaging;

namespace TypedSession.Tests.Schema;

/// <summary>
/// The schema workflow from the command line, on a project that consumes the packed package (which hands a
/// <c>SessionSchema.Shipped.txt</c> beside the project file to the analyzers): the schema is shipped
/// with <c>dotnet format</c> (the documented command), and <c>dotnet build</c> then reports what each later edit does
/// to live sessions.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class SchemaCommandLineTests
{
    private const string Members = """
        public partial int CartCount { get; set; }
            public partial string? Username { get; set; }
        """;

    private readonly PackageConsumptionTests.PackedFeed feed;

    public SchemaCommandLineTests(PackageConsumptionTests.PackedFeed feed) => this.feed = feed;

    [Fact]
    public async Task Dotnet_format_ships_the_schema_and_dotnet_build_reports_each_later_edit()
    {
        var project = await feed.CreateProjectAsync("SchemaShipped", "TypedSession", Program(Members));
        var schemaPath = Path.Combine(project.Directory, "SessionSchema.Shipped.txt");
        // Opting in is creating the file beside the project: the package's build targets hand it to the analyzers.
        await File.WriteAllTextAsync(schemaPath, string.Empty);

        (await RunAsync(project, "format analyzers --diagnostics SESS042 --severity info")).EnsureSuccess("dotnet format analyzers --diagnostics SESS042");

        Assert.EndsWith(
            "\n[CartSession]\nCartCount: Int32\nUsername: String?\n",
            (await File.ReadAllTextAsync(schemaPath)).ReplaceLineEndings("\n"),
            StringComparison.Ordinal);

        // Compatible for live sessions (a widened integer), and a rename: the build passes with SESS041.
        await WriteProgramAsync(project, "public partial long CartCount { get; set; }\n    public partial string? UserName { get; set; }");
        var renamed = await RunAsync(project, "build -c Release -nologo");
        renamed.EnsureSuccess("Building a widened integer and a renamed property");
        Assert.Contains("warning SESS041: The shipped session key 'Username' (String?) is no longer stored by 'CartSession'", renamed.Output);
        Assert.DoesNotContain("SESS040", renamed.Output);

        // Incompatible: the build fails with SESS040 naming the key, both encodings and what live sessions read.
        await WriteProgramAsync(project, "public partial string? CartCount { get; set; }\n    public partial string? Username { get; set; }");
        var broken = await RunAsync(project, "build -c Release -nologo");
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains(
            "error SESS040: The session key 'CartCount' of 'CartSession' was shipped as Int32 and is now String?: Int32 bytes do not decode as String: live sessions read",
            broken.Output);
    }

    [Fact]
    public async Task A_schema_file_beside_the_project_reaches_the_analyzers_once_with_or_without_an_item_of_its_own()
    {
        var project = await feed.CreateProjectAsync("SchemaConvention", "TypedSession", Program(Members));
        (await RunAsync(project, "restore -nologo")).EnsureSuccess("dotnet restore");
        Assert.Empty(await SchemaFilesAsync(project));

        var schemaPath = Path.Combine(project.Directory, "SessionSchema.Shipped.txt");
        await File.WriteAllTextAsync(schemaPath, string.Empty);
        Assert.Equal([schemaPath], await SchemaFilesAsync(project));

        // A project that lists the file itself (as before the convention) still hands it over once.
        await File.WriteAllTextAsync(Path.Combine(project.Directory, "Directory.Build.props"), """
            <Project>
              <ItemGroup>
                <AdditionalFiles Include="SessionSchema.Shipped.txt" />
              </ItemGroup>
            </Project>
            """);
        Assert.Equal([schemaPath], await SchemaFilesAsync(project));
    }

    // The full paths of the AdditionalFiles named SessionSchema.Shipped.txt, as MSBuild evaluates the project.
    private static async Task<IReadOnlyList<string>> SchemaFilesAsync(PackageConsumptionTests.ConsumerProject project)
    {
        var evaluated = await RunAsync(project, "msbuild -getItem:AdditionalFiles -nologo");
        evaluated.EnsureSuccess("dotnet msbuild -getItem:AdditionalFiles");
        using var items = JsonDocument.Parse(evaluated.Output[evaluated.Output.IndexOf('{', StringComparison.Ordinal)..]);
        return [.. items.RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray()
            .Select(static item => item.GetProperty("FullPath").GetString()!)
            .Where(static path => string.Equals(Path.GetFileName(path), "SessionSchema.Shipped.txt", StringComparison.Ordinal))];
    }

    private static Task WriteProgramAsync(PackageConsumptionTests.ConsumerProject project, string members) =>
        File.WriteAllTextAsync(Path.Combine(project.Directory, "Program.cs"), Program(members));

    private static Task<ProcessRunner.Result> RunAsync(PackageConsumptionTests.ConsumerProject project, string arguments) =>
        ProcessRunner.RunAsync("dotnet", arguments, project.Directory, TimeSpan.FromMinutes(5));

    private static string Program(string members) => $$"""
        using TypedSession;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddSession(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        builder.Services.AddTypedSession<CartSession>();
        var app = builder.Build();
        app.UseSession();
        app.MapGet("/", (CartSession session) => $"{session.CartCount}");
        app.Run();

        [Session]
        public partial class CartSession
        {
            {{members}}
        }
        """;
}
