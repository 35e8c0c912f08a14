"""The local review page (``presse serve``): a small Flask app over the core.

Every change goes through the same functions as the command line
(:func:`presse.steps.review.confirm`, :func:`presse.steps.approve.approve`), inside the
repository's lock, so the PO and review files are written exactly as ``presse review``
and ``presse approve`` write them.
"""

from presse.web.app import create_app

__all__ = ["create_app"]
