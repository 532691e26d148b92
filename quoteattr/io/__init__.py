"""Everything outside a Doc: reading inputs, writing records, tables and pages."""
