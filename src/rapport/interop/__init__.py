"""Bringing the network in and taking it out: one small module per file format.

Importers turn a file into a stream of `ContactRecord`, `InteractionRecord` and `BadRecord` items (see
rapport.interop.records); they parse and nothing else. Matching, merging and saving is the import service's job.
"""
