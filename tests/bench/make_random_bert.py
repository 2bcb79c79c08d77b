#!/usr/bin/env python3
"""Writes a randomly initialised BERT in HuggingFace's folder layout (config.json, vocab.txt,
model.safetensors), by default BERT-base-shaped (12 layers, hidden 768, 12 heads, intermediate
3072, 512 positions, vocabulary 21,128), for benchmarks: its weights are noise, its speed is real.

  make_random_bert.py OUT_DIR [--layers N] [--hidden N] [--heads N] [--intermediate N]
                      [--vocab-file bert-base-chinese-vocab.txt] [--seed N]

Needs only torch (any version: Debian's python3-torch 1.13 or a GPU machine's 2.x); safetensors is
written by hand (8-byte little-endian header length, JSON header, raw little-endian bytes), with
the tensor names of transformers' BertModel, pooler included, as `ner-train --bert` and
`BertModel.from_pretrained` read them. Initialisation follows BertPreTrainedModel._init_weights:
N(0, 0.02) matrices and embeddings, zero biases, LayerNorm 1 and 0, a zero [PAD] embedding.
Without --vocab-file (or when it is missing) the vocabulary is bert-base-chinese's special pieces,
printable ASCII and CJK ideographs from U+4E00, 21,128 pieces in all."""
import argparse
import ctypes
import json
import os
import struct
import sys

import torch

SPECIALS = ["[PAD]"] + [f"[unused{i}]" for i in range(1, 100)] + ["[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def synthetic_vocab(size):
    pieces = SPECIALS + [chr(c) for c in range(33, 127)]
    code = 0x4E00
    while len(pieces) < size:
        pieces.append(chr(code))
        code += 1
    return pieces[:size]


def shapes(cfg):
    """(name, shape) of every tensor of a BertModel with pooler, in transformers' order."""
    h, i = cfg["hidden_size"], cfg["intermediate_size"]
    out = [("embeddings.word_embeddings.weight", (cfg["vocab_size"], h)),
           ("embeddings.position_embeddings.weight", (cfg["max_position_embeddings"], h)),
           ("embeddings.token_type_embeddings.weight", (cfg["type_vocab_size"], h)),
           ("embeddings.LayerNorm.weight", (h,)), ("embeddings.LayerNorm.bias", (h,))]

    def linear(name, o, n):
        out.extend([(name + ".weight", (o, n)), (name + ".bias", (o,))])

    for l in range(cfg["num_hidden_layers"]):
        b = f"encoder.layer.{l}."
        for part in ("query", "key", "value"):
            linear(b + "attention.self." + part, h, h)
        linear(b + "attention.output.dense", h, h)
        out.extend([(b + "attention.output.LayerNorm.weight", (h,)), (b + "attention.output.LayerNorm.bias", (h,))])
        linear(b + "intermediate.dense", i, h)
        linear(b + "output.dense", h, i)
        out.extend([(b + "output.LayerNorm.weight", (h,)), (b + "output.LayerNorm.bias", (h,))])
    linear("pooler.dense", h, h)
    return out


def initial(name, shape, cfg):
    if "LayerNorm" in name:
        return torch.ones(shape) if name.endswith("weight") else torch.zeros(shape)
    if name.endswith("bias"):
        return torch.zeros(shape)
    t = torch.randn(shape) * cfg["initializer_range"]
    if name == "embeddings.word_embeddings.weight":
        t[cfg["pad_token_id"]] = 0
    return t


def write_safetensors(path, cfg):
    names = shapes(cfg)
    header, offset = {"__metadata__": {"format": "pt"}}, 0
    for name, shape in names:
        size = 4
        for d in shape:
            size *= d
        header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [offset, offset + size]}
        offset += size
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # tensors start 8-byte aligned, as safetensors writes them
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for name, shape in names:
            t = initial(name, shape, cfg).to(torch.float32).contiguous()
            # The tensor's own bytes without numpy (torch 2.x may lack it); the host is little-endian.
            f.write(ctypes.string_at(t.data_ptr(), t.numel() * 4))
    os.replace(tmp, path)
    return sum(1 for _ in names), offset


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--layers", type=int, default=12)
    ap.add_argument("--hidden", type=int, default=768)
    ap.add_argument("--heads", type=int, default=12)
    ap.add_argument("--intermediate", type=int, default=0, help="default: 4 x hidden")
    ap.add_argument("--max-position", type=int, default=512)
    ap.add_argument("--vocab-file", default="", help="a vocab.txt to copy (default: a synthetic one)")
    ap.add_argument("--vocab-size", type=int, default=21128, help="of the synthetic vocabulary")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if sys.byteorder != "little":
        sys.exit("make_random_bert.py: safetensors holds little-endian bytes; this host is big-endian")
    if a.hidden % a.heads:
        sys.exit(f"make_random_bert.py: --hidden {a.hidden} is not a multiple of --heads {a.heads}")
    torch.manual_seed(a.seed)
    os.makedirs(a.out, exist_ok=True)

    if a.vocab_file and os.path.isfile(a.vocab_file):
        with open(a.vocab_file, encoding="utf-8") as f:
            vocab = f.read().splitlines()
        source = a.vocab_file
    else:
        vocab = synthetic_vocab(a.vocab_size)
        source = "synthetic"
    with open(os.path.join(a.out, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")

    cfg = {"architectures": ["BertModel"], "model_type": "bert", "vocab_size": len(vocab),
           "hidden_size": a.hidden, "num_hidden_layers": a.layers, "num_attention_heads": a.heads,
           "intermediate_size": a.intermediate or 4 * a.hidden, "hidden_act": "gelu",
           "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
           "max_position_embeddings": a.max_position, "type_vocab_size": 2, "initializer_range": 0.02,
           "layer_norm_eps": 1e-12, "pad_token_id": 0, "position_embedding_type": "absolute"}
    with open(os.path.join(a.out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
        f.write("\n")
    count, size = write_safetensors(os.path.join(a.out, "model.safetensors"), cfg)
    print(f"random BERT in {a.out}: {a.layers} layers, hidden {a.hidden}, {a.heads} heads, intermediate "
          f"{cfg['intermediate_size']}, vocabulary {len(vocab)} ({source}); {count} tensors, "
          f"{size // 4:,} parameters, {size / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
