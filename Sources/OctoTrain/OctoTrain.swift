// OctoTrain — see Docs/Architecture.md for what this layer holds.

/// The version of the OctoTrain layer's public API.
public enum OctoTrainInfo { public static let name = "OctoTrain" }
