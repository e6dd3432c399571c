// OctoTerm — see Docs/Architecture.md for what this layer holds.

/// The version of the OctoTerm layer's public API.
public enum OctoTermInfo { public static let name = "OctoTerm" }
