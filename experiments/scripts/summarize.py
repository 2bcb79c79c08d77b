#!/usr/bin/env python3
"""Writes the markdown table of `make -C experiments yidu` from the runs under --work:
seed<S>/<row>.eval.json (ner-eval --format json on the test part), seed<S>/<row>.log.tsv
(ner-train --log) and seed<S>/<row>.ner (described by `ner-tag --info`). With --partial, the
(row, seed) runs not finished yet are left out and marked. Standard library only."""
import argparse
import json
import math
import os
import subprocess
import sys

PAPER = {"bilstm-crf": 75.34, "idcnn-crf": 74.92, "imconvnet-crf": 76.38, "imconvnet-bilstm-crf": 76.63}
EVERY_ROW_ABOVE = 79.2  # Wapiti CRF with character n-gram features on the same protocol
BEST_ROW_AT_LEAST = 82.0


def mean_std(xs):
    if not xs:
        return float("nan"), float("nan")
    m = sum(xs) / len(xs)
    s = math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1)) if len(xs) > 1 else 0.0
    return m, s


def pm(xs, digits=2):
    m, s = mean_std(xs)
    if math.isnan(m):
        return "–"
    return f"{m:.{digits}f} ± {s:.{digits}f}" if len(xs) > 1 else f"{m:.{digits}f}"


def read_log(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cols = dict(zip(header, line.rstrip("\n").split("\t")))
            rows.append(cols)
    return rows


def model_info(binary, model):
    out = subprocess.run([os.path.join(binary, "ner-tag"), "--info", model], capture_output=True, text=True)
    info = {}
    for line in out.stdout.splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--rows", required=True)
    ap.add_argument("--seeds", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--threads", default="2")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--max-len", default="100")
    ap.add_argument("--common", default="")
    ap.add_argument("--args", action="append", default=[])
    ap.add_argument("--curve", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--partial", action="store_true", help="leave out the runs without an eval.json")
    a = ap.parse_args()
    rows, seeds = a.rows.split(), a.seeds.split()
    row_args = dict(x.split("=", 1) for x in a.args)

    results = {}
    for row in rows:
        r = {"p": [], "r": [], "f1": [], "types": {}, "epochs": [], "best": [], "speed": [], "seconds": [],
             "curves": [], "seeds": []}
        for seed in seeds:
            base = os.path.join(a.work, f"seed{seed}", row)
            if a.partial and not os.path.exists(base + ".eval.json"):
                continue
            r["seeds"].append(seed)
            with open(base + ".eval.json", encoding="utf-8") as f:
                ev = json.load(f)
            r["p"].append(ev["micro"]["precision"])
            r["r"].append(ev["micro"]["recall"])
            r["f1"].append(ev["micro"]["f1"])
            for t, s in ev["types"].items():
                d = r["types"].setdefault(t, {"p": [], "r": [], "f1": [], "gold": []})
                for k in ("p", "r", "f1"):
                    d[k].append(s[{"p": "precision", "r": "recall", "f1": "f1"}[k]])
                d["gold"].append(s["gold"])
            log = read_log(base + ".log.tsv")
            f1s = [float(x["dev_f1"]) for x in log if x["dev_f1"] != "-"]
            r["curves"].append(f1s)
            r["epochs"].append(len(log))
            r["best"].append(1 + max(range(len(f1s)), key=lambda i: f1s[i]) if f1s else 0)
            r["speed"].append(sum(float(x["tokens_per_s"]) for x in log) / max(1, len(log)))
            r["seconds"].append(sum(float(x["seconds"]) for x in log))
        if not r["seeds"]:
            continue
        r["info"] = model_info(a.bin, os.path.join(a.work, f"seed{r['seeds'][0]}", row + ".ner"))
        results[row] = r
    rows = [row for row in rows if row in results]
    if not rows:
        sys.exit("summarize: no finished runs under " + a.work)

    best_row = max(rows, key=lambda row: mean_std(results[row]["f1"])[0])
    out = []
    w = out.append
    w("# yidu-s4k: the non-BERT rows of the paper")
    w("")
    missing = [f"{row} seed {s}" for row in rows for s in seeds if s not in results[row]["seeds"]]
    if missing:
        w("**Partial** (`make -C experiments table`): not run yet: " + ", ".join(missing) + "; means are over "
          "the seeds run.")
        w("")
    w("Made by `make -C experiments yidu` (experiments/Makefile). Protocol: the 1000 records of")
    w("yidu-s4k (CCKS 2019 task 1) converted with `ner-convert -f ccks -t conll --max-len "
      f"{a.max_len}` (sentences of at most {a.max_len} characters), split 6:2:2 **by document** with "
      f"`ner-split --seed S` for S in {', '.join(seeds)}; each model trained on train with "
      "`ner-train`, the epoch with the best dev F1 kept, and scored once on test with "
      "`ner-tag | ner-eval` (conlleval's entity-level micro P/R/F1, in percent).")
    threads = f"{a.threads} CPU thread" + ("" if a.threads == "1" else "s")
    w(f"Device: {a.device}" + (f", {threads}" if a.device == "cpu" else "") + ".")
    w("")
    w(f"Targets: every row above {EVERY_ROW_ABOVE} F1 (a Wapiti CRF with character n-gram features on "
      f"the same protocol) and the best row at least {BEST_ROW_AT_LEAST} (means over the seeds).")
    w("")
    w("| row | P | R | F1 (mean ± std) | F1 per seed | paper F1 | parameters | epochs run (best) | train tokens/s |")
    w("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        r = results[row]
        f1_of = dict(zip(r["seeds"], r["f1"]))
        per_seed = " / ".join(f"{f1_of[s]:.2f}" if s in f1_of else "(not run)" for s in seeds)
        epochs = " / ".join(f"{e} ({b})" for e, b in zip(r["epochs"], r["best"]))
        w(f"| {row} | {pm(r['p'])} | {pm(r['r'])} | **{pm(r['f1'])}** | {per_seed} | {PAPER.get(row, '–')} | "
          f"{r['info'].get('parameters', '?')} | {epochs} | {mean_std(r['speed'])[0]:.0f} |")
    w("")
    means = {row: mean_std(results[row]["f1"])[0] for row in rows}
    every = all(m > EVERY_ROW_ABOVE for m in means.values())
    best = means[best_row] >= BEST_ROW_AT_LEAST
    w(f"Every row above {EVERY_ROW_ABOVE}: **{'yes' if every else 'no'}**"
      + ("" if every else " (" + ", ".join(f"{k} {v:.2f}" for k, v in means.items() if v <= EVERY_ROW_ABOVE) + ")")
      + f". Best row ({best_row}, {means[best_row]:.2f}) at least {BEST_ROW_AT_LEAST}: "
      f"**{'yes' if best else 'no'}**.")
    w("")
    w("## Configurations")
    w("")
    w(f"Common options: `{a.common}`; `--seed S --threads {a.threads} --device {a.device} --resume`.")
    w("")
    w("| row | options | model (ner-tag --info) |")
    w("|---|---|---|")
    for row in rows:
        info = results[row]["info"]
        w(f"| {row} | `{row_args.get(row, '').strip()}` | {info.get('sizes', '?')}; {info.get('parameters', '?')} "
          f"parameters; vocabulary {info.get('vocabulary', '?')} |")
    w("")
    w(f"## Per entity type: {best_row} (mean ± std over the seeds)")
    w("")
    w("| type | gold entities (mean) | P | R | F1 |")
    w("|---|---|---|---|---|")
    for t, d in sorted(results[best_row]["types"].items(), key=lambda kv: -mean_std(kv[1]["gold"])[0]):
        w(f"| {t} | {mean_std(d['gold'])[0]:.0f} | {pm(d['p'])} | {pm(d['r'])} | {pm(d['f1'])} |")
    w("")
    w("## Learning curves")
    w("")
    w("Dev F1 per epoch, mean over the seeds that reached the epoch (data: yidu-dev-f1.tsv).")
    w("")
    w("![dev F1 per epoch](yidu-learning-curve.png)")
    w("")
    w("Wall time per run (training and dev scoring), mean: " +
      ", ".join(f"{row} {mean_std(results[row]['seconds'])[0] / 60:.1f} min" for row in rows) + ".")
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")

    longest = max(len(c) for row in rows for c in results[row]["curves"])
    with open(a.curve, "w", encoding="utf-8") as f:
        f.write("epoch\t" + "\t".join(rows) + "\n")
        for e in range(longest):
            cells = []
            for row in rows:
                xs = [c[e] for c in results[row]["curves"] if len(c) > e]
                cells.append(f"{sum(xs) / len(xs):.2f}" if xs else "NaN")
            f.write(f"{e + 1}\t" + "\t".join(cells) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
