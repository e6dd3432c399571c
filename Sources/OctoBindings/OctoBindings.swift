// OctoBindings — see Docs/Architecture.md for what this layer holds.

/// The version of the OctoBindings layer's public API.
public enum OctoBindingsInfo { public static let name = "OctoBindings" }
