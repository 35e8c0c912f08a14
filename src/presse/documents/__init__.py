"""The files of a press-office repository and their models: settings, German and French
releases, segmentation, PO catalogs, review state, and one release's files read and
written together. Imports only :mod:`presse.documents.release_files` and :mod:`presse.errors`."""
