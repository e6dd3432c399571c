"""Makes the GGUF test fixtures with gguf-py (run from the package root in a venv with
`gguf` and `numpy`):
  quants.gguf        one small tensor per supported type, plus `<name>.expected` (F32): the
                     values gguf-py's numpy dequantisation gives. K-quant blocks are random
                     bytes with sane f16 scales (gguf-py has no K-quant quantiser).
  tiny-llama.gguf    the weights of ../hf/tiny-llama (F32, q/k permuted as llama.cpp's
                     converter does, no rope scaling) with its tokenizer as tokenizer.ggml.*
                     (model gpt2, pre llama-bpe).
  tiny-qwen2.gguf    ../hf/tiny-qwen2 the same way (arch qwen2, pre qwen2, no permutation).
  spm-vocab.gguf     only tokenizer metadata: ../tokenizers/spm-tok as a SentencePiece vocab
                     (model llama, scores = -id, token types)."""
import json
import numpy as np
import gguf
from gguf import GGUFWriter, GGMLQuantizationType as T
from gguf.quants import quantize, dequantize
from safetensors.numpy import load_file

out = "Tests/Fixtures/gguf/"
rng = np.random.default_rng(7)

def quants():
    w = GGUFWriter(out + "quants.gguf", "llama")
    x = rng.standard_normal((2, 256)).astype(np.float32)
    for t in [T.F32, T.F16, T.BF16, T.Q8_0, T.Q4_0, T.Q4_1]:
        q = quantize(x, t)
        w.add_tensor(t.name.lower(), q, raw_dtype=t)
        w.add_tensor(t.name.lower() + ".expected", dequantize(q, t).astype(np.float32))
    for t, nbytes, dpos in [(T.Q4_K, 144, [0, 2]), (T.Q5_K, 176, [0, 2]), (T.Q6_K, 210, [208])]:
        blocks = rng.integers(0, 256, size=(2, nbytes), dtype=np.uint8)
        for p in dpos:
            blocks[:, p:p + 2] = np.array([0.01 + 0.02 * rng.random()] * 2, dtype=np.float16).view(np.uint8).reshape(2, 2)
        w.add_tensor(t.name.lower(), blocks, raw_dtype=t)
        w.add_tensor(t.name.lower() + ".expected", dequantize(blocks, t).reshape(2, 256).astype(np.float32))
    w.write_header_to_file(); w.write_kv_data_to_file(); w.write_tensors_to_file(); w.close()

def permute(weights, n_head, n_head_kv):
    # llama.cpp convert_hf_to_gguf.py LlamaModel.permute
    if n_head_kv is not None and n_head != n_head_kv:
        n_head = n_head_kv
    return (weights.reshape(n_head, 2, weights.shape[0] // n_head // 2, *weights.shape[1:])
            .swapaxes(1, 2).reshape(weights.shape))

def tokenizer_meta(w, folder, pre):
    tj = json.load(open(folder + "/tokenizer.json"))
    vocab = dict(tj["model"]["vocab"])
    for a in tj["added_tokens"]: vocab[a["content"]] = a["id"]
    n = max(vocab.values()) + 1
    tokens = [""] * n
    for t, i in vocab.items(): tokens[i] = t
    types = [1] * n
    for a in tj["added_tokens"]: types[a["id"]] = 3 if a["special"] else 4
    merges = [m if isinstance(m, str) else " ".join(m) for m in tj["model"]["merges"]]
    w.add_tokenizer_model("gpt2"); w.add_tokenizer_pre(pre)
    w.add_token_list(tokens); w.add_token_types(types); w.add_token_merges(merges)
    cfg = json.load(open(folder + "/config.json"))
    if cfg.get("bos_token_id") is not None: w.add_bos_token_id(cfg["bos_token_id"])
    eos = cfg["eos_token_id"]; w.add_eos_token_id(eos[0] if isinstance(eos, list) else eos)
    w.add_add_bos_token(pre == "llama-bpe")

def model(name, arch, pre):
    folder = "Tests/Fixtures/hf/" + name
    cfg = json.load(open(folder + "/config.json"))
    st = load_file(folder + "/model.safetensors")
    w = GGUFWriter(out + name + ".gguf", arch)
    heads, kv = cfg["num_attention_heads"], cfg["num_key_value_heads"]
    w.add_context_length(cfg["max_position_embeddings"]); w.add_embedding_length(cfg["hidden_size"])
    w.add_block_count(cfg["num_hidden_layers"]); w.add_feed_forward_length(cfg["intermediate_size"])
    w.add_head_count(heads); w.add_head_count_kv(kv)
    w.add_layer_norm_rms_eps(cfg["rms_norm_eps"]); w.add_rope_freq_base(cfg["rope_theta"])
    w.add_rope_dimension_count(cfg.get("head_dim", cfg["hidden_size"] // heads))
    w.add_file_type(0)
    tokenizer_meta(w, folder, pre)
    names = {"model.embed_tokens.weight": "token_embd.weight", "model.norm.weight": "output_norm.weight",
             "lm_head.weight": "output.weight"}
    sub = {"input_layernorm": "attn_norm", "post_attention_layernorm": "ffn_norm", "self_attn.q_proj": "attn_q",
           "self_attn.k_proj": "attn_k", "self_attn.v_proj": "attn_v", "self_attn.o_proj": "attn_output",
           "mlp.gate_proj": "ffn_gate", "mlp.up_proj": "ffn_up", "mlp.down_proj": "ffn_down"}
    for hf, x in sorted(st.items()):
        x = x.astype(np.float32)
        if hf in names: g = names[hf]
        else:
            parts = hf.split(".")
            layer, rest = parts[2], ".".join(parts[3:-1])
            g = f"blk.{layer}.{sub[rest]}.{parts[-1]}"
        if arch == "llama" and ".attn_q." in g: x = permute(x, heads, heads)
        if arch == "llama" and ".attn_k." in g: x = permute(x, heads, kv)
        w.add_tensor(g, x)
    w.write_header_to_file(); w.write_kv_data_to_file(); w.write_tensors_to_file(); w.close()

def spm_vocab():
    tj = json.load(open("Tests/Fixtures/tokenizers/spm-tok/tokenizer.json"))
    vocab = tj["model"]["vocab"]
    tokens = [t for t, _ in sorted(vocab.items(), key=lambda kv: kv[1])]
    types = [2 if t == "<unk>" else 3 if t in ("<s>", "</s>") else 6 if t.startswith("<0x") else 1 for t in tokens]
    scores = [0.0 if ty != 1 else -float(i) for i, ty in enumerate(types)]
    w = GGUFWriter(out + "spm-vocab.gguf", "llama")
    w.add_tokenizer_model("llama"); w.add_token_list(tokens); w.add_token_scores(scores); w.add_token_types(types)
    w.add_bos_token_id(1); w.add_eos_token_id(2); w.add_unk_token_id(0); w.add_add_bos_token(True)
    w.write_header_to_file(); w.write_kv_data_to_file(); w.write_tensors_to_file(); w.close()

quants()
model("tiny-llama", "llama", "llama-bpe")
model("tiny-qwen2", "qwen2", "qwen2")
spm_vocab()
