namespace TypedSession.Generator.Schema;

/// <summary>What a change of a shipped key's encoding does to the sessions that hold the old bytes.</summary>
internal enum EncodingChange
{
    /// <summary>The same encoding: the schema file needs no update.</summary>
    Unchanged,

    /// <summary>The new code reads the old bytes (same bytes, a widening, a nullable member added, or a declared migration).</summary>
    Compatible,

    /// <summary>The new code cannot read what live sessions hold, or reads it without part of its content.</summary>
    Breaking,
}
