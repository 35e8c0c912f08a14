"""The glossary of fixed terms: validation, inflection-aware matching, exports and
suggestions. Imports only :mod:`presse.documents` and :mod:`presse.store`."""
