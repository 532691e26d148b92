"""The extraction stages, one concept a module: quotations, cues, content, speaker mentions,
attributions, labels, reporting sources and the publisher."""
