"""kamclean: clean scraped, machine-translated Hindi articles and flag likely translation errors."""

__version__ = "0.1.0"
