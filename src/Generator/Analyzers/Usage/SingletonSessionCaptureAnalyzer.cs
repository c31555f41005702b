using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSession.Generator.Analyzers.Pipeline;

namespace TypedSession.Generator.Analyzers.Usage;

/// <summary>
/// SESS021: a <c>[Session]</c> class (request-scoped) injected into something created once for the application: the
/// constructor of a conventional middleware, the constructor of a hosted service, or a service registered with
/// <c>AddSingleton</c>/<c>TryAddSingleton</c> (its constructor, or a factory that resolves the session class), including
/// the session class itself registered as a singleton.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SingletonSessionCaptureAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.SessionCapturedBySingleton);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = SessionSymbols.Create(start.Compilation);
            if (symbols.SessionAttribute.Symbol is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, symbols), SymbolKind.NamedType);
            start.RegisterOperationAction(operationContext => AnalyzeRegistration(operationContext, symbols), OperationKind.Invocation);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, SessionSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic)
        {
            return;
        }

        string? owner = null;
        if (IsConventionalMiddleware(type, symbols))
        {
            owner = $"the conventional middleware '{type.Name}'";
        }
        else if (SessionSymbols.IsOrInherits(type, symbols.HostedService))
        {
            owner = $"the hosted service '{type.Name}'";
        }

        if (owner is null)
        {
            return;
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            foreach (var parameter in constructor.Parameters)
            {
                if (symbols.IsSessionClass(parameter.Type) && parameter.Locations.FirstOrDefault(location => location.IsInSource) is { } location)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SessionCapturedBySingleton, location, parameter.Type.Name, owner));
                }
            }
        }
    }

    /// <summary>
    /// A class <c>UseMiddleware</c> activates once: a constructor taking <c>RequestDelegate</c> and a public
    /// <c>Invoke</c>/<c>InvokeAsync</c> taking <c>HttpContext</c>. Factory-activated <c>IMiddleware</c> is per request.
    /// </summary>
    private static bool IsConventionalMiddleware(INamedTypeSymbol type, SessionSymbols symbols)
    {
        if (symbols.RequestDelegate.Symbol is null || SessionSymbols.IsOrInherits(type, symbols.Middleware))
        {
            return false;
        }

        var takesNext = type.InstanceConstructors.Any(constructor =>
            constructor.Parameters.Any(parameter => symbols.RequestDelegate.Is(parameter.Type)));
        return takesNext && type.GetMembers().OfType<IMethodSymbol>().Any(method =>
            method is { IsStatic: false, DeclaredAccessibility: Accessibility.Public, Name: "Invoke" or "InvokeAsync" } &&
            method.Parameters.Length > 0 &&
            symbols.HttpContext.Is(method.Parameters[0].Type));
    }

    private static void AnalyzeRegistration(OperationAnalysisContext context, SessionSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = SessionSymbols.Declared(invocation.TargetMethod);
        var isSingleton =
            (SessionSymbols.IsDeclaredBy(method, symbols.ServiceCollectionServiceExtensions) && method.Name is "AddSingleton" or "AddKeyedSingleton") ||
            (SessionSymbols.IsDeclaredBy(method, symbols.ServiceCollectionDescriptorExtensions) && method.Name is "TryAddSingleton" or "TryAddKeyedSingleton");
        if (!isSingleton)
        {
            return;
        }

        var location = PipelineLocations.Of(invocation.Syntax);
        var implementation = invocation.TargetMethod.TypeArguments.LastOrDefault();
        foreach (var argument in invocation.Arguments)
        {
            switch (argument.Value)
            {
                case ITypeOfOperation typeOf:
                    implementation = typeOf.TypeOperand;
                    break;
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation factory }:
                    var resolved = factory.Body.Descendants().FirstOrDefault(operation =>
                        operation is IInvocationOperation && symbols.IsSessionClass(operation.Type));
                    if (resolved is not null)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.SessionCapturedBySingleton, location, resolved.Type!.Name, "a singleton factory"));
                        return;
                    }

                    break;
            }
        }

        if (implementation is not INamedTypeSymbol implementationType)
        {
            return;
        }

        if (symbols.IsSessionClass(implementationType))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.SessionCapturedBySingleton, location, implementationType.Name, "a singleton registration of itself"));
            return;
        }

        foreach (var constructor in implementationType.InstanceConstructors.Where(constructor => constructor.DeclaredAccessibility == Accessibility.Public))
        {
            foreach (var parameter in constructor.Parameters)
            {
                if (symbols.IsSessionClass(parameter.Type))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.SessionCapturedBySingleton, location, parameter.Type.Name, $"'{implementationType.Name}', registered as a singleton"));
                    return;
                }
            }
        }
    }
}
