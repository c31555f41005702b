using System.Net;
using TypedSession.Tests.Infrastructure;

namespace TypedSession.Tests.Packaging;

/// <summary>
/// Packs TypedSession into a local folder feed and consumes it from a fresh web project outside the solution, the
/// way a user adopts it: one PackageReference by version, and the generator, analyzers and code fixes come with it.
/// </summary>
public sealed class PackageConsumptionTests : IClassFixture<PackageConsumptionTests.PackedFeed>
{
    private readonly PackedFeed feed;

    public PackageConsumptionTests(PackedFeed feed) => this.feed = feed;

    [Fact]
    public void Package_holds_the_runtime_and_every_roslyn_component()
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(feed.PackagePath);
        var entries = archive.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("lib/net10.0/TypedSession.dll", entries);
        Assert.Contains("lib/net10.0/TypedSession.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/TypedSession.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/TypedSession.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);

        using var nuspecReader = new StreamReader(archive.Entries.Single(e => e.FullName.EndsWith(".nuspec")).Open());
        var nuspec = nuspecReader.ReadToEnd();
        Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
        Assert.Contains("<repository type=\"git\"", nuspec);
        Assert.Contains("<readme>README.md</readme>", nuspec);
        Assert.True(File.Exists(Path.ChangeExtension(feed.PackagePath, ".snupkg")), "the symbols package is missing");
    }

    [Fact]
    public async Task Fresh_web_project_builds_and_its_typed_session_works_over_http()
    {
        var project = await feed.CreateProjectAsync("Consumer", ConsumerProgram);
        var build = await project.BuildAsync();
        build.EnsureSuccess("Building the consumer project");

        await using var app = await AppProcess.StartAsync(project.AssemblyPath);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = app.BaseAddress,
        };

        Assert.Equal("stored", await client.GetStringAsync("/set?name=Ada&visits=3"));
        Assert.Equal("Ada:3", await client.GetStringAsync("/get"));
    }

    [Fact]
    public async Task Analyzer_from_the_package_reports_a_session_without_AddSession()
    {
        var project = await feed.CreateProjectAsync("Misconfigured", MisconfiguredProgram);
        var build = await project.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("SESS013", build.Output);
    }

    private const string ConsumerProgram = """
        using TypedSession;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddSession();
        builder.Services.AddTypedSession<VisitorSession>();

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

        [Session]
        public partial class VisitorSession
        {
            public partial string? Name { get; set; }
            public partial int Visits { get; set; }
        }
        """;

    // UseSession without AddSession: ASP.NET Core fails at run time; TypedSession's analyzer fails the build.
    private const string MisconfiguredProgram = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddDistributedMemoryCache();

        var app = builder.Build();
        app.UseSession();
        app.MapGet("/", (HttpContext context) => context.Session.GetString("name") ?? "none");
        app.Run();
        """;

    /// <summary>Packs the runtime once per test class under a version no earlier run used, so no cache interferes.</summary>
    public sealed class PackedFeed : IAsyncLifetime
    {
        private readonly string workRoot = Path.Combine(Path.GetTempPath(), "typedsession-pack-" + Guid.NewGuid().ToString("N")[..8]);

        public string Version { get; } = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

        public string FeedDirectory => Path.Combine(workRoot, "feed");

        public string PackagePath => Path.Combine(FeedDirectory, $"TypedSession.{Version}.nupkg");

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(FeedDirectory);
            await ProcessRunner.RunAsync("dotnet",
                    $"pack \"{RepositoryPaths.Combine("src", "Runtime", "TypedSession.csproj")}\" -c {RepositoryPaths.Configuration} " +
                    $"-o \"{FeedDirectory}\" -p:Version={Version} -nologo",
                    RepositoryPaths.Root, TimeSpan.FromMinutes(5))
                .ContinueWith(t => t.Result.EnsureSuccess("dotnet pack"));
        }

        internal async Task<ConsumerProject> CreateProjectAsync(string name, string program)
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
                    <PackageReference Include="TypedSession" Version="{Version}" />
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
        public string AssemblyPath => Path.Combine(Directory, "bin", "Release", "net10.0", Name + ".dll");

        public Task<ProcessRunner.Result> BuildAsync() =>
            ProcessRunner.RunAsync("dotnet", "build -c Release -nologo", Directory, TimeSpan.FromMinutes(5));
    }
}
