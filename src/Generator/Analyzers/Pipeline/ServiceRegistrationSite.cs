using Microsoft.CodeAnalysis;

namespace TypedSession.Generator.Analyzers.Pipeline;

/// <summary>A place where a code fix can register a service: before <c>builder.Build()</c>, or at the end of <c>ConfigureServices</c>.</summary>
internal sealed class ServiceRegistrationSite
{
    public ServiceRegistrationSite(Location anchor, string servicesExpression, bool appendToBody)
    {
        Anchor = anchor;
        ServicesExpression = servicesExpression;
        AppendToBody = appendToBody;
    }

    /// <summary>The <c>Build()</c> call, or the body of <c>ConfigureServices</c>.</summary>
    public Location Anchor { get; }

    /// <summary>The expression of the service collection: <c>builder.Services</c>, <c>services</c>.</summary>
    public string ServicesExpression { get; }

    /// <summary><see langword="true"/> to add at the end of the method body <see cref="Anchor"/> covers.</summary>
    public bool AppendToBody { get; }
}
