using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace TypedSession.Hosting;

// Makes MVC action and Razor Pages handler parameters of a session class bind from dependency injection (the request's
// scoped instance), as minimal APIs do through BindAsync; without it MVC would try to build the class from the form or
// query. Validation is switched off for session classes: walking their properties would read every value.
internal sealed class SessionBindingMetadataProvider(SessionClassRegistry registry) : IBindingMetadataProvider, IValidationMetadataProvider
{
    public void CreateBindingMetadata(BindingMetadataProviderContext context)
    {
        if (registry.Contains(context.Key.ModelType))
        {
            context.BindingMetadata.BindingSource = BindingSource.Services;
        }
    }

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        if (registry.Contains(context.Key.ModelType))
        {
            context.ValidationMetadata.ValidateChildren = false;
        }
    }
}
