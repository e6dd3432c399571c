// OctoScript — see Docs/Architecture.md for what this layer holds.

/// The version of the OctoScript layer's public API.
public enum OctoScriptInfo { public static let name = "OctoScript" }
