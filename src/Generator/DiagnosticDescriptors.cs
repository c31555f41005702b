using Microsoft.CodeAnalysis;

namespace TypedSession.Generator;

/// <summary>
/// Every diagnostic TypedSession reports. Ids are fixed once released (see AnalyzerReleases.*.md): users' .editorconfig
/// files and the docs pages under docs/diagnostics rely on them. To add one, take the next free number of its theme,
/// add it to AnalyzerReleases.Unshipped.md and write docs/diagnostics/SESSnnn.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    // RepositoryInfo.Url is written by the build from the property the packages' metadata uses, so the two cannot drift.
    internal const string HelpLinkBase = RepositoryInfo.Url + "/blob/main/docs/diagnostics/";

    private const string DeclarationsCategory = "TypedSession.Declarations";
    private const string PipelineCategory = "TypedSession.Pipeline";
    private const string UsageCategory = "TypedSession.Usage";
    private const string SecurityCategory = "TypedSession.Security";
    private const string SchemaCategory = "TypedSession.Schema";

    /// <summary>SESS001: "The [Session] class '{0}' must be partial: '{1}' is not declared partial".</summary>
    public static readonly DiagnosticDescriptor SessionClassNotPartial = new(
        id: "SESS001",
        title: "Session class must be partial",
        messageFormat: "The [Session] class '{0}' must be partial: '{1}' is not declared partial",
        category: DeclarationsCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "TypedSession generates the session class's property bodies in a second part of the class. That part can only be " +
            "added when the class, and every type that contains it, is declared 'partial'.",
        helpLinkUri: HelpLinkBase + "SESS001.md");

    /// <summary>SESS002: "The property '{0}' of the session class '{1}' {2}".</summary>
    public static readonly DiagnosticDescriptor SessionPropertyNotPartial = new(
        id: "SESS002",
        title: "Session property must be a partial property with get and set",
        messageFormat: "The property '{0}' of the session class '{1}' {2}",
        category: DeclarationsCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each property of a [Session] class is implemented by the generator over the request's ISession, so it must be " +
            "an instance 'partial' property declaration with a 'get' and a 'set' accessor (not 'init'), returning by value.",
        helpLinkUri: HelpLinkBase + "SESS002.md");

    /// <summary>SESS003: "The property '{0}' has type '{1}', which the session cannot store: {2}".</summary>
    public static readonly DiagnosticDescriptor UnsupportedPropertyType = new(
        id: "SESS003",
        title: "Session cannot store this property type",
        messageFormat: "The property '{0}' has type '{1}', which the session cannot store: {2}",
        category: DeclarationsCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Session values are stored as bytes between requests. Primitive types, enums, Guid, dates and times, byte[] and " +
            "their nullable forms have a built-in encoding; records, classes and collections need System.Text.Json " +
            "source-generated metadata from the JsonSerializerContext named by [Session(JsonContext = ...)]. Types with no " +
            "stable serialized form (object, interfaces, delegates, pointers, ref structs, open generics) cannot be stored.",
        helpLinkUri: HelpLinkBase + "SESS003.md");

    private const string DuplicateSessionKeyTitle = "Two session properties share a key";
    private const string DuplicateSessionKeyMessage = "The property '{0}' uses the session key '{1}', which {2} already uses";
    private const string DuplicateSessionKeyDescription =
        "Every [Session] class of an application stores its values in the same ISession. Two properties of one " +
        "class with the same key overwrite each other. Across classes, a key read with another type (another encoding) " +
        "decodes garbage or nothing; two classes may share a key only to view the same value with the same type. Give " +
        "one of them another [SessionKey] or give the class a KeyPrefix.";

    /// <summary>SESS004: "The property '{0}' uses the session key '{1}', which {2} already uses".</summary>
    public static readonly DiagnosticDescriptor DuplicateSessionKey = new(
        id: "SESS004",
        title: DuplicateSessionKeyTitle,
        messageFormat: DuplicateSessionKeyMessage,
        category: DeclarationsCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: DuplicateSessionKeyDescription,
        helpLinkUri: HelpLinkBase + "SESS004.md");

    /// <summary>
    /// SESS004 across classes, with the message of <see cref="DuplicateSessionKey"/>: reported once every session class
    /// of the compilation has been inspected, so it is a compilation-end diagnostic (a build reports it, the editor with
    /// full solution analysis), while the per-class findings stay live in the editor.
    /// </summary>
    public static readonly DiagnosticDescriptor DuplicateSessionKeyAcrossClasses = new(
        id: "SESS004",
        title: DuplicateSessionKeyTitle,
        messageFormat: DuplicateSessionKeyMessage,
        category: DeclarationsCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: DuplicateSessionKeyDescription,
        helpLinkUri: HelpLinkBase + "SESS004.md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>SESS005: "The property '{0}' cannot keep its name: {1}".</summary>
    public static readonly DiagnosticDescriptor ReservedMemberName = new(
        id: "SESS005",
        title: "Property name is reserved by the generated session class",
        messageFormat: "The property '{0}' cannot keep its name: {1}",
        category: DeclarationsCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A session class derives from TypedSessionBase and gets generated members (Create, BindAsync, a RemoveX " +
            "method per property, fields starting with '__'). A property with one of these names cannot be generated. " +
            "Rename it; [SessionKey] keeps the stored key.",
        helpLinkUri: HelpLinkBase + "SESS005.md");

    /// <summary>SESS006: "The [Session] class '{0}' cannot be generated: {1}".</summary>
    public static readonly DiagnosticDescriptor SessionClassNotGeneratable = new(
        id: "SESS006",
        title: "Session class cannot be generated",
        messageFormat: "The [Session] class '{0}' cannot be generated: {1}",
        category: DeclarationsCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generated part of a session class derives from TypedSessionBase and creates an instance per request, " +
            "so the class must be a plain, non-static, non-abstract class without a base class of its own, not a record " +
            "and not file-local.",
        helpLinkUri: HelpLinkBase + "SESS006.md");

    /// <summary>SESS007: "The property '{0}' has the non-nullable type '{1}' but reads null while the session holds no value for it: declare it '{1}?'".</summary>
    public static readonly DiagnosticDescriptor NonNullableReferenceProperty = new(
        id: "SESS007",
        title: "Session property of a non-nullable reference type reads null",
        messageFormat: "The property '{0}' has the non-nullable type '{1}' but reads null while the session holds no value for it: declare it '{1}?'",
        category: DeclarationsCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A fresh session, an expired one, a removed key or a value that no longer decodes all read as null, whatever the " +
            "property's declared type. A property of a non-nullable reference type (string, a record, a collection) would hide " +
            "that null from the compiler's nullable analysis. Declare the type nullable so that callers handle the missing value.",
        helpLinkUri: HelpLinkBase + "SESS007.md");

    /// <summary>SESS010: "Session state is used ({0}) but UseSession() is never called: add {1}.UseSession() to this pipeline".</summary>
    public static readonly DiagnosticDescriptor UseSessionMissing = new(
        id: "SESS010",
        title: "Session is used but UseSession() is never called",
        messageFormat: "Session state is used ({0}) but UseSession() is never called: add {1}.UseSession() to this pipeline",
        category: PipelineCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Without the session middleware, HttpContext.Session throws 'Session has not been configured for this " +
            "application or request' and [Session] classes cannot be resolved. Call app.UseSession() after UseRouting and " +
            "authentication, before the endpoints and any middleware that uses the session.",
        helpLinkUri: HelpLinkBase + "SESS010.md");

    /// <summary>SESS011: "'{0}' uses the session but is registered before UseSession(): move UseSession() before it".</summary>
    public static readonly DiagnosticDescriptor MiddlewareBeforeUseSession = new(
        id: "SESS011",
        title: "Middleware that uses the session is registered before UseSession()",
        messageFormat: "'{0}' uses the session but is registered before UseSession(): move UseSession() before it",
        category: PipelineCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Middleware runs in the order it is registered. Middleware registered before UseSession() runs before the " +
            "session exists, so HttpContext.Session throws 'Session has not been configured for this application or request'.",
        helpLinkUri: HelpLinkBase + "SESS011.md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>SESS012: "UseSession() is called after '{0}', which ends the pipeline: requests it handles never get a session".</summary>
    public static readonly DiagnosticDescriptor UseSessionAfterTerminal = new(
        id: "SESS012",
        title: "UseSession() is called after the pipeline ends",
        messageFormat: "UseSession() is called after '{0}', which ends the pipeline: requests it handles never get a session",
        category: PipelineCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Run(...) answers every request that reaches it, an explicit UseEndpoints(...) answers every request that " +
            "matches an endpoint, and app.Run() starts the server. Middleware registered after them does not run for " +
            "those requests, so the session is never loaded.",
        helpLinkUri: HelpLinkBase + "SESS012.md");

    /// <summary>SESS013: "UseSession() is called but AddSession() is not: the pipeline fails to build without ISessionStore".</summary>
    public static readonly DiagnosticDescriptor AddSessionMissing = new(
        id: "SESS013",
        title: "UseSession() without AddSession()",
        messageFormat: "UseSession() is called but AddSession() is not: the pipeline fails to build without ISessionStore",
        category: PipelineCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The session middleware needs the services AddSession() registers. Without them the application fails when " +
            "the pipeline is built with 'Unable to resolve service for type Microsoft.AspNetCore.Session.ISessionStore'.",
        helpLinkUri: HelpLinkBase + "SESS013.md");

    /// <summary>SESS014: "AddSession() stores sessions in IDistributedCache, but no IDistributedCache is registered: add AddDistributedMemoryCache() or a persistent cache".</summary>
    public static readonly DiagnosticDescriptor DistributedCacheMissing = new(
        id: "SESS014",
        title: "AddSession() without a distributed cache",
        messageFormat: "AddSession() stores sessions in IDistributedCache, but no IDistributedCache is registered: add AddDistributedMemoryCache() or a persistent cache",
        category: PipelineCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "ASP.NET Core's session store keeps sessions in an IDistributedCache, which AddSession() does not register. " +
            "Without one the pipeline fails with 'Unable to resolve service for type IDistributedCache'. Register " +
            "AddDistributedMemoryCache() for a single server, or a shared cache (Redis, SQL Server, SQLite) for several.",
        helpLinkUri: HelpLinkBase + "SESS014.md");

    /// <summary>SESS020: "The session is written after '{0}' has started the response: a new session can no longer be established".</summary>
    public static readonly DiagnosticDescriptor SessionWrittenAfterResponseStarted = new(
        id: "SESS020",
        title: "Session written after the response has started",
        messageFormat: "The session is written after '{0}' has started the response: a new session can no longer be established",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The session cookie is a response header. Once the response has started, a session that does not exist yet " +
            "cannot send its cookie, and ASP.NET Core throws 'The session cannot be established after the response has " +
            "started'. Write session values before writing the response body.",
        helpLinkUri: HelpLinkBase + "SESS020.md");

    /// <summary>SESS021: "The session class '{0}' is injected into {1}, which lives for the whole application".</summary>
    public static readonly DiagnosticDescriptor SessionCapturedBySingleton = new(
        id: "SESS021",
        title: "Session class injected into a singleton",
        messageFormat: "The session class '{0}' is injected into {1}, which lives for the whole application",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A [Session] class belongs to one request. A conventional middleware, a hosted service or a singleton is " +
            "created once and would keep the first request's session forever, or fail to resolve a scoped service from the " +
            "root provider. Take the session class as a parameter of InvokeAsync or of the endpoint instead, or resolve " +
            "it per request from HttpContext.RequestServices.",
        helpLinkUri: HelpLinkBase + "SESS021.md");

    /// <summary>SESS030: "The session cookie's SecurePolicy is {0}: the session id can be sent over plain HTTP".</summary>
    public static readonly DiagnosticDescriptor SessionCookieNotSecure = new(
        id: "SESS030",
        title: "Session cookie is not always Secure",
        messageFormat: "The session cookie's SecurePolicy is {0}: the session id can be sent over plain HTTP",
        category: SecurityCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "ASP.NET Core's session cookie defaults to CookieSecurePolicy.None, so it is never marked Secure and a browser " +
            "sends it over plain HTTP, where anyone on the network can read the session id. Set " +
            "options.Cookie.SecurePolicy = CookieSecurePolicy.Always.",
        helpLinkUri: HelpLinkBase + "SESS030.md");

    /// <summary>SESS031: "The session cookie's HttpOnly is set to false: scripts in the page can read the session id".</summary>
    public static readonly DiagnosticDescriptor SessionCookieNotHttpOnly = new(
        id: "SESS031",
        title: "Session cookie is readable by scripts",
        messageFormat: "The session cookie's HttpOnly is set to false: scripts in the page can read the session id",
        category: SecurityCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An HttpOnly cookie is invisible to JavaScript. Without it, any script injected into a page (XSS) can steal " +
            "the session id and take over the session.",
        helpLinkUri: HelpLinkBase + "SESS031.md");

    /// <summary>SESS032: "SessionOptions.Cookie.Expiration cannot be set: ASP.NET Core throws InvalidOperationException at start-up".</summary>
    public static readonly DiagnosticDescriptor SessionCookieExpirationSet = new(
        id: "SESS032",
        title: "Session cookie expiration cannot be set",
        messageFormat: "SessionOptions.Cookie.Expiration cannot be set: ASP.NET Core throws InvalidOperationException at start-up",
        category: SecurityCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The session cookie's builder throws 'Expiration cannot be set for the cookie defined by SessionOptions' from " +
            "the setter, when the options are first used. Use IdleTimeout for how long an idle session lives, and " +
            "Cookie.MaxAge for a cookie that outlives the browser.",
        helpLinkUri: HelpLinkBase + "SESS032.md");

    /// <summary>SESS008: "'{0}' is not the migration of the session property '{1}': {2}".</summary>
    public static readonly DiagnosticDescriptor MigrationMethodNotUsed = new(
        id: "SESS008",
        title: "Session migration method is not used",
        messageFormat: "'{0}' is not the migration of the session property '{1}': {2}",
        category: DeclarationsCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A method named Migrate{Property} of a [Session] class is meant to read the property's former encoding " +
            "(docs/schema.md). The generator calls it only when it is 'static TProperty Migrate{Property}(TFormer former)' and " +
            "TFormer has a built-in codec; otherwise live sessions in the old encoding read the property's default.",
        helpLinkUri: HelpLinkBase + "SESS008.md");

    /// <summary>
    /// SESS040: "The session key '{0}' of '{1}' was shipped as {2} and is now {3}: {4}".
    /// </summary>
    public static readonly DiagnosticDescriptor ShippedKeyEncodingChanged = new(
        id: "SESS040",
        title: "Shipped session key changed its encoding",
        messageFormat: "The session key '{0}' of '{1}' was shipped as {2} and is now {3}: {4}",
        category: SchemaCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Sessions outlive deploys: after this change, every live session still holds the bytes the shipped code wrote " +
            "under this key (SessionSchema.Shipped.txt lists them), and the new code cannot read them. Keep the old type, store " +
            "the new one under a new key, or declare a 'static T Migrate{Property}(TOld old)' method; to accept the loss, ship " +
            "the schema again.",
        helpLinkUri: HelpLinkBase + "SESS040.md");

    /// <summary>
    /// SESS041: "The shipped session key '{0}' ({1}) is no longer stored by '{2}': live sessions keep a value no code reads{3}".
    /// </summary>
    public static readonly DiagnosticDescriptor ShippedKeyRemoved = new(
        id: "SESS041",
        title: "Shipped session key is no longer stored",
        messageFormat: "The shipped session key '{0}' ({1}) is no longer stored by '{2}': live sessions keep a value no code reads{3}",
        category: SchemaCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Renaming a session property renames its key, so after the deploy every live session reads the new property " +
            "as its default (users logged out, carts emptied) while the old value sits unread. Keep the old key with " +
            "[SessionKey(\"old\")] on the property that took its place, or ship the schema again if the key is gone on purpose.",
        helpLinkUri: HelpLinkBase + "SESS041.md");

    /// <summary>
    /// SESS042: "The session schema of '{0}' is not the shipped one ({1}): ship it to SessionSchema.Shipped.txt when you release".
    /// </summary>
    public static readonly DiagnosticDescriptor SessionSchemaNotShipped = new(
        id: "SESS042",
        title: "Session schema differs from the shipped schema",
        messageFormat: "The session schema of '{0}' is not the shipped one ({1}): ship it to SessionSchema.Shipped.txt when you release",
        category: SchemaCategory,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "The class's keys changed in ways live sessions survive (a new key, a widened integer, a nullable type, a new " +
            "nullable JSON member), or the class is not listed yet. Its code fix writes the current schema into " +
            "SessionSchema.Shipped.txt, so that the next build compares with what this release stores.",
        helpLinkUri: HelpLinkBase + "SESS042.md");
}
