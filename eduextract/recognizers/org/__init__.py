"""Institution names (ORG): gazetteer layer, name grammar, document context.

Three sources of candidates, all offsets on ``doc.norm``:

* **gazetteer** - one Aho-Corasick pass over every known name and alias (central bodies,
  universities, user gazetteers);
* **grammar** - ``[prefix][place][field words][head suffix]``: a combined regex finds head
  suffixes (``gazetteers/org_suffixes.txt``, longest first) and the name is grown leftwards
  over a compact word list (places, name words, nested owner bodies) until a word that cannot
  stand in a name.  No segmentation of the whole text: work happens only at head suffixes;
* **context** - short forms whose full name the same document spells out (``郑大`` after
  ``郑州大学``).

Values: ``{"kind", "canonical"}`` (plus ``id`` from user gazetteers).

Modules, by stage: :mod:`.index` (look-up structures built once per ``Extractor``),
:mod:`.tokens` (token classes), :mod:`.patterns` (character sets, head-regex builder),
:mod:`.grammar` (leftward walk and validity), :mod:`.near_miss` (one-character variants of
known names), :mod:`.canonical` (kind and canonical name), :mod:`.context` (document-level
facts), :mod:`.recognizer` (the stages in order).  The data loaders are
:mod:`eduextract.org_lexicon`.
"""

from __future__ import annotations

from .near_miss import FUZZY_MIN_LEN, FUZZY_THRESHOLD
from .recognizer import OrgRecognizer, build

__all__ = ["FUZZY_MIN_LEN", "FUZZY_THRESHOLD", "OrgRecognizer", "build"]
