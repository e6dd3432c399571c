// The scripts `export_verl` writes next to the policy: run_verl.sh (the recipe as quoted Hydra
// overrides of verl's own `ppo_trainer`), make_parquet.py, and reward.py, verl's
// `custom_reward_function` that grades with octorepl's grader (`octorepl grade`, batched).
import Foundation

enum VerlScripts {
    /// Stands for the export folder in paths; the shell expands it in run_verl.sh (which `cd`s
    /// there first) and the YAML writes it as `./`.
    static let exportDir = "$PWD"

    static func yamlHeader(algorithm: RLAlgorithm) -> String {
        """
        # verl (0.9.1) recipe exported by octorepl (\(algorithm.rawValue)). It inherits verl's own
        # ppo_trainer config (defaults below) and sets only the recipe's keys. From this folder:
        #   python3 make_parquet.py
        #   python3 -m verl.trainer.main_ppo --config-path="$PWD" --config-name=\(VerlExport.configName) trainer.n_gpus_per_node=8
        # or: bash run_verl.sh trainer.n_gpus_per_node=8 (the same keys as overrides). See Docs/ScaleOut.md.

        """
    }

    /// run_verl.sh: one override per line, each a single shell word.
    static func runScript(overrides: [String]) -> String {
        "#!/usr/bin/env bash\n"
            + "# The exported recipe as Hydra overrides of verl's own ppo_trainer config (verl 0.9.1).\n"
            + "# Further arguments are further overrides: bash run_verl.sh trainer.n_gpus_per_node=8 trainer.nnodes=1\n"
            + "set -euo pipefail\ncd \"$(dirname \"$0\")\"\n"
            + "[ -f train.parquet ] || python3 make_parquet.py\n"
            + "python3 -m verl.trainer.main_ppo \\\n"
            + overrides.map { "    \($0) \\\n" }.joined() + "    \"$@\"\n"
    }

    static let makeParquet = """
        # Converts train.jsonl into the parquet file verl's RLHFDataset reads (needs pandas + pyarrow).
        import os
        import pandas as pd

        here = os.path.dirname(os.path.abspath(__file__))
        frame = pd.read_json(os.path.join(here, "train.jsonl"), lines=True, dtype=False)
        frame.to_parquet(os.path.join(here, "train.parquet"))
        print(f"wrote train.parquet ({len(frame)} rows)")

        """

    static let rewardScript = #"""
        # verl custom_reward_function exported by octorepl: grades like octorepl by running
        # `octorepl grade` (OctoEval's grader) on batches of responses, and maps the verdict
        # through the run's reward values (reward.json). Keys, as exported:
        #   reward.custom_reward_function.path=$PWD/reward.py
        #   reward.custom_reward_function.name=compute_score
        # compute_score is async (verl's reward loop awaits it; concurrent calls share one grader run);
        # name=compute_score_sync for callers that do not await (verl.trainer.main_eval).
        # The octorepl executable: $OCTOREPL_BIN, else reward.json's "octorepl", else `octorepl` on PATH.
        # With "grader": "math-verify" in reward.json, Math-Verify grades instead (pip install math-verify).
        import asyncio
        import json
        import os
        import shutil
        import subprocess
        import tempfile

        HERE = os.path.dirname(os.path.abspath(__file__))
        BATCH_WAIT_S = float(os.environ.get("OCTOREPL_REWARD_WAIT", "0.05"))
        BATCH_MAX = int(os.environ.get("OCTOREPL_REWARD_BATCH", "512"))


        def settings():
            path = os.path.join(HERE, "reward.json")
            with open(path) as f:
                return json.load(f)


        def octorepl_binary(cfg):
            for candidate in (os.environ.get("OCTOREPL_BIN"), cfg.get("octorepl"), "octorepl"):
                if candidate and (os.path.isfile(candidate) or shutil.which(candidate)):
                    return candidate
            raise FileNotFoundError("reward.py: no octorepl executable (set OCTOREPL_BIN, or reward.json's \"octorepl\")")


        def grade_octorepl(cfg, golds, responses, styles):
            """One `octorepl grade` run over the batch; returns [(pred or None, correct)]."""
            with tempfile.TemporaryDirectory(prefix="octorepl-reward-") as tmp:
                src, dst = os.path.join(tmp, "in.jsonl"), os.path.join(tmp, "out.jsonl")
                with open(src, "w") as f:
                    for i, (g, r, s) in enumerate(zip(golds, responses, styles)):
                        f.write(json.dumps({"id": i, "gold": str(g), "response": r, "style": s}) + "\n")
                run = subprocess.run([octorepl_binary(cfg), "grade", "--in", src, "--out", dst,
                                      "--style", cfg.get("style", "math")], capture_output=True, text=True)
                if run.returncode != 0:
                    raise RuntimeError(f"octorepl grade failed ({run.returncode}): {run.stderr.strip()}")
                results = [(None, False)] * len(golds)
                with open(dst) as f:
                    for line in f:
                        row = json.loads(line)
                        results[int(row["id"])] = (row.get("pred"), bool(row.get("correct")))
                return results


        def grade_math_verify(golds, responses):
            from math_verify import parse, verify
            out = []
            for g, r in zip(golds, responses):
                g = str(g).strip()
                gold = parse(g if g.startswith("$") and g.endswith("$") else "$" + g + "$")
                pred = parse(r)
                out.append((str(pred[-1]) if pred else None, bool(pred) and bool(verify(gold, pred))))
            return out


        def score(cfg, verdict, response):
            pred, correct = verdict
            value = cfg.get("correct", 1.0) if correct else (cfg.get("wrong", 0.0) if pred is not None else cfg.get("no_answer", 0.0))
            if cfg.get("format", 0.0) and "\\boxed{" in response:
                value += cfg["format"]
            return float(value)


        def compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos=None, **kwargs):
            """Scores a whole batch with one grader run (lists in, list of floats out)."""
            cfg = settings()
            extras = extra_infos or [None] * len(solution_strs)
            styles = [(e or {}).get("style") or cfg.get("style", "math") for e in extras]
            if cfg.get("grader") == "math-verify":
                verdicts = grade_math_verify(ground_truths, solution_strs)
            else:
                verdicts = grade_octorepl(cfg, ground_truths, solution_strs, styles)
            return [score(cfg, v, r) for v, r in zip(verdicts, solution_strs)]


        class _Batcher:
            """Collects the concurrent per-response calls of verl's reward loop into batches."""

            def __init__(self):
                self.pending = []
                self.timer = None

            def add(self, item):
                loop = asyncio.get_running_loop()
                future = loop.create_future()
                self.pending.append((item, future))
                if len(self.pending) >= BATCH_MAX:
                    self.flush()
                elif self.timer is None:
                    self.timer = loop.call_later(BATCH_WAIT_S, self.flush)
                return future

            def flush(self):
                if self.timer is not None:
                    self.timer.cancel()
                    self.timer = None
                batch, self.pending = self.pending, []
                if batch:
                    asyncio.get_running_loop().create_task(self._run(batch))

            async def _run(self, batch):
                items = [item for item, _ in batch]
                try:
                    scores = await asyncio.get_running_loop().run_in_executor(
                        None, lambda: compute_score_batch(*map(list, zip(*items))))
                    for (_, future), s in zip(batch, scores):
                        future.set_result(s)
                except Exception as error:  # every waiting call sees the grader's failure
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(error)


        def compute_score_sync(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
            """The same reward for callers that do not await (verl.trainer.main_eval, legacy reward managers)."""
            return compute_score_batch([data_source], [solution_str], [ground_truth], [extra_info])[0]


        _batchers = {}


        async def compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
            """verl's custom_reward_function: one response's reward, graded in batches."""
            loop = asyncio.get_running_loop()
            batcher = _batchers.setdefault(id(loop), _Batcher())
            return await batcher.add((data_source, solution_str, ground_truth, extra_info))

        """#
}
