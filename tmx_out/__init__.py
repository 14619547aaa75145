"""Exports: TMX translation memories, term bases, tabular files."""
