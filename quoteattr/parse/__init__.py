"""Everything about the spaCy Doc before extraction: loading the pipeline, the paragraph
splitter, the same-length copy of the text that parses well, and the per-Doc caches."""
