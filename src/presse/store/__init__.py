"""Plumbing under everything: the disk (atomic writes, the lock), YAML with line
numbers, worker processes, and the one cache contract. Imports nothing of presse but
:mod:`presse.errors`."""
