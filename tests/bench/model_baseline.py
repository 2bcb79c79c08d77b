#!/usr/bin/python3
"""The Python side of tests/bench/model.sh: the taggers of libner/model written in plain PyTorch
(Debian's python3-torch), with the same layers, sizes, CRF algorithm and batches as ner-train and
ner-tag, timed the same way, so that the C++/Python ratio compares like with like.

  model_baseline.py train ARCH TRAIN.conll --epochs N [sizes]   -> training tokens/s (last epoch)
  model_baseline.py tag ARCH TRAIN.conll TEST.conll [sizes]     -> tagging tokens/s

Both print one line "tokens_per_s N" (and other key value lines). Training counts the tokens of
the training loop only (no dev scoring), as ner-train's --log does; tagging counts reading,
batching, decoding and writing the labels, but not the interpreter's start or `import torch`
(ner-tag's figure includes its whole process, start included)."""
import argparse
import math
import random
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def read_conll(path):
    sentences, tokens, labels = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if tokens:
                    sentences.append((tokens, labels))
                    tokens, labels = [], []
                continue
            if not tokens and (line.startswith("#") and "\t" not in line or line.startswith("-DOCSTART-")):
                continue
            cols = line.replace(" ", "\t").split("\t")
            cols = [c for c in cols if c]
            tokens.append(cols[0])
            labels.append(cols[-1])
    if tokens:
        sentences.append((tokens, labels))
    return sentences


# --- batches: as libner/train/batching.cpp (sorted by length; bucketed pools when shuffling) ---
def batches_sorted(lengths, size):
    order = sorted((i for i, n in enumerate(lengths) if n > 0), key=lambda i: lengths[i])
    return [order[k:k + size] for k in range(0, len(order), size)]


def batches_bucketed(lengths, size, pool, rng):
    order = [i for i, n in enumerate(lengths) if n > 0]
    rng.shuffle(order)
    out = []
    step = size * pool
    for k in range(0, len(order), step):
        part = sorted(order[k:k + step], key=lambda i: lengths[i])
        out += [part[j:j + size] for j in range(0, len(part), size)]
    rng.shuffle(out)
    return out


def tensors(ids, batch, labels=None):
    longest = max(len(ids[i]) for i in batch)
    x = torch.zeros(len(batch), longest, dtype=torch.long)
    m = torch.zeros(len(batch), longest, dtype=torch.bool)
    y = torch.zeros(len(batch), longest, dtype=torch.long) if labels is not None else None
    for r, i in enumerate(batch):
        n = len(ids[i])
        x[r, :n] = torch.tensor(ids[i])
        m[r, :n] = True
        if y is not None:
            y[r, :n] = torch.tensor(labels[i])
    return x, m, y


# --- the layers: as libner/model ---
def same_pad(x, kernel, dilation=1):
    total = dilation * (kernel - 1)
    return F.pad(x, (total // 2, total - total // 2)) if total else x


class BiLstm(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.lstm = nn.LSTM(dim, hidden, bidirectional=True, batch_first=True)
        self.out_dim = 2 * hidden

    def forward(self, x, mask):
        lengths = mask.sum(1).clamp_min(1).cpu()
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        out, _ = self.lstm(packed)
        return nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=x.size(1))[0]


class IdCnn(nn.Module):
    def __init__(self, dim, filters, kernel=3, dilations=(1, 1, 2), iterations=4):
        super().__init__()
        self.kernel, self.dilations, self.iterations = kernel, dilations, iterations
        self.projection = nn.Conv1d(dim, filters, kernel)
        self.block = nn.ModuleList(nn.Conv1d(filters, filters, kernel, dilation=d) for d in dilations)
        self.out_dim = filters * iterations

    def forward(self, x, mask):
        m = mask.unsqueeze(1).to(x.dtype)
        h = self.projection(same_pad(x.transpose(1, 2) * m, self.kernel))
        outs = []
        for _ in range(self.iterations):
            for conv, d in zip(self.block, self.dilations):
                h = torch.relu(conv(same_pad(h * m, self.kernel, d)))
            outs.append(h)
        return torch.cat(outs, 1).transpose(1, 2)


class ConvNextBlock(nn.Module):
    def __init__(self, dim, kernel, layer_scale, drop_path):
        super().__init__()
        self.kernel, self.drop_path = kernel, drop_path
        self.depthwise = nn.Conv1d(dim, dim, kernel, groups=dim)
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.expand = nn.Linear(dim, 4 * dim)
        self.project = nn.Linear(4 * dim, dim)
        self.gamma = nn.Parameter(torch.full((dim,), layer_scale)) if layer_scale > 0 else None

    def forward(self, x, mask):
        h = self.depthwise(same_pad(x * mask.unsqueeze(1).to(x.dtype), self.kernel)).transpose(1, 2)
        h = self.project(F.gelu(self.expand(self.norm(h))))
        if self.gamma is not None:
            h = h * self.gamma
        h = h.transpose(1, 2)
        if self.training and self.drop_path > 0:
            keep = torch.empty(x.size(0), 1, 1).bernoulli_(1 - self.drop_path)
            h = h * keep / (1 - self.drop_path)
        return x + h


class ImConvNet(nn.Module):
    def __init__(self, dim, depths, widths, kernel=7, layer_scale=1e-6, drop_path=0.0):
        super().__init__()
        self.stem = nn.Conv1d(dim, widths[0], 4)
        self.stem_norm = nn.LayerNorm(widths[0], eps=1e-6)
        self.transition_norms = nn.ModuleList(nn.LayerNorm(widths[s - 1], eps=1e-6) for s in range(1, len(widths)))
        self.transition_convs = nn.ModuleList(nn.Conv1d(widths[s - 1], widths[s], 2) for s in range(1, len(widths)))
        total = sum(depths)
        rates = [drop_path * i / max(1, total - 1) for i in range(total)]
        self.stages = nn.ModuleList()
        k = 0
        for s, depth in enumerate(depths):
            self.stages.append(nn.ModuleList(ConvNextBlock(widths[s], kernel, layer_scale, rates[k + b])
                                             for b in range(depth)))
            k += depth
        self.out_dim = sum(widths)

    def forward(self, x, mask):
        m = mask.unsqueeze(1).to(x.dtype)
        h = self.stem(same_pad(x.transpose(1, 2) * m, 4))
        h = self.stem_norm(h.transpose(1, 2)).transpose(1, 2)
        outs = []
        for s, stage in enumerate(self.stages):
            if s > 0:
                h = self.transition_norms[s - 1](h.transpose(1, 2)).transpose(1, 2)
                h = self.transition_convs[s - 1](same_pad(h * m, 2))
            for block in stage:
                h = block(h, mask)
            outs.append(h)
        return torch.cat(outs, 1).transpose(1, 2)


class ConvThenLstm(nn.Module):
    def __init__(self, conv, hidden):
        super().__init__()
        self.conv, self.lstm = conv, BiLstm(conv.out_dim, hidden)
        self.out_dim = self.lstm.out_dim

    def forward(self, x, mask):
        return self.lstm(self.conv(x, mask), mask)


class Crf(nn.Module):
    """Linear-chain CRF, log-space forward algorithm and Viterbi, as libner/model/crf.cpp."""

    def __init__(self, n):
        super().__init__()
        self.transitions = nn.Parameter(torch.empty(n, n).uniform_(-0.1, 0.1))
        self.start = nn.Parameter(torch.empty(n).uniform_(-0.1, 0.1))
        self.end = nn.Parameter(torch.empty(n).uniform_(-0.1, 0.1))

    def loss(self, e, mask, y):
        et, mt = e.transpose(0, 1), mask.transpose(0, 1).unsqueeze(2)
        alpha = self.start.unsqueeze(0) + et[0]
        trans = self.transitions.unsqueeze(0)
        for t in range(1, et.size(0)):
            alpha = torch.where(mt[t], torch.logsumexp(alpha.unsqueeze(2) + trans, 1) + et[t], alpha)
        log_z = torch.logsumexp(alpha + self.end.unsqueeze(0), 1)
        y = y.masked_fill(~mask, 0)
        mf = mask.to(e.dtype)
        score = (e.gather(2, y.unsqueeze(2)).squeeze(2) * mf).sum(1) + self.start[y[:, 0]]
        if e.size(1) > 1:
            score = score + (self.transitions[y[:, :-1], y[:, 1:]] * mf[:, 1:]).sum(1)
        last = (mask.sum(1) - 1).clamp_min(0)
        score = score + self.end[y.gather(1, last.unsqueeze(1)).squeeze(1)]
        return (log_z - score).mean()

    @torch.no_grad()
    def decode(self, e, mask):
        et, mt = e.transpose(0, 1), mask.transpose(0, 1).unsqueeze(2)
        score = self.start.unsqueeze(0) + et[0]
        trans = self.transitions.unsqueeze(0)
        history = []
        for t in range(1, et.size(0)):
            best, previous = (score.unsqueeze(2) + trans).max(1)
            history.append(previous)
            score = torch.where(mt[t], best + et[t], score)
        last = (score + self.end.unsqueeze(0)).argmax(1).tolist()
        lengths = mask.sum(1).tolist()
        hist = torch.stack(history).tolist() if history else []
        paths = []
        for b, n in enumerate(lengths):
            label, path = last[b], [0] * n
            for t in range(n - 1, -1, -1):
                path[t] = label
                if t > 0:
                    label = hist[t - 1][b][label]
            paths.append(path)
        return paths


class Tagger(nn.Module):
    def __init__(self, arch, vocab, labels, a):
        super().__init__()
        self.embedding = nn.Embedding(vocab, a.embedding_dim, padding_idx=0)
        self.dropout = nn.Dropout(a.dropout)
        widths = [int(w) for w in a.imconvnet_widths.split(",")]
        depths = [int(d) for d in a.imconvnet_depths.split(",")]
        if arch == "bilstm-crf":
            self.context = BiLstm(a.embedding_dim, a.hidden)
        elif arch == "idcnn-crf":
            self.context = IdCnn(a.embedding_dim, a.idcnn_filters)
        elif arch == "imconvnet-crf":
            self.context = ImConvNet(a.embedding_dim, depths, widths, drop_path=a.drop_path)
        elif arch == "imconvnet-bilstm-crf":
            self.context = ConvThenLstm(ImConvNet(a.embedding_dim, depths, widths, drop_path=a.drop_path), a.hidden)
        else:
            raise SystemExit(f"unknown architecture {arch}")
        self.projection = nn.Linear(self.context.out_dim, labels)
        self.crf = Crf(labels)

    def emissions(self, x, mask):
        h = self.dropout(self.embedding(x))
        h = self.context(h, mask)
        return self.projection(self.dropout(h))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["train", "tag"])
    ap.add_argument("arch")
    ap.add_argument("train")
    ap.add_argument("test", nargs="?")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--tag-batch-size", type=int, default=64)
    ap.add_argument("--window", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--embedding-dim", type=int, default=128)
    ap.add_argument("--hidden", type=int, default=200)
    ap.add_argument("--idcnn-filters", type=int, default=256)
    ap.add_argument("--imconvnet-widths", default="32,64,128,256")
    ap.add_argument("--imconvnet-depths", default="3,3,9,3")
    ap.add_argument("--drop-path", type=float, default=0.1)
    ap.add_argument("--dropout", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    train = read_conll(a.train)
    counts = {}
    for toks, _ in train:
        for t in toks:
            counts[t] = counts.get(t, 0) + 1
    vocab = {"<pad>": 0, "<unk>": 1}
    for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        vocab[t] = len(vocab)
    label_set = sorted({l for _, ls in train for l in ls})
    if "O" in label_set:
        label_set.remove("O")
        label_set.insert(0, "O")
    label_id = {l: i for i, l in enumerate(label_set)}
    model = Tagger(a.arch, len(vocab), len(label_set), a)
    print("parameters", sum(p.numel() for p in model.parameters()))

    if a.mode == "train":
        ids = [[vocab.get(t, 1) for t in toks] for toks, _ in train]
        ys = [[label_id[l] for l in ls] for _, ls in train]
        lengths = [len(x) for x in ids]
        opt = torch.optim.Adam(model.parameters(), lr=a.lr)
        rng = random.Random(a.seed)
        model.train()
        rates = []
        for _ in range(a.epochs):
            tokens, start = 0, time.perf_counter()
            for batch in batches_bucketed(lengths, a.batch_size, 50, rng):
                x, m, y = tensors(ids, batch, ys)
                opt.zero_grad()
                loss = model.crf.loss(model.emissions(x, m), m, y)
                loss.backward()
                nn.utils.clip_grad_norm_(model.parameters(), 5.0)
                opt.step()
                tokens += int(m.sum())
            rates.append(tokens / (time.perf_counter() - start))
        print("loss", float(loss))
        print("tokens", tokens)
        print("first_epoch_tokens_per_s", f"{rates[0]:.0f}")
        print("tokens_per_s", f"{rates[-1]:.0f}")
        return 0

    # Tagging: windows of sentences, sorted into batches, labels written in input order.
    model.eval()
    out = open("/dev/null", "w", encoding="utf-8")
    start = time.perf_counter()
    test = read_conll(a.test)
    tokens = 0
    with torch.no_grad():
        for w in range(0, len(test), a.window):
            window = test[w:w + a.window]
            ids = [[vocab.get(t, 1) for t in toks] for toks, _ in window]
            paths = [None] * len(window)
            for batch in batches_sorted([len(x) for x in ids], a.tag_batch_size):
                x, m, _ = tensors(ids, batch)
                for i, p in zip(batch, model.crf.decode(model.emissions(x, m), m)):
                    paths[i] = p
            for (toks, gold), p in zip(window, paths):
                for t, g, l in zip(toks, gold, p):
                    out.write(f"{t}\t{g}\t{label_set[l]}\n")
                out.write("\n")
                tokens += len(toks)
    seconds = time.perf_counter() - start
    print("tokens", tokens)
    print("seconds", f"{seconds:.2f}")
    print("tokens_per_s", f"{tokens / seconds:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
