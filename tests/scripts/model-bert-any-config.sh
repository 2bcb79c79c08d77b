#!/usr/bin/env bash
# The BERT parity test holds for any configuration, not only the tiny fixture's: this builds a second
# fixture of another shape (3 layers, hidden 48, 6 heads, intermediate 80, gelu_new, 3 token types,
# 64 positions, layer_norm_eps 1e-7) stored the way other checkpoints are (bf16, "bert." prefix, old
# LayerNorm gamma/beta names, position_ids and an MLM head), computes its reference outputs with an
# independent plain-PyTorch BERT (Debian's python3-torch), keeps the tokenizations of the shared
# fixture (same vocabulary), and runs the parity test on it.
# Usage: model-bert-any-config.sh TOOLDIR SRCDIR BUILDDIR
set -u
build=$3
tests=$build/tests/ner_model_tests
source_fixture=${NER_DATA:-../shared/data}/bert/tiny-bert-chinese
[ -x "$tests" ] || { echo "no $tests: skipped"; exit 77; }
[ -f "$source_fixture/reference.json" ] || { echo "no BERT fixture at $source_fixture: skipped"; exit 77; }
/usr/bin/python3 -c "import torch" 2>/dev/null || { echo "python3-torch is not installed: skipped"; exit 77; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$source_fixture/vocab.txt" "$scratch/"

OMP_WAIT_POLICY=passive /usr/bin/python3 - "$source_fixture" "$scratch" <<'PY' || { echo "FAIL: could not build the fixture"; exit 1; }
import json, math, struct, sys
import torch

src, out = sys.argv[1], sys.argv[2]
cfg = {"model_type": "bert", "vocab_size": 21128, "hidden_size": 48, "num_hidden_layers": 3,
       "num_attention_heads": 6, "intermediate_size": 80, "hidden_act": "gelu_new",
       "max_position_embeddings": 64, "type_vocab_size": 3, "layer_norm_eps": 1e-7,
       "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "pad_token_id": 0}
H, L, NH, I = cfg["hidden_size"], cfg["num_hidden_layers"], cfg["num_attention_heads"], cfg["intermediate_size"]
torch.manual_seed(11)
p = {}
def linear(name, o, i):
    p[name + ".weight"] = torch.randn(o, i) * (1.5 / math.sqrt(i))
    p[name + ".bias"] = torch.randn(o) * 0.1
def norm(name):
    p[name + ".weight"] = 1 + 0.2 * torch.randn(H)
    p[name + ".bias"] = 0.2 * torch.randn(H)
p["embeddings.word_embeddings.weight"] = torch.randn(cfg["vocab_size"], H)
p["embeddings.position_embeddings.weight"] = torch.randn(cfg["max_position_embeddings"], H) * 0.5
p["embeddings.token_type_embeddings.weight"] = torch.randn(cfg["type_vocab_size"], H) * 0.5
norm("embeddings.LayerNorm")
for l in range(L):
    b = f"encoder.layer.{l}."
    for n in ("query", "key", "value"): linear(b + "attention.self." + n, H, H)
    linear(b + "attention.output.dense", H, H); norm(b + "attention.output.LayerNorm")
    linear(b + "intermediate.dense", I, H); linear(b + "output.dense", H, I); norm(b + "output.LayerNorm")
linear("pooler.dense", H, H)
p = {k: v.to(torch.bfloat16).float() for k, v in p.items()}  # what the bf16 file will hold

def layer_norm(x, name):
    return torch.nn.functional.layer_norm(x, (H,), p[name + ".weight"], p[name + ".bias"], cfg["layer_norm_eps"])
def dense(x, name):
    return x @ p[name + ".weight"].T + p[name + ".bias"]
def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))
def bert(ids, mask):
    B, T = ids.shape
    x = p["embeddings.word_embeddings.weight"][ids] + p["embeddings.position_embeddings.weight"][:T] \
        + p["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, "embeddings.LayerNorm")
    bias = (1.0 - mask.float())[:, None, None, :] * torch.finfo(torch.float32).min
    d = H // NH
    for l in range(L):
        b = f"encoder.layer.{l}."
        q, k, v = (dense(x, b + "attention.self." + n).view(B, T, NH, d).transpose(1, 2) for n in ("query", "key", "value"))
        probs = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + bias, dim=-1)
        ctx = (probs @ v).transpose(1, 2).reshape(B, T, H)
        a = layer_norm(dense(ctx, b + "attention.output.dense") + x, b + "attention.output.LayerNorm")
        x = layer_norm(dense(gelu_new(dense(a, b + "intermediate.dense")), b + "output.dense") + a, b + "output.LayerNorm")
    return x, torch.tanh(dense(x[:, 0], "pooler.dense"))

# The checkpoint: bf16, "bert." prefix, gamma/beta, position_ids and an MLM head beside.
entries = []
for k, v in p.items():
    name = "bert." + k
    if name.endswith("LayerNorm.weight"): name = name[:-6] + "gamma"
    if name.endswith("LayerNorm.bias"): name = name[:-4] + "beta"
    entries.append((name, "BF16", list(v.shape), v.to(torch.bfloat16).view(torch.int16).numpy().tobytes()))
entries.append(("bert.embeddings.position_ids", "I64", [1, 64], torch.arange(64).view(1, 64).numpy().tobytes()))
entries.append(("cls.predictions.bias", "F32", [cfg["vocab_size"]], torch.zeros(cfg["vocab_size"]).numpy().tobytes()))
header, offset = {"__metadata__": {"format": "pt"}}, 0
for name, dtype, shape, data in entries:
    header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(data)]}
    offset += len(data)
text = json.dumps(header).encode()
text += b" " * (-len(text) % 8)
with open(out + "/model.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(text))); f.write(text)
    for e in entries: f.write(e[3])
json.dump(cfg, open(out + "/config.json", "w"), indent=1)

def rounded(t): return [[round(v, 6) for v in row] for row in t.tolist()]
ref = json.load(open(src + "/reference.json"))
with torch.no_grad():
    for case in ref["cases"]:
        case.pop("last_hidden_state", None); case.pop("pooler_output", None)
        if case["do_lower_case"]:
            ids = torch.tensor([case["input_ids"]])
            hidden, pooled = bert(ids, torch.ones_like(ids))
            case["last_hidden_state"] = rounded(hidden[0])
            case["pooler_output"] = [round(v, 6) for v in pooled[0].tolist()]
    batch = ref["batch"]
    hidden, _ = bert(torch.tensor(batch["input_ids"]), torch.tensor(batch["attention_mask"]))
    batch["last_hidden_state"] = [rounded(h) for h in hidden]
json.dump(ref, open(out + "/reference.json", "w"))
PY

NER_BERT_FIXTURE=$scratch "$tests" "[parity]" --reporter compact
