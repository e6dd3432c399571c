// The two decoder families octorepl implements.

/// Which Hugging Face family a decoder follows; Qwen2 differs from Llama by its q/k/v biases
/// (and the defaults of a new config).
public enum ModelFamily: String, CaseIterable, Sendable, Codable {
    case llama, qwen2

    /// The `architectures` entry transformers writes for this family.
    public var architecture: String { self == .llama ? "LlamaForCausalLM" : "Qwen2ForCausalLM" }
}
