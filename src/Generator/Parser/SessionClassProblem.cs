namespace TypedSession.Generator.Parser;

/// <summary>Why the generator emits nothing for a <c>[Session]</c> class, or <see cref="None"/>.</summary>
internal enum SessionClassProblem
{
    /// <summary>The generator serves the class.</summary>
    None,

    /// <summary>The class, or a type containing it, is not <c>partial</c> (SESS001).</summary>
    NotPartial,

    /// <summary>The class declares a base class: the generated part must derive from <c>TypedSessionBase</c>.</summary>
    HasBaseClass,

    /// <summary>A <c>record</c>: records cannot derive from <c>TypedSessionBase</c>.</summary>
    IsRecord,

    /// <summary>A <c>static</c> class: a session class is instantiated per request.</summary>
    IsStatic,

    /// <summary>An <c>abstract</c> class: <c>Create</c> must instantiate it.</summary>
    IsAbstract,

    /// <summary>A <c>file</c>-local class (or nested in one): the generated file cannot name it.</summary>
    IsFileLocal,
}
