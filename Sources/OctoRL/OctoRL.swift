// OctoRL — see Docs/Architecture.md for what this layer holds.

/// The version of the OctoRL layer's public API.
public enum OctoRLInfo { public static let name = "OctoRL" }
