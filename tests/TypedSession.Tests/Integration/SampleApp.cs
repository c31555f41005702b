using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace TypedSession.Tests.Integration;

/// <summary>
/// The sample app over real HTTP through <see cref="WebApplicationFactory{TEntryPoint}"/> (its client carries cookies),
/// with the default in-memory store, FakeLogger logging, the <see cref="SessionProbeStartupFilter"/> routes and,
/// optionally, a replacement <see cref="IDistributedCache"/>. Not an <see cref="EngineHost"/>: it hosts the sample's own
/// <c>Program</c>, with the sample's own services and pipeline, which only <see cref="WebApplicationFactory{TEntryPoint}"/> can start.
/// </summary>
internal sealed partial class SampleApp(IDistributedCache? cache = null) : WebApplicationFactory<Program>
{
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Store", "memory");
        builder.ConfigureLogging(logging => logging.AddFakeLogging());
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, SessionProbeStartupFilter>();
            if (cache is not null)
            {
                services.AddSingleton(cache);
            }
        });
    }

    /// <summary>GETs <paramref name="path"/>, asserts success and returns the body.</summary>
    public static async Task<string> GetTextAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>Fills and posts the login form (with its antiforgery token); returns the final response after redirects.</summary>
    public static async Task<HttpResponseMessage> LogInAsync(HttpClient client, string username, string role)
    {
        var form = await GetTextAsync(client, "/Login");
        return await client.PostAsync("/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = username,
            ["Role"] = role,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));
    }

    /// <summary>Posts the dashboard's logout form.</summary>
    public static async Task<HttpResponseMessage> LogOutAsync(HttpClient client)
    {
        var dashboard = await GetTextAsync(client, "/Dashboard");
        return await client.PostAsync("/Dashboard?handler=Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(dashboard),
        }));
    }

    private static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
