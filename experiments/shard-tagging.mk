# Tagging a large corpus the Unix way: cut it into N contiguous shards (ner-split --shard i/N),
# tag each shard in a process of its own (here make -j; elsewhere xargs -P, GNU parallel, a Slurm
# array job, one shard per machine), concatenate the outputs in shard order, and check that the
# result is byte for byte the output of one ner-tag run over the whole corpus.
#
#   make -f experiments/shard-tagging.mk -j4                  # from the project root
#   make -C experiments shard-tag -j4                         # through experiments/Makefile
#   make -f experiments/shard-tagging.mk -j4 SHARDS=8 MODEL=m.ner CORPUS=big.conll
#
# CORPUS is a stream (ner-tokenize or ner-convert output); by default the yidu-s4k records
# ($(NER_DATA)/yidu-s4k, converted), else the bundled demo records. MODEL is a model file; by
# default a small BiLSTM-CRF trained on the corpus in seconds (a demonstration, not a good model).
# Shards are cut at document boundaries, so every shard starts with its document's `# doc = ID`
# line and --format jsonl output concatenates as well as the stream does.
SHARD_ROOT   := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
BUILD        ?= $(SHARD_ROOT)/build
NER_DATA     ?= $(abspath $(SHARD_ROOT)/../shared/data)
SHARDS       ?= 4
SHARD_WORK   ?= $(SHARD_ROOT)/experiments/work/shard-tag
SHARD_THREADS ?= 1
export OMP_WAIT_POLICY ?= passive

_shard_yidu := $(wildcard $(NER_DATA)/yidu-s4k/subtask1_training_part1.txt $(NER_DATA)/yidu-s4k/subtask1_training_part2.txt)
_shard_raw  := $(if $(_shard_yidu),$(_shard_yidu),$(SHARD_ROOT)/testdata/demo-emr.ccks.jsonl)
CORPUS ?= $(SHARD_WORK)/corpus.conll
MODEL  ?= $(SHARD_WORK)/model.ner
_shard_ids  := $(shell seq 1 $(SHARDS))
_shard_tags := $(foreach i,$(_shard_ids),$(SHARD_WORK)/shard-$(i)-of-$(SHARDS).tagged)

# No .DELETE_ON_ERROR: this file is included by experiments/Makefile, whose interrupted training
# must keep its model files; the tools write their outputs atomically anyway.
.PHONY: shard-tag shard-tag-clean
.SECONDARY: $(foreach i,$(_shard_ids),$(SHARD_WORK)/shard-$(i)-of-$(SHARDS).conll)  # kept for a look

shard-tag: $(SHARD_WORK)/sharded.tagged $(SHARD_WORK)/single.tagged
	cmp $^
	@echo "shard-tag: $(SHARDS) shards tagged in parallel and concatenated = one run over $(CORPUS) ($$(wc -l < $<) lines)"

$(SHARD_WORK)/corpus.conll: $(_shard_raw)
	@mkdir -p $(@D)
	$(BUILD)/ner-convert -q -f ccks -t conll --max-len 100 $^ -o $@

$(SHARD_WORK)/model.ner: $(CORPUS)
	@mkdir -p $(@D)
	$(BUILD)/ner-train -q -t $< -o $@ --arch bilstm-crf --embedding-dim 32 --hidden 32 --epochs 1 \
	  --batch-size 32 --lr 0.01 --threads $(SHARD_THREADS)

# One shard: ner-split writes the i-th of N contiguous blocks (on a cluster, each machine cuts
# its own from the shared corpus), and ner-tag appends its labels.
$(SHARD_WORK)/shard-%-of-$(SHARDS).conll: $(CORPUS)
	@mkdir -p $(@D)
	$(BUILD)/ner-split -q --shard $*/$(SHARDS) $< -o $@

$(SHARD_WORK)/shard-%-of-$(SHARDS).tagged: $(SHARD_WORK)/shard-%-of-$(SHARDS).conll $(MODEL)
	$(BUILD)/ner-tag -q -m $(MODEL) --threads $(SHARD_THREADS) $< -o $@

# In shard order (1 2 ... N, not the order of the shell's glob, which would put 10 before 2).
$(SHARD_WORK)/sharded.tagged: $(_shard_tags)
	cat $^ > $@.tmp && mv $@.tmp $@

$(SHARD_WORK)/single.tagged: $(CORPUS) $(MODEL)
	$(BUILD)/ner-tag -q -m $(MODEL) --threads $(SHARD_THREADS) $< -o $@

shard-tag-clean:
	rm -rf $(SHARD_WORK)
