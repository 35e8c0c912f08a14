"""The steps of the job, one module each (import, extract, translate, review, approve,
status, publish and its gate): each reads a repository through :mod:`presse.documents`,
works with the checks, engines, glossary and site, and writes through
:mod:`presse.store`. The command line and the web page call these; they call neither."""
