#!/usr/bin/env bash
# BERT encoder throughput on CPU: a BERT-base-shaped random model (12 layers, hidden 768, 12 heads,
# intermediate 3072, vocabulary 21128) at length 128 x batch 32, fp32, 2 threads; forward only by
# default (NER_BENCH_TRAIN=1 adds a training step). HuggingFace transformers is timed beside it when
# Python has it. Prints figures, asserts nothing. Usage: bert.sh BUILDDIR
set -u
build=${1:-build}
bin=$build/tests/ner_model_tests
[ -x "$bin" ] || { echo "bert: $bin is not built (LibTorch missing?): skipped"; exit 0; }
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}
export NER_BENCH_DEVICE=cpu NER_BENCH_DTYPE=${NER_BENCH_DTYPE:-fp32}
export NER_BENCH_BATCH=${NER_BENCH_BATCH:-32} NER_BENCH_LENGTH=${NER_BENCH_LENGTH:-128}
export NER_BENCH_ITERS=${NER_BENCH_ITERS:-2} NER_BENCH_THREADS=${NER_BENCH_THREADS:-2}
"$bin" "[bert-bench]" --reporter compact 2>&1 | grep -E "^bert |error|FAILED" || true

py=/usr/bin/python3
if [ -x $py ] && $py -c "import transformers" 2>/dev/null; then
  $py - <<'PY'
import os, time, torch, transformers
torch.set_num_threads(int(os.environ["NER_BENCH_THREADS"]))
b, t, n = (int(os.environ[k]) for k in ("NER_BENCH_BATCH", "NER_BENCH_LENGTH", "NER_BENCH_ITERS"))
cfg = transformers.BertConfig(vocab_size=21128, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                              intermediate_size=3072)
m = transformers.BertModel(cfg, add_pooling_layer=False).eval()
ids = torch.randint(1000, 21128, (b, t)); mask = torch.ones_like(ids)
with torch.no_grad():
    m(input_ids=ids, attention_mask=mask)
    s = time.perf_counter()
    for _ in range(n): m(input_ids=ids, attention_mask=mask)
    d = time.perf_counter() - s
print(f"transformers {transformers.__version__} forward cpu fp32: batch {b} x length {t}: {b*t*n/d:.0f} tokens/s ({1000*d/n:.1f} ms/batch)")
PY
elif [ -x $py ] && $py -c "import torch" 2>/dev/null; then
  # No transformers: the same shape in PyTorch's own post-LayerNorm encoder (BERT's block; its
  # inference fast path fuses attention), so there is still a Python figure from the same machine.
  $py - <<'PY'
import os, time, torch
torch.set_num_threads(int(os.environ["NER_BENCH_THREADS"]))
b, t, n = (int(os.environ[k]) for k in ("NER_BENCH_BATCH", "NER_BENCH_LENGTH", "NER_BENCH_ITERS"))
layer = torch.nn.TransformerEncoderLayer(768, 12, 3072, dropout=0.1, activation="gelu", batch_first=True, layer_norm_eps=1e-12)
enc = torch.nn.TransformerEncoder(layer, 12, enable_nested_tensor=False).eval()
emb = torch.nn.Embedding(21128, 768); pos = torch.nn.Embedding(512, 768); norm = torch.nn.LayerNorm(768, eps=1e-12)
ids = torch.randint(1000, 21128, (b, t)); pad = torch.zeros(b, t, dtype=torch.bool)
def run():
    return enc(norm(emb(ids) + pos.weight[:t]), src_key_padding_mask=pad)
with torch.no_grad():
    run()
    s = time.perf_counter()
    for _ in range(n): run()
    d = time.perf_counter() - s
print(f"pytorch {torch.__version__} nn.TransformerEncoder (no transformers here) forward cpu fp32: batch {b} x length {t}: {b*t*n/d:.0f} tokens/s ({1000*d/n:.1f} ms/batch)")
PY
else
  echo "no python3-torch: no Python figure beside it"
fi
