// OctoData — see Docs/Architecture.md for what this layer holds.

/// The version of the OctoData layer's public API.
public enum OctoDataInfo { public static let name = "OctoData" }
