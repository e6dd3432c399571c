// OctoEval — see Docs/Architecture.md for what this layer holds.

/// The version of the OctoEval layer's public API.
public enum OctoEvalInfo { public static let name = "OctoEval" }
