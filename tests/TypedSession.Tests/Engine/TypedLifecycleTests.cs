using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSession.Tests.Engine;

// The lifecycle through the generated session class and TypedSessionBase, as applications use it.
public sealed class TypedLifecycleTests
{
    private static void Routes(IEndpointRouteBuilder e)
    {
        e.MapGet("/visit", (AccountSession s) =>
        {
            s.Username ??= "guest";
            return $"{s.Username}|{s.IsNew}";
        });
        e.MapGet("/login/{name}", async (AccountSession s, string name) =>
        {
            var before = s.Id;
            await s.RegenerateIdAsync();
            s.Username = name;
            s.Role = "admin";
            return before == s.Id ? "same id" : "new id";
        });
        e.MapGet("/login-and-redirect/{name}", async (AccountSession s, string name) =>
        {
            await s.RegenerateIdAsync();
            s.Username = name;
            return Results.Redirect("/me");
        });
        e.MapGet("/me", (AccountSession s) => $"{s.Username ?? "(none)"}|{s.Role ?? "(none)"}");
        e.MapGet("/logout", async (AccountSession s) =>
        {
            var before = s.Username;
            await s.DestroyAsync();
            return $"{before}|{s.Username ?? "(none)"}";
        });
        e.MapGet("/edit-then-reload", async (AccountSession s) =>
        {
            s.Role = "superuser";
            await s.ReloadAsync();
            return s.Role ?? "(none)";
        });
    }

    [Fact]
    public async Task Login_regenerates_the_id_keeps_the_visit_and_logout_destroys_everything()
    {
        await using var host = await EngineHost.StartAsync(Routes, services: s => s.AddTypedSession<AccountSession>());
        var client = host.CreateClient();
        Assert.Equal("guest|True", await client.GetStringAsync("/visit"));
        var anonymousCookie = client.Cookie;

        Assert.Equal("new id", await client.GetStringAsync("/login/ada"));
        Assert.Single(client.LastSessionCookies);
        Assert.Equal("ada|admin", await client.GetStringAsync("/me"));
        Assert.Equal("admin", await client.GetStringAsync("/edit-then-reload"));
        Assert.Equal("ada|admin", await client.GetStringAsync("/me"));
        var fixedCookie = new SessionClient(host.Server.CreateClient()) { Cookie = anonymousCookie };
        Assert.Equal("(none)|(none)", await fixedCookie.GetStringAsync("/me"));

        Assert.Equal("ada|(none)", await client.GetStringAsync("/logout"));
        Assert.Null(client.Cookie);
        Assert.Equal("(none)|(none)", await client.GetStringAsync("/me"));
    }

    [Fact]
    public async Task On_Kestrel_a_failed_commit_answers_500_instead_of_a_success()
    {
        await using var host = await EngineHost.CreateBuilder()
            .UseKestrel()
            .UseSystemClock()
            .ConfigureServices(s => s.AddTypedSession<AccountSession>())
            .MapEndpoints(Routes)
            .StartAsync();
        var faults = host.Faults;
        var address = host.Address;
        // SessionClient carries the cookie itself; the handler's own cookie container would share it between clients.
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };
        var client = new SessionClient(http);
        Assert.Equal("guest|True", await client.GetStringAsync("/visit"));
        faults.FailCommits = true;

        // A write committed as the response starts (the handler only returns), and a regeneration.
        using var visit = await new SessionClient(http).SendAsync("/visit");
        using var login = await client.SendAsync("/login/ada");

        Assert.Equal(HttpStatusCode.InternalServerError, visit.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, login.StatusCode);

        // A redirect has no body: its response starts only after the stock middleware's end-of-request commit.
        faults.FailCommits = false;
        using var redirect = await new SessionClient(http).SendAsync("/login-and-redirect/ada");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        faults.FailCommits = true;
        using var failedRedirect = await new SessionClient(http).SendAsync("/login-and-redirect/bob");
        Assert.Equal(HttpStatusCode.InternalServerError, failedRedirect.StatusCode);
        Assert.False(failedRedirect.Headers.Contains("Location"));
        faults.Heal();
        Assert.Equal("guest|(none)", await client.GetStringAsync("/me"));
    }
}
