// OctoTokenizer — see Docs/Architecture.md for what this layer holds.

/// The version of the OctoTokenizer layer's public API.
public enum OctoTokenizerInfo { public static let name = "OctoTokenizer" }
