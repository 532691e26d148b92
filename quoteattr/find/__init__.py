"""The stages that find what a text says, one concept a module: quotations, cues, content, speaker mentions,
attributions, labels, reporting sources and the publisher."""
