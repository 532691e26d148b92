"""Everything outside a Doc: reading inputs, running the command's extraction, writing records.

- :mod:`~quoteattr.io.inputs`: the inputs (files, folders, stdin, JSONL lines) as documents,
  for the command line and :mod:`quoteattr.cluster` alike; the checks before a run
- :mod:`~quoteattr.io.stream`: one run of ``quoteattr extract``, streamed record by record
- :mod:`~quoteattr.io.writers`: the output formats (table, jsonl, json, csv, html)
- :mod:`~quoteattr.io.console`: the progress line and the messages on standard error
- :mod:`~quoteattr.io.info`: what ``quoteattr info`` prints
- :mod:`~quoteattr.io.export`: flat rows, CSV, pandas, speaker tables, the text table
- :mod:`~quoteattr.io.render` (with :mod:`~quoteattr.io.templates`, its CSS and script):
  the HTML page
"""
