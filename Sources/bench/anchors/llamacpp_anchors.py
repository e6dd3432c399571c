#!/usr/bin/env python3
"""llama.cpp anchors for `bench decode`, measured on this machine in the same run.

Usage: llamacpp_anchors.py   (run by bench with the venv of `make bench-anchors LLAMA=1`,
which compiles llama-cpp-python for this CPU and installs gguf)
Prints one JSON object on its last line: batch-1 decode tokens/s of the BENCH-S shape and of
the Qwen2.5-0.5B shape, fp32 GGUF, 2 threads. The shapes mirror Sources/bench/ModelBench.swift
(tied embeddings, as there); the weights are random (speed does not depend on their values),
written with gguf-py into a temporary directory. The timing rule is bench's: the best of N
runs of (reset, prompt of 32 tokens, 1 + N greedy tokens) minus the best of (prompt, 1 token),
so the prompt is not counted. Each new token is an argmax over the last logits followed by one
`Llama.eval` of that token: llama-cpp-python's own generate loop without its sampler.
"""
import json
import os
import sys
import tempfile

import numpy as np
import gguf
import llama_cpp
from llama_cpp import Llama

from timing import best

BENCH_S = dict(arch="llama", vocab=2048, hidden=256, layers=4, heads=8, kv_heads=4, ffn=688,
               ctx=4096, eps=1e-5, theta=500000.0, bias=False)
QWEN05 = dict(arch="qwen2", vocab=151936, hidden=896, layers=24, heads=14, kv_heads=2, ffn=4864,
              ctx=32768, eps=1e-6, theta=1000000.0, bias=True)


def write_gguf(path, s, seed):
    rng = np.random.default_rng(seed)
    w = gguf.GGUFWriter(path, s["arch"])
    w.add_context_length(s["ctx"])
    w.add_embedding_length(s["hidden"])
    w.add_block_count(s["layers"])
    w.add_feed_forward_length(s["ffn"])
    w.add_head_count(s["heads"])
    w.add_head_count_kv(s["kv_heads"])
    w.add_layer_norm_rms_eps(s["eps"])
    w.add_rope_freq_base(s["theta"])
    w.add_file_type(gguf.LlamaFileType.ALL_F32)
    # A vocabulary llama.cpp accepts (SentencePiece-style names); bench feeds token ids only.
    w.add_tokenizer_model("llama")
    w.add_token_list([f"<t{i}>" for i in range(s["vocab"])])
    w.add_token_scores([0.0] * s["vocab"])
    w.add_token_types([gguf.TokenType.NORMAL] * s["vocab"])
    w.add_bos_token_id(1)
    w.add_eos_token_id(2)

    c, f, d = s["hidden"], s["ffn"], s["hidden"] // s["heads"]
    kv = s["kv_heads"] * d

    def t(name, *shape):
        w.add_tensor(name, (rng.standard_normal(shape, dtype=np.float32) * 0.02).astype(np.float32))

    def ones(name, n):
        w.add_tensor(name, np.ones(n, dtype=np.float32))

    t("token_embd.weight", s["vocab"], c)
    ones("output_norm.weight", c)
    for i in range(s["layers"]):
        p = f"blk.{i}."
        ones(p + "attn_norm.weight", c)
        t(p + "attn_q.weight", c, c)
        t(p + "attn_k.weight", kv, c)
        t(p + "attn_v.weight", kv, c)
        if s["bias"]:
            t(p + "attn_q.bias", c)
            t(p + "attn_k.bias", kv)
            t(p + "attn_v.bias", kv)
        t(p + "attn_output.weight", c, c)
        ones(p + "ffn_norm.weight", c)
        t(p + "ffn_gate.weight", f, c)
        t(p + "ffn_up.weight", f, c)
        t(p + "ffn_down.weight", c, f)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def decode_rate(path, vocab, new_tokens, reps):
    llm = Llama(model_path=path, n_ctx=256, n_batch=64, n_threads=2, n_threads_batch=2,
                verbose=False, use_mmap=True)
    prompt = [(t * 7) % vocab for t in range(32)]

    def last_logits():
        # The one output row a batch asks for (its last token); llama-cpp-python keeps no copy
        # unless logits_all.
        return np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(vocab,))

    def gen(n):
        llm.reset()
        llm.eval(prompt)
        for _ in range(n):
            llm.eval([int(np.argmax(last_logits()))])

    # gen(n) evaluates n tokens after the prompt: the first pick plus n - 1 further ones, and
    # one more whose logits are not read, the same count of forward passes as bench's
    # generate(maxTokens: n) (prompt + n - 1 single-token passes) plus one.
    full = best(lambda: gen(new_tokens + 1), reps)
    prefill = best(lambda: gen(1), reps)
    return new_tokens / max(full - prefill, 1e-9)


def main():
    out = {"llama_cpp": llama_cpp.__version__, "threads": 2}
    with tempfile.TemporaryDirectory() as tmp:
        for key, spec, new, reps in [("llamacpp_s_b1", BENCH_S, 128, 10), ("llamacpp_qwen05_b1", QWEN05, 32, 2)]:
            path = os.path.join(tmp, key + ".gguf")
            write_gguf(path, spec, 0)
            out[key] = decode_rate(path, spec["vocab"], new, reps)
            os.remove(path)
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
