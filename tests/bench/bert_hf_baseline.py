#!/usr/bin/env python3
"""The HuggingFace side of tests/bench/bert-tools.sh: transformers' BertModel, loaded from the same
folder that ner-train read, runs over the same sentences in the same kind of batches, so that its
tokens/s stands beside ner-tag's and ner-train's.

  bert_hf_baseline.py tag   BERT_DIR FILE.conll --batch-size B --read-ahead R [--device D] [--bf16] [--profile F]
  bert_hf_baseline.py train BERT_DIR FILE.conll --batch-size B [--epochs N] [--device D] [--bf16]

tag: sentences read R at a time, sorted by length and cut into batches of B (as ner-tag does), the
encoder plus a linear layer over the labels under no_grad; the CRF's Viterbi and the reading and
writing of text are not in it (ner-tag's model figure holds them). train: batches of B sentences of
similar length in shuffled order (ner-train's bucketing), encoder + linear layer + cross-entropy
(ner-train's CRF is not in it), backward, gradient clipping and AdamW; the last epoch is timed after
one warm-up step. --bf16: autocast to bfloat16 (CUDA), as --bf16 does in the tools. --profile F
(tag): the timed loop under torch.profiler, F written as ner-tag --profile writes its table
(profile_table.py). Each character is one position, [CLS] and [SEP] added. Prints "tokens_per_s N"
and a few other "key value" lines."""
import argparse
import logging
import os
import random
import sys
import time

import torch

from profile_table import profiled

LABELS = 13  # yidu-s4k's BIO labels; the head's size hardly matters


def sentences(path, vocab):
    """Ids of each sentence's characters ([UNK] for the missing ones), [CLS]/[SEP] around."""
    unk, cls, sep = vocab["[UNK]"], vocab["[CLS]"], vocab["[SEP]"]
    out, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    out.append([cls] + cur + [sep])
                cur = []
            elif not line.startswith("#"):
                cur.append(vocab.get(line.split("\t")[0].split(" ")[0], unk))
    if cur:
        out.append([cls] + cur + [sep])
    return out


def batches(sents, size, window, shuffle):
    """Windows of `window` sentences sorted by length, cut into batches of `size`."""
    out = []
    for start in range(0, len(sents), window):
        chunk = sorted(sents[start:start + window], key=len)
        out.extend(chunk[i:i + size] for i in range(0, len(chunk), size))
    if shuffle:
        random.Random(1).shuffle(out)
    return out


def tensors(batch, device):
    width = max(len(s) for s in batch)
    ids = torch.zeros(len(batch), width, dtype=torch.long)
    mask = torch.zeros(len(batch), width, dtype=torch.long)
    for i, s in enumerate(batch):
        ids[i, :len(s)] = torch.tensor(s)
        mask[i, :len(s)] = 1
    return ids.to(device, non_blocking=True), mask.to(device, non_blocking=True)


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=("tag", "train"))
    ap.add_argument("bert")
    ap.add_argument("data")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--read-ahead", type=int, default=1000)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--bf16", action="store_true")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--profile", default="")
    a = ap.parse_args()

    logging.disable(logging.WARNING)  # "weights of the pooler not used" and the like
    import transformers
    device = torch.device(a.device)
    if device.type == "cpu":
        torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    with open(os.path.join(a.bert, "vocab.txt"), encoding="utf-8") as f:
        vocab = {piece: i for i, piece in enumerate(f.read().splitlines())}
    sents = sentences(a.data, vocab)
    tokens = sum(len(s) - 2 for s in sents)
    encoder = transformers.BertModel.from_pretrained(a.bert, add_pooling_layer=False).to(device)
    head = torch.nn.Linear(encoder.config.hidden_size, LABELS).to(device)
    autocast = (lambda: torch.autocast(device.type, dtype=torch.bfloat16)) if a.bf16 else (
        lambda: torch.autocast(device.type, enabled=False))

    if a.mode == "tag":
        encoder.eval()
        work = batches(sents, a.batch_size, a.read_ahead, shuffle=False)

        def step(batch):
            ids, mask = tensors(batch, device)
            with torch.no_grad(), autocast():
                return head(encoder(input_ids=ids, attention_mask=mask).last_hidden_state).argmax(-1)
        step(work[len(work) // 2])  # warm-up
        sync(device)
        start = time.perf_counter()
        with profiled(a.profile):
            for b in work:
                step(b).cpu()  # the labels come back to the host, as ner-tag's do
        seconds = time.perf_counter() - start
    else:
        encoder.train()
        params = list(encoder.parameters()) + list(head.parameters())
        optimizer = torch.optim.AdamW(params, lr=2e-5)
        loss_fn = torch.nn.CrossEntropyLoss()
        work = batches(sents, a.batch_size, 50 * a.batch_size, shuffle=True)

        def step(batch):
            ids, mask = tensors(batch, device)
            gold = torch.randint(0, LABELS, ids.shape, device=device)
            with autocast():
                scores = head(encoder(input_ids=ids, attention_mask=mask).last_hidden_state)
            loss = loss_fn(scores.float()[mask.bool()], gold[mask.bool()])
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 5.0)
            optimizer.step()
            return loss.detach()
        step(work[0])  # warm-up
        for _ in range(a.epochs - 1):
            for b in work:
                step(b)
        sync(device)
        start = time.perf_counter()
        for b in work:
            loss = step(b)
        loss.item()
        seconds = time.perf_counter() - start
    print(f"transformers {transformers.__version__} torch {torch.__version__}")
    print(f"sentences {len(sents)}")
    print(f"tokens {tokens}")
    print(f"seconds {seconds:.3f}")
    print(f"tokens_per_s {tokens / seconds:.0f}")


if __name__ == "__main__":
    sys.exit(main())
