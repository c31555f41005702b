using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor.Internal;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TypedSession.Hosting;

// Decides whether an MVC action or a Razor page depends on a session class directly: as an action or handler
// parameter, a bound property, a controller or page-model constructor parameter, or an @inject property of the page.
// A dependency hidden behind another service is not seen; such code awaits LoadAsync itself (README, "Interop").
internal static class ActionSessionUsage
{
    private const BindingFlags Instance = BindingFlags.Public | BindingFlags.Instance;

    // MVC builds controllers and page models with ActivatorUtilities and keeps their constructors; MVC itself is not
    // trim-compatible, so an app that reaches this code has already opted out of trimming these types.
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Controller, page and page-model constructors and properties are kept by MVC, which activates them.")]
    internal static Type? FindSessionClass(ActionDescriptor action, SessionClassRegistry registry)
    {
        foreach (var parameter in action.Parameters)
        {
            if (registry.Contains(parameter.ParameterType)) { return parameter.ParameterType; }
        }
        foreach (var property in action.BoundProperties)
        {
            if (registry.Contains(property.ParameterType)) { return property.ParameterType; }
        }
        switch (action)
        {
            case ControllerActionDescriptor controller:
                return FromConstructors(controller.ControllerTypeInfo, registry);
            case CompiledPageActionDescriptor page:
                foreach (var handler in page.HandlerMethods)
                {
                    foreach (var parameter in handler.Parameters)
                    {
                        if (registry.Contains(parameter.ParameterType)) { return parameter.ParameterType; }
                    }
                }
                return FromConstructors(page.ModelTypeInfo, registry)
                    ?? FromConstructors(page.HandlerTypeInfo, registry)
                    ?? FromInjectedProperties(page.PageTypeInfo, registry);
            default:
                return null;
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "See FindSessionClass.")]
    private static Type? FromConstructors(Type? type, SessionClassRegistry registry)
    {
        if (type is null) { return null; }
        foreach (var constructor in type.GetConstructors(Instance))
        {
            foreach (var parameter in constructor.GetParameters())
            {
                if (registry.Contains(parameter.ParameterType)) { return parameter.ParameterType; }
            }
        }
        return null;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "See FindSessionClass.")]
    private static Type? FromInjectedProperties(Type? pageType, SessionClassRegistry registry)
    {
        if (pageType is null) { return null; }
        foreach (var property in pageType.GetProperties(Instance))
        {
            if (registry.Contains(property.PropertyType) && property.IsDefined(typeof(RazorInjectAttribute), inherit: true))
            {
                return property.PropertyType;
            }
        }
        return null;
    }
}
