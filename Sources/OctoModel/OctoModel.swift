// OctoModel — see Docs/Architecture.md for what this layer holds.

/// The version of the OctoModel layer's public API.
public enum OctoModelInfo { public static let name = "OctoModel" }
