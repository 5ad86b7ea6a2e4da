namespace ControlPlane.Grains.Abstractions.Specs.Json;

/// <summary>Why a wire spec failed to deserialize; each kind maps to one typed parse error.</summary>
public enum WireFormatErrorKind
{
    /// <summary>The text is not JSON (or nests too deeply).</summary>
    Syntax,

    /// <summary>A value has the wrong JSON type (a string where a number belongs...).</summary>
    UnexpectedJsonType,

    /// <summary>A field the type does not have, where Propolis denies unknown fields.</summary>
    UnknownField,

    /// <summary>A JSON object key given twice, or two component keys that denote the same UUID.</summary>
    DuplicateKey,

    /// <summary>A required field is absent.</summary>
    MissingField,

    /// <summary>An integer outside its wire type's range (u8, u32, u64, PCI device/function...).</summary>
    NumberOutOfRange,

    /// <summary>An enum or union tag that does not exist (in this API version).</summary>
    UnknownVariant,

    /// <summary>A value of the right JSON type that the wire type still rejects (serial number length, zero workers...).</summary>
    InvalidValue,
}
