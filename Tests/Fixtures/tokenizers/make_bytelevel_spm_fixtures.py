"""Makes the gpt2-tok and spm-tok fixtures with HF `tokenizers` (run from the package root
with a venv that has `tokenizers`): a GPT-2-style byte-level BPE (ByteLevel use_regex,
Digits, NFKC+Lowercase... see below) and a SentencePiece-style BPE (Metaspace, byte_fallback,
the Llama-2 decoder chain), each trained on hf-trained/corpus.txt, plus the (text, ids) cases
FixtureParityTests checks. The case texts are the qwen2-tok ones plus extra edge cases."""
import json, sys
from tokenizers import Tokenizer, models, pre_tokenizers, decoders, normalizers, processors, trainers, Regex

root = "Tests/Fixtures/tokenizers/"
corpus = open(root + "hf-trained/corpus.txt", encoding="utf-8").read().splitlines()
texts = [c["text"] for c in json.load(open(root + "qwen2-tok/tokenizer_cases.json"))["cases"]]
texts += ["Hello world", " leading space", "trailing space ", "  two  spaces  ", "x=12345+678",
          "don't you've I'LL we'd", "Ünïcödé ｆｕｌｌ ｗｉｄｔｈ ＡＢＣ ①②③ ﬁ", "tab\tand\nnewline\r\n",
          "日本語のテキスト", "emoji 😀 and 🚀!", "a<s>b</s>c", "<|endoftext|>x", "CamelCaseWord", "x" * 70,
          "mixed: αβγ δ 3.14159", "   ", "\n\n\n", "end."]

def gpt2_style():
    tok = Tokenizer(models.BPE())
    tok.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Replace("``", "\""), normalizers.Lowercase()])
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(r"[0-9]{4,}"), behavior="isolated"),
        pre_tokenizers.Digits(individual_digits=False),
        pre_tokenizers.ByteLevel(add_prefix_space=True, use_regex=True)])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=700, special_tokens=["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(corpus, trainer)
    tok.post_processor = processors.TemplateProcessing(single="$A <|endoftext|>", pair="$A $B",
        special_tokens=[("<|endoftext|>", tok.token_to_id("<|endoftext|>"))])
    return tok, None, "<|endoftext|>"

def spm_style():
    tok = Tokenizer(models.BPE(byte_fallback=True, unk_token="<unk>", fuse_unk=True))
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=False)
    tok.decoder = decoders.Sequence([decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse(),
                                     decoders.Strip(content=" ", left=1, right=0)])
    trainer = trainers.BpeTrainer(vocab_size=700, special_tokens=["<unk>", "<s>", "</s>"])
    tok.train_from_iterator(corpus, trainer)
    # The Llama-2 layout: <unk> <s> </s>, then the 256 byte tokens <0x00>..<0xFF> as plain
    # vocab entries (not added tokens), then the trained vocab.
    spec = json.loads(tok.to_str())
    old = spec["model"]["vocab"]
    vocab = {"<unk>": 0, "<s>": 1, "</s>": 2}
    for b in range(256): vocab[f"<0x{b:02X}>"] = 3 + b
    for t, i in sorted(old.items(), key=lambda kv: kv[1]):
        if t not in vocab: vocab[t] = len(vocab)
    spec["model"]["vocab"] = vocab
    for a in spec["added_tokens"]: a["id"] = vocab[a["content"]]
    tok = Tokenizer.from_str(json.dumps(spec))
    tok.post_processor = processors.TemplateProcessing(single="<s> $A", pair="<s> $A <s> $B",
        special_tokens=[("<s>", tok.token_to_id("<s>"))])
    return tok, "<s>", "</s>"

def spm_legacy():
    """The same model with the older Llama-2/TinyLlama layout: Prepend+Replace normalizers, no
    pre-tokenizer, and a ByteFallback + Metaspace decoder."""
    tok, bos, eos = spm_style()
    tok.normalizer = normalizers.Sequence([normalizers.Prepend("▁"), normalizers.Replace(" ", "▁")])
    spec = json.loads(tok.to_str())
    spec["pre_tokenizer"] = None
    tok = Tokenizer.from_str(json.dumps(spec))
    tok.decoder = decoders.Sequence([decoders.ByteFallback(), decoders.Metaspace(replacement="▁", prepend_scheme="always")])
    return tok, bos, eos

def write(name, made, extra_texts):
    tok, bos, eos = made
    folder = root + name + "/"
    tok.save(folder + "tokenizer.json")
    cfg = {"bos_token": bos, "eos_token": eos, "tokenizer_class": "PreTrainedTokenizerFast"}
    json.dump(cfg, open(folder + "tokenizer_config.json", "w"), indent=2)
    specials = {t.content: i for i, t in tok.get_added_tokens_decoder().items() if t.special}
    cases, singles = [], []
    for text in texts + extra_texts:
        ids = tok.encode(text).ids
        ids_ns = tok.encode(text, add_special_tokens=False).ids
        cases.append({"text": text, "ids": ids, "tokens": [tok.id_to_token(i) for i in ids], "ids_no_special": ids_ns,
                      "decoded": tok.decode(ids, skip_special_tokens=False),
                      "decoded_skip_special": tok.decode(ids, skip_special_tokens=True),
                      "decoded_no_special_ids": tok.decode(ids_ns, skip_special_tokens=False)})
    for text in ["Hello world", "x=12345", "日本", "😀"]:
        ids = tok.encode(text, add_special_tokens=False).ids
        singles.append({"text": text, "ids": ids, "single_token_decodes": [tok.decode([i], skip_special_tokens=False) for i in ids]})
    import tokenizers
    out = {"tokenizer": name, "vocab_size": tok.get_vocab_size(), "special_tokens": specials,
           "notes": f"made by make_bytelevel_spm_fixtures.py with tokenizers {tokenizers.__version__}",
           "cases": cases, "single_token_decodes": singles}
    json.dump(out, open(folder + "tokenizer_cases.json", "w"), ensure_ascii=False, indent=1)

write("gpt2-tok", gpt2_style(), ["Year 2024 had 1234567 users", "``quoted''", "ALL CAPS"])
write("spm-legacy-tok", spm_legacy(), ["<s>Hello</s>", "Hello <s> world", "▁already"])
write("spm-tok", spm_style(), ["<s>Hello</s>", "Hello <s> world", "▁already", "ǅ ꙮ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𓀀"])
