var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "TypedSession sample");
app.Run();

/// <summary>The sample's entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
