// placeholder; replaced by the tensor engine
public enum OctoTensorInfo { public static let name = "OctoTensor" }
