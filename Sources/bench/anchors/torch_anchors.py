#!/usr/bin/env python3
"""PyTorch / transformers anchors for `bench`, measured on this machine in the same run.

Usage: torch_anchors.py decode|train   (run by bench with the venv of `make bench-anchors`)
Prints one JSON object on its last line. Shapes, batches and timing rules mirror
Sources/bench/ModelBench.swift: random HF-initialised models, 2 threads, best of N after a
warm-up; decode rates exclude the prompt (time(1 + N new tokens) - time(1 new token)).
"""
import json
import sys

import torch

from timing import best
from transformers import LlamaConfig, LlamaForCausalLM, Qwen2Config, Qwen2ForCausalLM

torch.manual_seed(0)
torch.set_num_threads(2)

BENCH_S = dict(vocab_size=2048, hidden_size=256, num_hidden_layers=4, num_attention_heads=8,
               num_key_value_heads=4, intermediate_size=688, max_position_embeddings=4096)
BENCH_M = dict(vocab_size=8192, hidden_size=512, num_hidden_layers=8, num_attention_heads=8,
               num_key_value_heads=4, intermediate_size=1376, max_position_embeddings=4096)
QWEN05 = dict(vocab_size=151936, hidden_size=896, num_hidden_layers=24, num_attention_heads=14,
              num_key_value_heads=2, intermediate_size=4864, tie_word_embeddings=True,
              max_position_embeddings=32768)


def llama(spec, attn):
    cfg = LlamaConfig(**spec, attn_implementation=attn)
    return LlamaForCausalLM(cfg).float()


def train_rate(spec, seq, batch, attn, reps=2):
    model = llama(spec, attn)
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    ids = torch.tensor([[(b * 131 + t * 17) % spec["vocab_size"] for t in range(seq)] for b in range(batch)])

    def step():
        opt.zero_grad(set_to_none=True)
        loss = model(input_ids=ids, labels=ids).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    return batch * seq / best(step, reps)


def decode_rate(model, batch, prompt_len, new_tokens, vocab, reps):
    model.eval()
    ids = torch.tensor([[(b * 31 + t * 7) % vocab for t in range(prompt_len)] for b in range(batch)])
    mask = torch.ones_like(ids)

    def gen(n):
        with torch.inference_mode():
            model.generate(input_ids=ids, attention_mask=mask, max_new_tokens=n, min_new_tokens=n,
                           do_sample=False, pad_token_id=0, eos_token_id=None)

    full = best(lambda: gen(new_tokens + 1), reps)
    prefill = best(lambda: gen(1), reps)
    return batch * new_tokens / max(full - prefill, 1e-9)


def main():
    group = sys.argv[1] if len(sys.argv) > 1 else "decode"
    out = {"torch": torch.__version__, "threads": torch.get_num_threads()}
    if group == "decode":
        s = llama(BENCH_S, "sdpa")
        out["hf_generate_s_b1"] = decode_rate(s, 1, 32, 128, 2048, 2)
        out["hf_generate_s_b16"] = decode_rate(s, 16, 32, 128, 2048, 2)
        del s
        q = Qwen2ForCausalLM(Qwen2Config(**QWEN05, attn_implementation="sdpa")).float()
        out["hf_generate_qwen05_b1"] = decode_rate(q, 1, 32, 32, 151936, 1)
    elif group == "train":
        for name, spec, seq, batch in [("s", BENCH_S, 256, 16), ("m", BENCH_M, 512, 8)]:
            for attn in ("eager", "sdpa"):
                out[f"train_{name}_{attn}"] = train_rate(spec, seq, batch, attn)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
