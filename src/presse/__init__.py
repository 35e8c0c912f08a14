"""presse: German press releases into French, reviewed by people, published in pairs."""

__version__ = "0.1.0"
