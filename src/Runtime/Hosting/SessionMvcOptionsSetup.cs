using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace TypedSession.Hosting;

// Runs only when the app uses MVC (controllers or Razor Pages): options are configured when MvcOptions is first
// resolved, which minimal-API-only apps never do.
internal sealed class SessionMvcOptionsSetup(SessionClassRegistry registry) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        options.Filters.Add(new SessionLoadingFilter(registry));
        options.ModelMetadataDetailsProviders.Add(new SessionBindingMetadataProvider(registry));
    }
}
