"""A datatrove pipeline step that normalises each ``Document.text`` with naskh and records
how many changes each rule made in the step's stats (``naskh/<rule>``, per document), with
the number of documents changed (``changed``).

>>> from datatrove.data import Document
>>> from datatrove.executor import LocalPipelineExecutor
>>> from datatrove.pipeline.writers import JsonlWriter
>>> from naskh.datatrove import NaskhFormatter
>>> docs = [Document(text="أَعْلَنَتْ الحُكُومَةُ", id="1")]
>>> executor = LocalPipelineExecutor(
...     pipeline=[docs, NaskhFormatter(profile="search"), JsonlWriter("out/")],
...     logging_dir="logs/",
... )
>>> _ = executor.run()
>>> import json
>>> step = [s for s in json.load(open("logs/stats.json")) if "naskh" in s["name"]][0]
>>> step["stats"]["naskh/strip-tashkeel"]["total"]
9
"""

from __future__ import annotations

from typing import Iterable, Union

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.typeshelper import StatHints

from naskh import Normalizer

__all__ = ["NaskhFormatter"]


class NaskhFormatter(PipelineStep):
    """Normalise ``Document.text`` with a naskh profile (``rules`` and ``quote_style`` as
    in :class:`naskh.Normalizer`). Stats: ``naskh/<rule>`` counts each rule's changes,
    updated once per document in which the rule changed something (so its ``n`` is the
    number of such documents, its ``mean`` the changes in each); ``changed`` counts the
    documents whose text changed, ``total`` every document."""

    # A formatter, as datatrove's own (its BaseFormatter's module needs extra packages).
    type = "✂️ - FORMAT"
    name = "🔤 naskh"

    def __init__(
        self,
        profile: str = "canonical",
        rules: Union[str, Iterable[str], None] = None,
        quote_style: str = "guillemets",
    ) -> None:
        super().__init__()
        self.normalizer = Normalizer(profile, rules, quote_style)

    def format(self, text: str) -> str:
        """The normalised text (without stats)."""
        return self.normalizer(text)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                text, counts = self.normalizer.normalize_with_stats(doc.text)
            if text != doc.text:
                self.stat_update("changed")
            for rule, n in counts.items():
                self.stat_update(f"naskh/{rule}", value=n, unit="doc")
            doc.text = text
            yield doc
