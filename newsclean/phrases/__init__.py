"""The phrase data (``<language>.toml``, one file per language) and its index, side by side.

:mod:`.book` loads the files and compiles each (section, key) over all languages at once,
so a footer in one language under an article in another still matches. See this
folder's README.md for the file format.
"""

from newsclean.phrases.book import date_words, entries, family, index, languages, signature_letters, stopwords

__all__ = ["date_words", "entries", "family", "index", "languages", "signature_letters", "stopwords"]
