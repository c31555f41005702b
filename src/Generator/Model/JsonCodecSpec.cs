namespace TypedSession.Generator.Model;

/// <summary>
/// The JSON metadata (and, for a plain object, the codec) of one value type through one <c>JsonSerializerContext</c>:
/// the compilation's shared JSON file holds one per distinct pair, however many properties of however many session
/// classes use it. Strings and equatable values only, so that the pipeline can collect them across classes and compare
/// the collected set with the previous run's.
/// </summary>
/// <param name="HolderName">The holder class's name, a function of the type and the context alone (<see cref="Emitter.JsonCodecHolderName"/>).</param>
/// <param name="TypeName">The value type, fully qualified, without nullable reference annotations.</param>
/// <param name="ContextTypeName">The <c>JsonSerializerContext</c>, fully qualified.</param>
/// <param name="TypeInfoPropertyName">The context's <c>JsonTypeInfo&lt;T&gt;</c> property, or null to look the metadata up by type.</param>
/// <param name="ObjectShape">The plain object the generated codec reads and writes, or null when System.Text.Json handles the type alone.</param>
internal sealed record JsonCodecSpec(
    string HolderName,
    string TypeName,
    string ContextTypeName,
    string? TypeInfoPropertyName,
    JsonObjectShapeSpec? ObjectShape);
