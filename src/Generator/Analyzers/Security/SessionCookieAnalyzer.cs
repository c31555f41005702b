using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSession.Generator.Analyzers.Pipeline;

namespace TypedSession.Generator.Analyzers.Security;

/// <summary>
/// The session cookie's settings on <c>SessionOptions.Cookie</c>: SESS030 (<c>SecurePolicy</c> set to something other
/// than <c>Always</c>, or left at the stock default <c>None</c>), SESS031 (<c>HttpOnly = false</c>) and SESS032 (any
/// assignment to <c>Expiration</c>, whose setter throws). The default case is decided per type (the program or
/// <c>Startup</c> that calls <c>AddSession()</c>) and stays silent when the cookie may be configured anywhere else:
/// a non-constant value, options bound from configuration, a cookie policy, or the names involved in another file.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SessionCookieAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property telling the code fix what it may do.</summary>
    internal const string FixKey = "TypedSession.Fix";

    /// <summary>SESS030 on an assignment: replace the assigned value with <c>CookieSecurePolicy.Always</c>.</summary>
    internal const string SetAlways = "SetAlways";

    /// <summary>SESS030 on <c>AddSession(...)</c>: set <c>options.Cookie.SecurePolicy = CookieSecurePolicy.Always</c> in its options.</summary>
    internal const string ConfigureAlways = "ConfigureAlways";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SessionCookieNotSecure,
        DiagnosticDescriptors.SessionCookieNotHttpOnly,
        DiagnosticDescriptors.SessionCookieExpirationSet);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = SessionSymbols.Create(start.Compilation);
            if (symbols.SessionOptions.Symbol is null || symbols.CookieBuilder.Symbol is null || symbols.SessionServiceCollectionExtensions.Symbol is null)
            {
                return;
            }

            var alwaysValue = symbols.CookieSecurePolicy.Symbol?.GetMembers("Always").OfType<IFieldSymbol>().FirstOrDefault()?.ConstantValue;
            var index = new CompilationSessionIndexCache(start.Compilation, symbols);
            start.RegisterSymbolStartAction(
                symbolStart =>
                {
                    var registrations = new ConcurrentQueue<IInvocationOperation>();
                    var configured = new ConfiguredFlag();
                    symbolStart.RegisterOperationAction(
                        operationContext => AnalyzeAssignment(operationContext, symbols, alwaysValue, configured),
                        OperationKind.SimpleAssignment);
                    symbolStart.RegisterOperationAction(
                        operationContext =>
                        {
                            var invocation = (IInvocationOperation)operationContext.Operation;
                            var method = SessionSymbols.Declared(invocation.TargetMethod);
                            if (SessionSymbols.IsDeclaredBy(method, symbols.SessionServiceCollectionExtensions) && method.Name == "AddSession")
                            {
                                registrations.Enqueue(invocation);
                            }
                            else if (BindsSessionOptions(invocation, symbols))
                            {
                                configured.Set();
                            }
                        },
                        OperationKind.Invocation);
                    symbolStart.RegisterSymbolEndAction(end =>
                    {
                        if (registrations.IsEmpty || configured.IsSet ||
                            index.Get(end.CancellationToken).OccursOutside(SessionName.CookieSecurity, (INamedTypeSymbol)end.Symbol, end.CancellationToken))
                        {
                            return;
                        }

                        var properties = ImmutableDictionary<string, string?>.Empty.Add(FixKey, ConfigureAlways);
                        foreach (var registration in registrations.OrderBy(registration => registration.Syntax.SpanStart))
                        {
                            end.ReportDiagnostic(Diagnostic.Create(
                                DiagnosticDescriptors.SessionCookieNotSecure,
                                PipelineLocations.Of(registration.Syntax),
                                properties,
                                "left at its default, CookieSecurePolicy.None"));
                        }
                    });
                },
                SymbolKind.NamedType);
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, SessionSymbols symbols, object? alwaysValue, ConfiguredFlag configured)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation target)
        {
            return;
        }

        if (symbols.CookiePolicyOptions.Is(target.Property.ContainingType) && target.Property.Name == "Secure")
        {
            // A cookie policy that forces Secure applies to the session cookie too.
            configured.Set();
            return;
        }

        if (!IsSessionCookieProperty(target, symbols))
        {
            return;
        }

        var value = assignment.Value.ConstantValue;
        switch (target.Property.Name)
        {
            case "Expiration":
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SessionCookieExpirationSet, assignment.Syntax.GetLocation()));
                break;
            case "HttpOnly" when value.HasValue && value.Value is false:
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SessionCookieNotHttpOnly, assignment.Syntax.GetLocation()));
                break;
            case "SecurePolicy":
                configured.Set();
                if (value.HasValue && alwaysValue is not null && !Equals(value.Value, alwaysValue))
                {
                    var name = (Unwrap(assignment.Value) as IFieldReferenceOperation)?.Field.Name ?? value.Value?.ToString();
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.SessionCookieNotSecure,
                        assignment.Syntax.GetLocation(),
                        ImmutableDictionary<string, string?>.Empty.Add(FixKey, SetAlways),
                        "CookieSecurePolicy." + name));
                }

                break;
        }
    }

    /// <summary><c>options.Cookie.X</c> where <c>options</c> is a <c>SessionOptions</c> and X a <c>CookieBuilder</c> property.</summary>
    private static bool IsSessionCookieProperty(IPropertyReferenceOperation target, SessionSymbols symbols)
    {
        if (!SessionSymbols.IsOrInherits(target.Property.ContainingType, symbols.CookieBuilder) ||
            Unwrap(target.Instance) is not IPropertyReferenceOperation { Property.Name: "Cookie" } cookie)
        {
            return false;
        }

        return symbols.SessionOptions.Is(cookie.Property.ContainingType);
    }

    /// <summary>
    /// <c>Configure&lt;SessionOptions&gt;(section)</c>, <c>AddOptions&lt;SessionOptions&gt;().Bind(...)</c>: a call that
    /// names <c>SessionOptions</c> without a lambda the analyzer can read may set the cookie's policy.
    /// </summary>
    private static bool BindsSessionOptions(IInvocationOperation invocation, SessionSymbols symbols)
    {
        // Runs for every call of the compilation: loops, not LINQ, so that the common answer allocates nothing.
        var namesSessionOptions = false;
        foreach (var typeArgument in invocation.TargetMethod.TypeArguments)
        {
            if (symbols.SessionOptions.Is(typeArgument))
            {
                namesSessionOptions = true;
                break;
            }
        }

        if (!namesSessionOptions)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value is IDelegateCreationOperation)
            {
                return false;
            }
        }

        return true;
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>A flag set from concurrent callbacks.</summary>
    private sealed class ConfiguredFlag
    {
        private int _value;

        public bool IsSet => Volatile.Read(ref _value) != 0;

        public void Set() => Volatile.Write(ref _value, 1);
    }
}
