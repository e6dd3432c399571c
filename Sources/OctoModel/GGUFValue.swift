// GGUFValue: one metadata value of a GGUF file (ggml docs/gguf.md, `gguf_metadata_value_type`):
// integers of 8-64 bits, float32/64, bool, string (u64 length + UTF-8), and arrays of one type.

/// A GGUF metadata value.
public indirect enum GGUFValue: Equatable, Sendable {
    case int(Int64)
    case uint(UInt64)
    case float(Double)
    case bool(Bool)
    case string(String)
    case array([GGUFValue])

    /// The value as an Int when it is an integer that fits.
    public var int: Int? {
        switch self {
        case .int(let v): return Int(exactly: v)
        case .uint(let v): return Int(exactly: v)
        default: return nil
        }
    }

    /// The value as a Double when it is a number.
    public var double: Double? {
        switch self {
        case .float(let v): return v
        case .int(let v): return Double(v)
        case .uint(let v): return Double(v)
        default: return nil
        }
    }

    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    public var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var array: [GGUFValue]? { if case .array(let a) = self { return a } else { return nil } }
}
