// OctoData — corpora, packing, mixtures, benchmark loaders and the synthetic math lab
// (Docs/DataLab.md).

/// The version of the OctoData layer's public API.
public enum OctoDataInfo { public static let name = "OctoData" }
