"""The files of a press-office repository and their models: settings, German and French
releases, German segmentation and French typography rules, PO catalogs, review state,
and one release's files read and written together. Imports only :mod:`presse.store`
and :mod:`presse.errors`."""
