using System.IO.Compression;
using System.Xml.Linq;
using TypedSession.Generator;

namespace TypedSession.Tests.Packaging;

/// <summary>
/// Packs the solution into a local folder feed and consumes each package from a fresh web project outside the
/// solution, the way a user adopts it: one PackageReference by version, and the generator, analyzers and code fixes
/// come with it. The memory-store app references only <c>TypedSession</c> and must ship no Redis or SQLite assembly.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class PackageConsumptionTests
{
    private static readonly string[] ShippingPackages = ["TypedSession", "TypedSession.Redis", "TypedSession.Sqlite"];

    // What the memory store must not drag into an app: the stores' client libraries and SQLite's native binaries.
    private static readonly string[] StoreOnlyFiles = ["StackExchange.Redis", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "e_sqlite3"];

    private readonly PackedFeed feed;

    public PackageConsumptionTests(PackedFeed feed) => this.feed = feed;

    [Fact]
    public void Packing_the_solution_yields_exactly_the_three_shipping_packages_and_their_symbols()
    {
        var produced = Directory.GetFiles(feed.FeedDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var expected = ShippingPackages
            .SelectMany(id => new[] { $"{id}.{feed.Version}.nupkg", $"{id}.{feed.Version}.snupkg" })
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, produced);
    }

    [Theory]
    [InlineData("TypedSession")]
    [InlineData("TypedSession.Redis")]
    [InlineData("TypedSession.Sqlite")]
    public void Every_package_carries_its_readme_the_licence_and_the_repository_the_help_links_name(string id)
    {
        using var archive = ZipFile.OpenRead(feed.PackagePath(id));
        var nuspec = ReadNuspec(archive);
        var metadata = nuspec.Root!.Element(nuspec.Root.Name.Namespace + "metadata")!;
        string? Value(string name) => metadata.Element(metadata.Name.Namespace + name)?.Value;

        Assert.Contains("README.md", archive.Entries.Select(e => e.FullName));
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal(RepositoryInfo.Url, Value("projectUrl"));
        Assert.Equal(RepositoryInfo.Url, metadata.Element(metadata.Name.Namespace + "repository")?.Attribute("url")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Contains($"lib/net10.0/{id}.dll", archive.Entries.Select(e => e.FullName));
        Assert.Contains($"lib/net10.0/{id}.xml", archive.Entries.Select(e => e.FullName));

        // The readme is the package's own, not the repository's.
        using var readme = new StreamReader(archive.GetEntry("README.md")!.Open());
        Assert.StartsWith($"# {id}\n", readme.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void TypedSession_holds_the_runtime_and_every_roslyn_component_and_depends_on_no_store_library()
    {
        using var archive = ZipFile.OpenRead(feed.PackagePath("TypedSession"));
        var entries = archive.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("analyzers/dotnet/cs/TypedSession.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/TypedSession.CodeFixes.dll", entries);
        Assert.Empty(Dependencies(ReadNuspec(archive)));
    }

    [Theory]
    [InlineData("TypedSession.Redis", "StackExchange.Redis", "Microsoft.AspNetCore.DataProtection.StackExchangeRedis")]
    [InlineData("TypedSession.Sqlite", "Microsoft.Data.Sqlite")]
    public void A_store_package_depends_on_TypedSession_with_its_analyzers_and_on_its_client_library(string id, params string[] libraries)
    {
        using var archive = ZipFile.OpenRead(feed.PackagePath(id));
        var dependencies = Dependencies(ReadNuspec(archive));

        Assert.Equal(libraries.Append("TypedSession").Order(StringComparer.Ordinal).ToArray(), dependencies.Keys.Order(StringComparer.Ordinal).ToArray());
        var core = dependencies["TypedSession"];
        Assert.Equal(feed.Version, core.Attribute("version")?.Value);

        // NuGet's default would exclude the dependency's analyzers: an app referencing only the store package
        // would then get no generator. Nothing may be excluded from TypedSession.
        Assert.DoesNotContain("Analyzers", core.Attribute("exclude")?.Value ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(archive.Entries, e => e.FullName.StartsWith("analyzers/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_memory_store_app_referencing_only_TypedSession_works_over_http_and_ships_no_Redis_or_SQLite_file()
    {
        var project = await feed.CreateProjectAsync("MemoryConsumer", "TypedSession", MemoryProgram);
        (await project.BuildAsync()).EnsureSuccess("Building the memory-store consumer");

        var storeFiles = Directory.EnumerateFiles(project.OutputDirectory, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Where(file => StoreOnlyFiles.Any(name => file!.Contains(name, StringComparison.OrdinalIgnoreCase)));
        Assert.Empty(storeFiles);
        Assert.False(File.Exists(Path.Combine(project.OutputDirectory, "TypedSession.Redis.dll")));
        Assert.False(File.Exists(Path.Combine(project.OutputDirectory, "TypedSession.Sqlite.dll")));

        await using var app = await AppProcess.StartAsync(project.AssemblyPath);
        using var client = new SessionClient(app.BaseAddress);
        Assert.Equal("stored", await client.GetStringAsync("/set?name=Ada&visits=3"));
        Assert.Equal("Ada:3", await client.GetStringAsync("/get"));
    }

    [Fact]
    public async Task A_Redis_store_app_referencing_only_TypedSession_Redis_keeps_sessions_and_its_key_ring_in_Redis()
    {
        var project = await feed.CreateProjectAsync("RedisConsumer", "TypedSession.Redis", RedisProgram);
        (await project.BuildAsync()).EnsureSuccess("Building the Redis-store consumer");
        Assert.True(File.Exists(Path.Combine(project.OutputDirectory, "TypedSession.Redis.dll")));
        Assert.True(File.Exists(Path.Combine(project.OutputDirectory, "StackExchange.Redis.dll")));

        await using var redis = await RedisServer.StartAsync();
        await using var app = await AppProcess.StartAsync(project.AssemblyPath, $"--Redis {redis.Configuration}");
        using var client = new SessionClient(app.BaseAddress);
        Assert.Equal("stored", await client.GetStringAsync("/set?name=Ada&visits=3"));
        Assert.Equal("Ada:3", await client.GetStringAsync("/get"));

        Assert.Equal("list", (await redis.CliAsync("type", "typedsession:DataProtection-Keys")).Trim());
    }

    [Fact]
    public async Task An_SQLite_store_app_referencing_only_TypedSession_Sqlite_keeps_sessions_and_its_key_ring_beside_the_database()
    {
        var project = await feed.CreateProjectAsync("SqliteConsumer", "TypedSession.Sqlite", SqliteProgram);
        (await project.BuildAsync()).EnsureSuccess("Building the SQLite-store consumer");
        Assert.True(File.Exists(Path.Combine(project.OutputDirectory, "TypedSession.Sqlite.dll")));

        var database = Path.Combine(project.Directory, "data", "sessions.db");
        await using var app = await AppProcess.StartAsync(project.AssemblyPath, $"--Database \"{database}\"");
        using var client = new SessionClient(app.BaseAddress);
        Assert.Equal("stored", await client.GetStringAsync("/set?name=Ada&visits=3"));
        Assert.Equal("Ada:3", await client.GetStringAsync("/get"));

        Assert.True(File.Exists(database));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(project.Directory, "data", "DataProtection-Keys"), "key-*.xml"));
    }

    [Fact]
    public async Task Analyzer_from_the_package_reports_a_session_without_AddSession()
    {
        var project = await feed.CreateProjectAsync("Misconfigured", "TypedSession", MisconfiguredProgram);
        var build = await project.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("SESS013", build.Output);
    }

    private static XDocument ReadNuspec(ZipArchive archive)
    {
        using var stream = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    private static Dictionary<string, XElement> Dependencies(XDocument nuspec) =>
        nuspec.Descendants(nuspec.Root!.Name.Namespace + "dependency")
            .ToDictionary(d => d.Attribute("id")!.Value, StringComparer.Ordinal);

    private const string SessionClass = """

        [TypedSession.Session]
        public partial class VisitorSession
        {
            public partial string? Name { get; set; }
            public partial int Visits { get; set; }
        }
        """;

    private const string Endpoints = """
        var app = builder.Build();
        app.UseSession();
        app.MapGet("/set", (VisitorSession session, string name, int visits) =>
        {
            session.Name = name;
            session.Visits = visits;
            return "stored";
        });
        app.MapGet("/get", (VisitorSession session) => $"{session.Name}:{session.Visits}");
        app.Run();
        """;

    private const string MemoryProgram = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddSession();
        builder.Services.AddTypedSession<VisitorSession>();

        """ + Endpoints + SessionClass;

    private const string RedisProgram = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSession();
        builder.Services.AddTypedSession<VisitorSession>();
        builder.Services.AddTypedSessionRedisStore(builder.Configuration["Redis"]!);

        """ + Endpoints + SessionClass;

    private const string SqliteProgram = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSession();
        builder.Services.AddTypedSession<VisitorSession>();
        builder.Services.AddTypedSessionSqliteStore(builder.Configuration["Database"]!);

        """ + Endpoints + SessionClass;

    // UseSession without AddSession: ASP.NET Core fails at run time; TypedSession's analyzer fails the build.
    private const string MisconfiguredProgram = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddDistributedMemoryCache();

        var app = builder.Build();
        app.UseSession();
        app.MapGet("/", (HttpContext context) => context.Session.GetString("name") ?? "none");
        app.Run();
        """;

    /// <summary>
    /// Packs the whole solution once per test run (<see cref="PackedFeedCollection"/>), as <c>dotnet pack TypedSession.sln</c> does, under a version no
    /// earlier run used, so no package cache interferes. It packs what the test run built (<c>--no-build</c>): a
    /// rebuild under another version would rewrite the assemblies this test run has loaded.
    /// </summary>
    public sealed class PackedFeed : IAsyncLifetime
    {
        private readonly string workRoot = Path.Combine(Path.GetTempPath(), "typedsession-pack-" + Guid.NewGuid().ToString("N")[..8]);

        public string Version { get; } = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

        public string FeedDirectory => Path.Combine(workRoot, "feed");

        public string PackagePath(string id) => Path.Combine(FeedDirectory, $"{id}.{Version}.nupkg");

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(FeedDirectory);
            (await ProcessRunner.RunAsync("dotnet",
                    $"pack \"{RepositoryPaths.Combine("TypedSession.sln")}\" -c {RepositoryPaths.Configuration} --no-build " +
                    $"-o \"{FeedDirectory}\" -p:Version={Version} -nologo",
                    RepositoryPaths.Root, TimeSpan.FromMinutes(5)))
                .EnsureSuccess("dotnet pack TypedSession.sln");
        }

        internal async Task<ConsumerProject> CreateProjectAsync(string name, string packageId, string program)
        {
            var dir = Path.Combine(workRoot, name);
            Directory.CreateDirectory(dir);
            // Outside the solution: no Directory.Build.props or central package versions of ours apply.
            await File.WriteAllTextAsync(Path.Combine(dir, "Directory.Build.props"), "<Project />");
            await File.WriteAllTextAsync(Path.Combine(dir, "Directory.Packages.props"), "<Project />");
            await File.WriteAllTextAsync(Path.Combine(dir, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="local-typedsession" value="{FeedDirectory}" />
                  </packageSources>
                </configuration>
                """);
            await File.WriteAllTextAsync(Path.Combine(dir, $"{name}.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="{packageId}" Version="{Version}" />
                  </ItemGroup>
                </Project>
                """);
            await File.WriteAllTextAsync(Path.Combine(dir, "Program.cs"), program);
            return new ConsumerProject(dir, name);
        }

        public Task DisposeAsync()
        {
            try { Directory.Delete(workRoot, recursive: true); } catch (IOException) { }
            return Task.CompletedTask;
        }
    }

    internal sealed record ConsumerProject(string Directory, string Name)
    {
        public string OutputDirectory => Path.Combine(Directory, "bin", "Release", "net10.0");

        public string AssemblyPath => Path.Combine(OutputDirectory, Name + ".dll");

        public Task<ProcessRunner.Result> BuildAsync() =>
            ProcessRunner.RunAsync("dotnet", "build -c Release -nologo", Directory, TimeSpan.FromMinutes(5));
    }
}
