"""Makes pretokenizer_cases.json: pieces HF `tokenizers` gives for each pre-tokenizer and
normalizer configuration below (run from the package root in a venv with `tokenizers`)."""
import json
from tokenizers import pre_tokenizers as P, normalizers as N, Regex

texts = ["Hello, world! 12345 and 6.7", "  two  spaces  ", "x=1+22-333", "don't STOP'S we'LL",
         "tab\tnew\nline\r\n end", "▁already ▁there", "日本語 ① ½ ٣", "a--b--c", "--ab--", "", " "]
pre = {
    "gpt2_bytelevel": P.ByteLevel(add_prefix_space=False, use_regex=True),
    "gpt2_bytelevel_prefix": P.ByteLevel(add_prefix_space=True, use_regex=True),
    "digits_individual": P.Digits(individual_digits=True),
    "digits_runs": P.Digits(individual_digits=False),
    "metaspace_always": P.Metaspace(replacement="▁", prepend_scheme="always", split=True),
    "metaspace_first_nosplit": P.Metaspace(replacement="▁", prepend_scheme="first", split=False),
    "metaspace_never": P.Metaspace(replacement="▁", prepend_scheme="never", split=True),
    "whitespace_split": P.WhitespaceSplit(),
    "seq_digits_bytelevel": P.Sequence([P.Digits(individual_digits=True), P.ByteLevel(add_prefix_space=False, use_regex=True)]),
}
for b in ["removed", "isolated", "merged_with_previous", "merged_with_next", "contiguous"]:
    for inv in [False, True]:
        pre[f"split_regex_{b}{'_invert' if inv else ''}"] = P.Split(Regex(r"-+|\d"), behavior=b, invert=inv)
    pre[f"split_string_{b}"] = P.Split("-", behavior=b)
norm = {"lowercase": N.Lowercase(), "nfkc": N.NFKC(), "replace_regex": N.Replace(Regex(r"\s+"), " "),
        "prepend_replace": N.Sequence([N.Prepend("▁"), N.Replace(" ", "▁")]),
        "nfkc_lower": N.Sequence([N.NFKC(), N.Lowercase()])}
out = {"pre_tokenizers": [], "normalizers": []}
for name, p in pre.items():
    spec = json.loads(P.Sequence([p]).__getstate__())["pretokenizers"][0] if False else None
    import tokenizers
    t = tokenizers.Tokenizer(tokenizers.models.BPE())
    t.pre_tokenizer = p
    spec = json.loads(t.to_str())["pre_tokenizer"]
    out["pre_tokenizers"].append({"name": name, "json": spec,
        "cases": [{"text": s, "pieces": [x for x, _ in p.pre_tokenize_str(s)]} for s in texts]})
for name, n in norm.items():
    t = tokenizers.Tokenizer(tokenizers.models.BPE())
    t.normalizer = n
    out["normalizers"].append({"name": name, "json": json.loads(t.to_str())["normalizer"],
        "cases": [{"text": s, "normalized": n.normalize_str(s)} for s in texts + ["ΣΑΣ ǅ İ Straße ﬁ"]]})
json.dump(out, open("Tests/Fixtures/tokenizers/pretokenizer_cases.json", "w"), ensure_ascii=False, indent=1)
