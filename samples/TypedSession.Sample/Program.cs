using System.Runtime.CompilerServices;
using TypedSession.Sample;

var builder = WebApplication.CreateBuilder(args);

// Sessions: the stock middleware, with TypedSession's typed class on top. The store comes from --store
// memory|sqlite|redis (SampleStoreSetup); the default keeps sessions in memory and needs no server.
builder.AddSampleSessionStore();
builder.Services.AddSession(options =>
{
    options.IdleTimeout = TimeSpan.FromMinutes(20);
    options.Cookie.IsEssential = true;
    options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
});
builder.Services.AddTypedSession<UserSession>();

// Razor Pages and MVC do not support Native AOT (ASP.NET Core's limit, not TypedSession's): a Native AOT build of the
// sample (eng/publish-aot-check.sh) serves the minimal-API routes only, and the AOT compiler drops these branches.
if (RuntimeFeature.IsDynamicCodeSupported)
{
    builder.Services.AddRazorPages();
    builder.Services.AddControllers();
}

var app = builder.Build();
app.MapBenchmarkEndpoints(); // /bench/*: tests/TypedSession.Benchmarks/e2e.sh, in front of the pipeline
app.MapSoakEndpoints(); // /soak/*: tests/TypedSession.Benchmarks/soak.sh, only with TYPEDSESSION_SOAK=1

app.UseStaticFiles();
app.UseRouting();
app.UseSession();

if (RuntimeFeature.IsDynamicCodeSupported)
{
    app.MapRazorPages();
    app.MapControllers();
}
app.MapSessionDemo();

app.Run();

/// <summary>The sample's entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
