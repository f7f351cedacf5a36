"""Readers and writers: the kinship case format (JSON) and Familias .fam files."""
