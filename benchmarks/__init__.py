"""eduextract's benchmark: precision, recall and speed against gold JSONL and baselines."""
