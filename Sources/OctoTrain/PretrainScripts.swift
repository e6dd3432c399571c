// The recipe `export_pretrain` writes: train_pretrain.py (self-contained: torch + transformers;
// DDP or FSDP under torchrun) and run_pretrain.sh. The schedule code mirrors Schedule.swift.
import Foundation

enum PretrainScripts {
    static let runScript = """
        #!/usr/bin/env bash
        # Mid-training recipe exported by octorepl: torchrun on transformers (DDP; --fsdp for FSDP).
        # One node: bash run_pretrain.sh [--fsdp] [--steps N]. Several nodes: set NNODES, NODE_RANK,
        # MASTER_ADDR (and NPROC per node). The result is an HF folder in ${OUT:-out}/ that octorepl loads.
        set -euo pipefail
        cd "$(dirname "$0")"
        NPROC="${NPROC:-$(python3 -c 'import torch; print(max(1, torch.cuda.device_count()))')}"
        if [ -n "${NNODES:-}" ]; then
          exec torchrun --nnodes="$NNODES" --node_rank="${NODE_RANK:-0}" --nproc_per_node="$NPROC" \\
            --master_addr="${MASTER_ADDR:?set MASTER_ADDR}" --master_port="${MASTER_PORT:-29500}" \\
            train_pretrain.py --manifest manifest.json --out "${OUT:-out}" "$@"
        fi
        exec torchrun --standalone --nproc_per_node="$NPROC" train_pretrain.py --manifest manifest.json --out "${OUT:-out}" "$@"

        """

    static let trainScript = #"""
        # Continued pre-training (mid-training) of the exported phase, on torch + transformers.
        # Reads manifest.json (mixture weights, token budget, schedule, batch) and data/*.jsonl
        # ({"text": ...} per document), starts from model/ and writes an HF folder to --out.
        # Run under torchrun (run_pretrain.sh); one process without it. --fsdp shards with FSDP.
        import argparse
        import json
        import math
        import os
        import random
        import time

        import torch
        import torch.distributed as dist
        from transformers import AutoModelForCausalLM, AutoTokenizer


        def multiplier(s, step, total):
            """The lr multiplier at 0-based step of total, as octorepl's Schedule."""
            n, x = float(max(total, 1)), float(step)
            ws = round(s["warmup"] * n)
            if ws > 0 and x < ws:
                return (x + 1) / ws

            def decay(p, shape, floor):
                p = min(max(p, 0.0), 1.0)
                f = {"linear": 1 - p, "cosine": 0.5 * (1 + math.cos(math.pi * p)), "1-sqrt": 1 - math.sqrt(p)}[shape]
                return floor + (1 - floor) * f

            if s["type"] == "constant":
                return 1.0
            if s["type"] in ("linear", "cosine"):
                return decay((x - ws) / max(n - ws - 1, 1), s["type"], s["floor"])
            decay_steps = round(s["decay"] * n)
            start = n - decay_steps
            if x < start or decay_steps <= 0:
                return 1.0
            return decay((x - start + 1) / decay_steps, s["shape"], s["floor"])


        def pack(folder, source, tokenizer, eos, seq_len):
            """A source's documents, tokenized, each followed by EOS, cut into seq_len + 1 windows."""
            stream = []
            with open(os.path.join(folder, source["file"])) as f:
                for line in f:
                    if line.strip():
                        stream.extend(tokenizer(json.loads(line)["text"], add_special_tokens=False)["input_ids"])
                        stream.append(eos)
            count = (len(stream) - 1) // seq_len if len(stream) > seq_len else 0
            if count == 0:
                raise SystemExit(f"{source['file']}: fewer than {seq_len + 1} tokens")
            return torch.tensor(stream[: count * seq_len + 1], dtype=torch.long), count


        class Mixture:
            """Draws sequences: a source by weight, then the next sequence of its shuffled order."""

            def __init__(self, packed, weights, seed, seq_len):
                self.packed, self.weights, self.seq_len = packed, weights, seq_len
                self.rng = random.Random(seed)
                self.orders = [[] for _ in packed]

            def draw(self):
                i = self.rng.choices(range(len(self.packed)), weights=self.weights)[0]
                if not self.orders[i]:
                    self.orders[i] = list(range(self.packed[i][1]))
                    self.rng.shuffle(self.orders[i])
                j = self.orders[i].pop()
                return self.packed[i][0][j * self.seq_len: j * self.seq_len + self.seq_len + 1]


        def main():
            ap = argparse.ArgumentParser()
            ap.add_argument("--manifest", default="manifest.json")
            ap.add_argument("--out", default="out")
            ap.add_argument("--steps", type=int, default=None, help="stop after this many steps (default: the phase's end)")
            ap.add_argument("--start-step", type=int, default=None, help="schedule step to start at (default: steps_done)")
            ap.add_argument("--micro-batch", type=int, default=None, help="sequences per forward/backward per process")
            ap.add_argument("--fsdp", action="store_true", help="shard with FSDP instead of DDP")
            ap.add_argument("--dtype", default="float32", choices=["float32", "bfloat16"])
            ap.add_argument("--print-schedule", action="store_true", help="print the lr of every step and exit")
            args = ap.parse_args()
            folder = os.path.dirname(os.path.abspath(args.manifest))
            m = json.load(open(args.manifest))
            total = m["total_steps"]
            if args.print_schedule:
                print(json.dumps([m["peak_lr"] * multiplier(m["schedule"], s, total) for s in range(total)]))
                return

            world = int(os.environ.get("WORLD_SIZE", "1"))
            rank = int(os.environ.get("RANK", "0"))
            local = int(os.environ.get("LOCAL_RANK", "0"))
            cuda = torch.cuda.is_available()
            device = torch.device(f"cuda:{local}" if cuda else "cpu")
            if world > 1:
                dist.init_process_group("nccl" if cuda else "gloo")
            if cuda:
                torch.cuda.set_device(device)
            torch.manual_seed(m["seed"] % (2 ** 63))

            model_dir = os.path.join(folder, m["model"])
            tokenizer = AutoTokenizer.from_pretrained(model_dir)
            dtype = torch.bfloat16 if args.dtype == "bfloat16" else torch.float32
            model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=dtype).to(device)
            seq_len = m["seq_len"]
            packed = [pack(folder, s, tokenizer, m["eos"], seq_len) for s in m["sources"]]
            mixture = Mixture(packed, [s["weight"] for s in m["sources"]], m["seed"] + rank, seq_len)

            no_decay = [p for n, p in model.named_parameters() if n.endswith("norm.weight") or n.endswith(".bias")]
            decay = [p for n, p in model.named_parameters() if not (n.endswith("norm.weight") or n.endswith(".bias"))]
            if world > 1 and args.fsdp:
                from torch.distributed.fsdp import FullyShardedDataParallel as FSDP
                model = FSDP(model, use_orig_params=True)
            elif world > 1:
                model = torch.nn.parallel.DistributedDataParallel(model, device_ids=[local] if cuda else None)
            opt = torch.optim.AdamW([{"params": decay, "weight_decay": m["weight_decay"]}, {"params": no_decay, "weight_decay": 0.0}],
                                    lr=m["peak_lr"], betas=tuple(m["betas"]), eps=1e-8)

            per_rank = max(1, m["sequences_per_step"] // world)
            micro = args.micro_batch or m["micro_batch"]
            start = m["steps_done"] if args.start_step is None else args.start_step
            end = total if args.steps is None else min(total, start + args.steps)
            os.makedirs(args.out, exist_ok=True)
            log = open(os.path.join(args.out, "log.jsonl"), "a") if rank == 0 else None
            model.train()
            for step in range(start, end):
                t0 = time.time()
                lr = m["peak_lr"] * multiplier(m["schedule"], step, total)
                for g in opt.param_groups:
                    g["lr"] = lr
                batch = torch.stack([mixture.draw() for _ in range(per_rank)]).to(device)
                opt.zero_grad(set_to_none=True)
                loss_sum = 0.0
                for i in range(0, per_rank, micro):
                    chunk = batch[i:i + micro]
                    logits = model(input_ids=chunk[:, :-1]).logits.float()
                    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), chunk[:, 1:].reshape(-1))
                    share = chunk.shape[0] / per_rank
                    (loss * share).backward()
                    loss_sum += loss.item() * share
                if hasattr(model, "clip_grad_norm_"):
                    norm = model.clip_grad_norm_(m["clip_norm"])
                else:
                    norm = torch.nn.utils.clip_grad_norm_(model.parameters(), m["clip_norm"])
                opt.step()
                if world > 1:
                    t = torch.tensor([loss_sum], device=device)
                    dist.all_reduce(t)
                    loss_sum = t.item() / world
                if log:
                    rec = {"step": step, "loss": loss_sum, "lr": lr, "grad_norm": float(norm),
                           "tokens": per_rank * world * seq_len, "seconds": time.time() - t0}
                    log.write(json.dumps(rec) + "\n")
                    log.flush()
                    print(json.dumps(rec), flush=True)

            if world > 1 and args.fsdp:
                from torch.distributed.fsdp import FullStateDictConfig, StateDictType
                with FSDP.state_dict_type(model, StateDictType.FULL_STATE_DICT, FullStateDictConfig(offload_to_cpu=True, rank0_only=True)):
                    state = model.state_dict()
            else:
                state = (model.module if world > 1 else model).state_dict()
            if rank == 0:
                inner = model.module if world > 1 else model
                inner.save_pretrained(args.out, state_dict=state, safe_serialization=True)
                tokenizer.save_pretrained(args.out)
                print(f"saved {args.out} after step {end}")
            if world > 1:
                dist.barrier()
                dist.destroy_process_group()


        if __name__ == "__main__":
            main()

        """#
}
