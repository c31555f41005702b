using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TypedSession.Sample;

namespace TypedSession.Tests.Integration;

/// <summary>
/// Test-only routes under <c>/test/</c>, appended after the sample's own pipeline (so after its UseSession): they touch
/// the raw <see cref="ISession"/> the way legacy code or a corrupt store would.
/// </summary>
internal sealed class SessionProbeStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Map("/test/corrupt", branch => branch.Run(async context =>
        {
            await context.Session.LoadAsync();
            context.Session.Set(context.Request.Query["key"]!, [7, 7, 7]);
            await context.Response.WriteAsync("corrupted");
        }));
        app.Map("/test/stock-write", branch => branch.Run(async context =>
        {
            await context.Session.LoadAsync();
            context.Session.SetString("Username", context.Request.Query["username"]!);
            await context.Response.WriteAsync("written");
        }));
        app.Map("/test/stock-read", branch => branch.Run(async context =>
        {
            await context.Session.LoadAsync();
            await context.Response.WriteAsync($"{context.Session.GetString("Username")},{context.Session.GetString("Role")}");
        }));
        app.Map("/test/interop", branch => branch.Run(async context =>
        {
            await context.Session.LoadAsync();
            var typed = context.RequestServices.GetRequiredService<UserSession>();
            typed.Username = "Ada";
            var stockSeesTyped = context.Session.GetString("Username");
            context.Session.SetString("Role", "admin");
            var typedSeesStock = typed.Role;
            await context.Response.WriteAsync($"stock sees {stockSeesTyped}, typed sees {typedSeesStock}");
        }));
    };
}
