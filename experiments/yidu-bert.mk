# The BERT rows of the paper's table on yidu-s4k (issue 5), through experiments/Makefile:
#
#   make -C experiments yidu-bert                                  # tiny random BERT, 1 epoch: the path end to end
#   make -C experiments yidu-bert BERT=/models/bert-base-chinese BERT_EPOCHS=10 DEVICE=cuda BERT_SEEDS="1 2 3"
#
# BERT is a HuggingFace BERT folder (config.json, vocab.txt, model.safetensors). No pretrained
# Chinese BERT can be downloaded here, so the default is the tiny random BERT fixture
# $(NER_DATA)/bert/tiny-bert-chinese (2 layers, hidden 64, bert-base-chinese's vocabulary): it
# proves that convert, split, train, tag and score run for every BERT row, not what BERT scores.
# The splits, the training/tagging rule (RUN) and the table script are those of `make yidu`; the
# table goes to $(RESULTS)/yidu-bert.md. Sentences are cut at MAX_LEN characters by ner-convert,
# well under BERT's 510; ner-tag would tag longer ones in windows.
BERT        ?= $(NER_DATA)/bert/tiny-bert-chinese
BERT_ROWS   ?= bert-crf bert-softmax bert-bilstm-crf bert-imconvnet-crf bert-imconvnet-bilstm-crf
BERT_SEEDS  ?= 1
BERT_EPOCHS ?= 1
BERT_LR     ?= 3e-5
# Fine-tuning as Devlin et al. (2019) do it: AdamW, BERT at BERT_LR (the layers on top at 1e-3;
# a random BERT learns nothing at 3e-5 in a few epochs: give it BERT_LR=1e-3),
# linear warm-up over 10% of the steps, then linear decay; batches of 16 sentences.
BERT_COMMON := --bert $(BERT) --optimizer adamw --weight-decay 0.01 --lr 0.001 --bert-lr $(BERT_LR) \
  --warmup 0.1 --decay linear --dropout 0.1
ARGS.bert-crf := --arch bert-crf $(BERT_COMMON)
ARGS.bert-softmax := --arch bert-softmax $(BERT_COMMON)
ARGS.bert-bilstm-crf := --arch bert-bilstm-crf --hidden 200 $(BERT_COMMON)
ARGS.bert-imconvnet-crf := --arch bert-imconvnet-crf --imconvnet-widths 32,64,128,256 --imconvnet-depths 3,3,9,3 \
  $(BERT_COMMON)
ARGS.bert-imconvnet-bilstm-crf := --arch bert-imconvnet-bilstm-crf --imconvnet-widths 32,64,128,256 \
  --imconvnet-depths 3,3,9,3 --hidden 200 $(BERT_COMMON)
$(foreach r,$(BERT_ROWS),$(eval EPOCHS.$(r) := $(BERT_EPOCHS)))

$(foreach r,$(BERT_ROWS),$(foreach s,$(BERT_SEEDS),$(eval $(call RUN,$(r),$(s)))))

BERT_EVALS := $(foreach r,$(BERT_ROWS),$(foreach s,$(BERT_SEEDS),$(Y)/seed$(s)/$(r).eval.json))

.PHONY: yidu-bert check-bert
check-bert:
	@test -f $(BERT)/config.json || { echo "experiments: no BERT folder at $(BERT): set BERT=DIR" >&2; exit 1; }

$(BERT_EVALS): | check-bert

yidu-bert: $(RESULTS)/yidu-bert.md

$(RESULTS)/yidu-bert.md: $(BERT_EVALS) scripts/summarize.py
	@mkdir -p $(RESULTS)
	$(PYTHON) scripts/summarize.py --work $(Y) --rows "$(BERT_ROWS)" --seeds "$(BERT_SEEDS)" --bin $(BIN) \
	  --threads $(THREADS) --device $(DEVICE) --max-len $(MAX_LEN) --common "$(COMMON)" \
	  $(foreach r,$(BERT_ROWS),--args "$(r)=$(ARGS.$(r)) --epochs $(BERT_EPOCHS)") \
	  --curve $(RESULTS)/yidu-bert-dev-f1.tsv --out $@
	@echo "experiments: wrote $@ (BERT: $(BERT))"
