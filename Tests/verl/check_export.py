"""Checks an `export_verl` folder against verl itself (run with a venv that has verl installed).

    python3 Tests/verl/check_export.py EXPORT_DIR --octorepl PATH/TO/octorepl \
        [--cases Tests/Fixtures/grader/cases.jsonl] [--expect KEY=VALUE ...]

1. run_verl.sh: its overrides, split the way bash splits them (shlex, $PWD = the folder), are
   composed with Hydra's compose API onto verl's own `ppo_trainer` config, and the composed
   config passes verl's `validate_config` (what main_ppo checks before it starts workers).
2. octorepl_trainer.yaml: composed as a primary config (its defaults inherit verl's
   ppo_trainer through hydra.searchpath) and compared key by key with (1).
3. train.parquet (made by make_parquet.py) loads through verl's RLHFDataset with the
   exported tokenizer, and every row tokenizes.
4. reward.py, loaded the way verl loads a custom_reward_function, scores the grader fixture
   cases like `octorepl grade` (batch and the async per-response entry point).
--expect KEY=VALUE asserts a composed value (compared as YAML scalars).
Prints one line per check; exit status 0 when all pass, 1 otherwise.
"""
import argparse
import asyncio
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

import yaml


def fail(msg):
    print(f"FAIL {msg}")
    sys.exit(1)


def overrides_from_script(folder):
    """The override words of run_verl.sh's main_ppo command, as bash passes them."""
    text = open(os.path.join(folder, "run_verl.sh")).read()
    start = text.index("python3 -m verl.trainer.main_ppo")
    command = text[start:].replace("\\\n", " ")
    words = shlex.split(command.replace("$PWD", "\0PWD\0"), posix=True)
    words = [w.replace("\0PWD\0", folder) for w in words]
    assert words[:3] == ["python3", "-m", "verl.trainer.main_ppo"], words[:3]
    words = words[3:]
    if words and words[-1] == "$@":
        words = words[:-1]
    for w in words:
        if "=" not in w or " " in w.split("=", 1)[0]:
            fail(f"run_verl.sh: '{w}' is not one key=value word")
    return words


def compose(config_dir, name, overrides):
    from hydra import compose as hydra_compose, initialize_config_dir
    from hydra.core.global_hydra import GlobalHydra
    GlobalHydra.instance().clear()
    with initialize_config_dir(config_dir=config_dir, version_base=None):
        return hydra_compose(config_name=name, overrides=overrides)


def validate(cfg):
    from omegaconf import OmegaConf
    from verl.trainer.ppo.utils import need_critic, need_reference_policy
    from verl.utils.config import validate_config
    OmegaConf.resolve(cfg)
    validate_config(cfg, use_reference_policy=need_reference_policy(cfg), use_critic=need_critic(cfg))


def check_config(folder, expects):
    import verl.trainer.config as verl_config
    from omegaconf import OmegaConf
    verl_dir = os.path.dirname(verl_config.__file__)
    words = overrides_from_script(folder)
    by_overrides = compose(verl_dir, "ppo_trainer", words)
    missing = [k for k in ("critic", "reward", "trainer.n_gpus_per_node", "actor_rollout_ref.rollout.name")
               if OmegaConf.select(by_overrides, k) is None]
    if missing:
        fail(f"run_verl.sh config lacks {missing}")
    validate(by_overrides)
    print(f"ok   run_verl.sh: {len(words)} overrides compose onto verl's ppo_trainer and pass validate_config")

    os.chdir(folder)  # the YAML's paths are relative to the export folder
    by_yaml = compose(folder, "octorepl_trainer", [])
    validate(by_yaml)
    differing = []
    for w in words:
        key = w.split("=", 1)[0]
        a, b = OmegaConf.select(by_overrides, key), OmegaConf.select(by_yaml, key)
        if isinstance(a, str) and a.startswith(folder + "/"):
            a = "./" + a[len(folder) + 1:]
        if OmegaConf.is_config(a):
            a, b = OmegaConf.to_container(a), OmegaConf.to_container(b)
        if a != b:
            differing.append(f"{key}: {a!r} vs {b!r}")
    if differing:
        fail("octorepl_trainer.yaml and run_verl.sh differ: " + "; ".join(differing))
    print("ok   octorepl_trainer.yaml: inherits verl's ppo_trainer, passes validate_config, same values as run_verl.sh")

    # The real command line: bash run_verl.sh --cfg job makes verl's main_ppo (its @hydra.main)
    # parse the script's words and print the composed config, then exit before Ray starts.
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    for label, command in (("bash run_verl.sh", ["bash", "run_verl.sh", "--cfg", "job"]),
                           ("main_ppo --config-name=octorepl_trainer",
                            [sys.executable, "-m", "verl.trainer.main_ppo", f"--config-path={folder}",
                             "--config-name=octorepl_trainer", "--cfg", "job"])):
        run = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True)
        if run.returncode != 0:
            fail(f"{label} --cfg job: exit {run.returncode}\n{run.stderr[-3000:]}")
        printed = OmegaConf.create(run.stdout[run.stdout.index("actor_rollout_ref:"):] if "actor_rollout_ref:" in run.stdout else "{}")
        for w in words:
            key = w.split("=", 1)[0]
            a, b = OmegaConf.select(by_overrides, key), OmegaConf.select(printed, key)
            if isinstance(a, str) and isinstance(b, str) and a.startswith(folder + "/") and b.startswith("./"):
                b = folder + b[1:]
            if OmegaConf.is_config(a):
                a, b = OmegaConf.to_container(a), OmegaConf.to_container(b)
            if a != b:
                fail(f"{label} --cfg job prints {key}={b!r}, compose gave {a!r}")
    print("ok   verl's main_ppo parses `bash run_verl.sh` and the YAML route (--cfg job) to the same config")

    for e in expects:
        key, want = e.split("=", 1)
        got = OmegaConf.select(by_overrides, key)
        if OmegaConf.is_config(got):
            got = OmegaConf.to_container(got)
        if got != yaml.safe_load(want):
            fail(f"{key} = {got!r}, expected {want}")
    if expects:
        print(f"ok   {len(expects)} expected recipe values")
    return by_overrides


def check_dataset(folder, cfg):
    from transformers import AutoTokenizer
    from verl.utils.dataset.rl_dataset import RLHFDataset
    subprocess.run([sys.executable, os.path.join(folder, "make_parquet.py")], check=True, capture_output=True)
    tokenizer = AutoTokenizer.from_pretrained(os.path.join(folder, "policy"))
    dataset = RLHFDataset(data_files=[os.path.join(folder, "train.parquet")], tokenizer=tokenizer, config=cfg.data)
    rows = sum(1 for _ in open(os.path.join(folder, "train.jsonl")))
    if len(dataset) != rows:
        fail(f"RLHFDataset has {len(dataset)} rows, train.jsonl {rows}")
    first = dataset[0]
    raw = first.get("raw_prompt") or first.get("prompt")
    gold = first["reward_model"]["ground_truth"]
    ids = tokenizer.apply_chat_template(raw, add_generation_prompt=True, tokenize=True)
    if hasattr(ids, "keys"):
        ids = ids["input_ids"]
    if not ids or len(ids) > cfg.data.max_prompt_length:
        fail(f"first prompt tokenizes to {len(ids)} ids (max_prompt_length {cfg.data.max_prompt_length})")
    print(f"ok   train.parquet: {len(dataset)} rows through RLHFDataset; row 0 gold {gold!r}, {len(ids)} prompt ids")


def check_reward(folder, octorepl, cases_path):
    from verl.utils.import_utils import load_extern_object
    os.environ["OCTOREPL_BIN"] = octorepl
    batch_fn = load_extern_object(module_path=os.path.join(folder, "reward.py"), object_name="compute_score_batch")
    single_fn = load_extern_object(module_path=os.path.join(folder, "reward.py"), object_name="compute_score")
    cases = [json.loads(l) for l in open(cases_path) if l.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.jsonl"), os.path.join(tmp, "out.jsonl")
        with open(src, "w") as f:
            for c in cases:
                f.write(json.dumps({"id": c["id"], "gold": c["gold"], "response": c["response"], "style": c["style"]}) + "\n")
        subprocess.run([octorepl, "grade", "--in", src, "--out", dst], check=True, capture_output=True)
        graded = {r["id"]: bool(r["correct"]) for r in map(json.loads, open(dst))}
    cfg = json.load(open(os.path.join(folder, "reward.json")))
    want = [cfg["correct"] if graded[c["id"]] else None for c in cases]
    extras = [{"style": c["style"]} for c in cases]
    scores = batch_fn(["octorepl"] * len(cases), [c["response"] for c in cases], [c["gold"] for c in cases], extras)
    wrong = [c["id"] for c, w, s in zip(cases, want, scores) if (w is not None) != (s == cfg["correct"])]
    if wrong:
        fail(f"reward.py disagrees with octorepl grade on {len(wrong)} cases, e.g. {wrong[:5]}")
    agree = sum((s == cfg["correct"]) == bool(c["expected"]) for c, s in zip(cases, scores))

    async def concurrently(subset):
        return await asyncio.gather(*(single_fn(data_source="octorepl", solution_str=c["response"], ground_truth=c["gold"],
                                                extra_info={"style": c["style"]}) for c in subset))
    subset = cases[:64]
    singles = asyncio.run(concurrently(subset))
    if list(singles) != list(scores[:64]):
        fail("reward.py compute_score (async, batched) differs from compute_score_batch")
    sync_fn = load_extern_object(module_path=os.path.join(folder, "reward.py"), object_name="compute_score_sync")
    for c, want_score in list(zip(cases, scores))[:8]:
        if sync_fn(c["data_source"] if "data_source" in c else "octorepl", c["response"], c["gold"], {"style": c["style"]}) != want_score:
            fail(f"reward.py compute_score_sync differs on {c['id']}")
    mv_line = ""
    try:
        import math_verify  # noqa: F401
    except ImportError:
        mv_line = "; math-verify not installed, its grader option not checked"
    else:
        reward = load_extern_object(module_path=os.path.join(folder, "reward.py"), object_name="grade_math_verify")
        verdicts = reward([c["gold"] for c in cases], [c["response"] for c in cases])
        same = sum(bool(v[1]) == bool(c["expected"]) for v, c in zip(verdicts, cases))
        # The reference verdicts were made with other pinned versions (the fixture README);
        # in verl's venv (antlr4 4.9.3 from hydra-core) one percent case differs.
        if same < 0.99 * len(cases):
            fail(f"reward.py's math-verify grader agrees with the fixture's Math-Verify verdicts on {same}/{len(cases)}")
        mv_line = f"; its math-verify option reproduces {same}/{len(cases)} reference verdicts"
    correct = sum(s == cfg["correct"] for s in scores)
    print(f"ok   reward.py: {len(cases)} fixture cases scored like `octorepl grade` ({correct} correct; "
          f"{agree}/{len(cases)} agree with Math-Verify's reference); async compute_score on {len(subset)} concurrent calls "
          f"and compute_score_sync on 8 match{mv_line}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--octorepl", required=True)
    ap.add_argument("--cases", default=os.path.join(os.path.dirname(__file__), "..", "Fixtures", "grader", "cases.jsonl"))
    ap.add_argument("--expect", action="append", default=[])
    args = ap.parse_args()
    folder = os.path.realpath(args.folder)
    octorepl = os.path.realpath(args.octorepl)
    cases = os.path.realpath(args.cases)
    import verl
    print(f"verl {verl.__version__}: checking {folder}")
    cfg = check_config(folder, args.expect)
    check_dataset(folder, cfg)
    check_reward(folder, octorepl, cases)
    print("all verl checks passed")


if __name__ == "__main__":
    main()
