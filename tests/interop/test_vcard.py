"""The vCard importer: the real-world samples, a corpus of nasty files, and generated cards."""

from __future__ import annotations

import string
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import vobject
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from rapport.domain.model import YearlyDate
from rapport.errors import InputError
from rapport.i18n.catalog import EN
from rapport.interop import vcard
from rapport.interop.records import BadRecord, ContactRecord, Item

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "tests" / "data" / "samples" / "vcard"  # one file per exporter; see samples/README.md
NASTY = REPO / "tests" / "data" / "vcard"


@pytest.fixture(scope="module")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One directory for the generated files (hypothesis runs a test many times with the same fixtures)."""
    return tmp_path_factory.mktemp("vcard")


def read(path: Path, **options: object) -> list[Item]:
    return list(vcard.read(str(path), **options))


def contacts(path: Path, **options: object) -> list[ContactRecord]:
    items = read(path, **options)
    assert all(isinstance(item, ContactRecord) for item in items), items
    return [item for item in items if isinstance(item, ContactRecord)]


def refused(path: Path, **options: object) -> dict[str, object]:
    with pytest.raises(InputError) as raised:
        read(path, **options)
    assert raised.value.code == "import.bad_file"
    return raised.value.facts


def placeholders(code: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(EN[code]) if name}


def assert_well_formed(item: Item) -> None:
    """What the service relies on: a named record, or a bad one whose facts fill its message."""
    assert item.file and item.line >= 1
    if isinstance(item, BadRecord):
        assert item.problem.startswith("bad.") and item.problem in EN
        assert set(item.facts) == placeholders(item.problem)
    else:
        assert isinstance(item, ContactRecord)
        assert item.source == "vcard" and item.name


# -- the samples -------------------------------------------------------------------------------------------------


def test_apple_contacts(samples: Path) -> None:
    joerg, walter = contacts(samples / "apple-contacts-3.0.vcf")
    assert (joerg.file, joerg.line, joerg.key) == ("apple-contacts-3.0.vcf", 1, "")
    assert (joerg.full_name, joerg.given_name, joerg.family_name) == ("Jörg Bühler", "Jörg", "Bühler")
    assert (joerg.organisation, joerg.title) == ("Glärnisch Engineering AG", "Principal Consultant")
    assert joerg.emails == [("joerg.buehler@glaernisch.example", "work")]
    assert joerg.phones == [("+41 79 482 16 30", "mobile")]
    assert joerg.birthday == YearlyDate(7, 22)  # 1604-07-22 with X-APPLE-OMIT-YEAR: no year
    assert joerg.anniversaries == [("Anniversary", YearlyDate(5, 12, 2018))]  # item2.X-ABDATE + its X-ABLabel
    assert joerg.urls == [("linkedin", "https://www.linkedin.com/in/joerg-buehler-gl")]  # URL + X-SOCIALPROFILE
    assert joerg.address == "Industriestrasse 7\n8750 Glarus\nSchweiz"  # one line per line of the envelope
    assert joerg.notes == [
        "Kennengelernt an der Swiss Testing Night 2020. Interessiert an Edge Computing, Alpinklettern."  # \, unescaped
    ]
    assert joerg.tags == ["Beratung", "Zürichsee"]
    assert not joerg.had_photo
    assert (walter.name, walter.line, walter.birthday) == ("Walter Gisler", 21, YearlyDate(10, 7, 1968))
    assert walter.emails == [("walter.gisler@example.net", "home")]
    assert walter.notes == [
        "Früher Teamleiter bei Rheinhafen Logistik. Sucht eine Stelle in Supply Chain; trifft jeden ersten "
        "Donnerstag die Ehemaligen im Restaurant Kropf."  # the line folded inside a word joined, \; unescaped
    ]


def test_google_contacts(samples: Path) -> None:
    camille, matteo = contacts(samples / "google-contacts-3.0.vcf")
    assert (camille.name, camille.line) == ("Camille Rochat", 1)
    assert camille.emails == [("camille.rochat@telvia.example", "work"), ("camille.r@example.net", "home")]
    assert camille.phones == [("+41 78 204 63 91", "mobile")]
    assert (camille.organisation, camille.title) == ("Telvia AG", "Chief Digital Officer")
    assert camille.birthday == YearlyDate(4, 19, 1979)
    assert camille.tags == ["Mentoring"]  # Google's myContacts group is on every contact: dropped
    assert (matteo.name, matteo.line, matteo.emails) == ("Matteo Galli", 13, [])
    assert matteo.phones == [("091 735 20 18", "work")]
    assert matteo.title == "Team Lead Data & Analytics"
    assert matteo.notes == ["Met at the Lugano Data Day. Runs trails in the Valle Maggia."]


def test_outlook_2_1_in_windows_1252_with_quoted_printable(samples: Path) -> None:
    (hansjoerg,) = contacts(samples / "outlook-2.1.vcf")
    names = (hansjoerg.given_name, hansjoerg.family_name, hansjoerg.full_name)
    assert names == ("Hansjörg", "Ammann", "Hansjörg Ammann")  # the ö is the Windows-1252 byte F6
    assert (hansjoerg.organisation, hansjoerg.title) == ("Ammann & Partner", "Partner")
    assert hansjoerg.phones == [("+41 41 228 70 00", "work"), ("+41 79 402 55 81", "mobile")]
    assert hansjoerg.emails == [("hj@ammann-partner.example", "")]
    assert hansjoerg.birthday == YearlyDate(9, 18, 1962)  # BDAY:19620918
    # =FC in Windows-1252, =0D=0A, and the soft line break before "planung" joined
    assert hansjoerg.notes == [
        "Isst gern im Wirtshaus zur Mühle in Luzern.\nThema: Nachfolgeplanung im Familienbetrieb."
    ]


def test_vcard_4(samples: Path) -> None:
    (nina,) = contacts(samples / "rfc6350-4.0.vcf")
    assert (nina.prefix, nina.given_name, nina.family_name) == ("Dr.", "Nina", "Baumgartner")
    assert nina.birthday == YearlyDate(5, 9)  # --0509
    assert nina.anniversaries == [("Anniversary", YearlyDate(6, 4, 2011))]
    assert nina.phones == [("+41-77-318-40-62", "mobile")]  # VALUE=uri tel:…, TYPE="voice,cell"
    assert nina.emails == [("nina.baumgartner@unibe.example", "work")]
    assert nina.organisation == "Universität Bern"  # the department is dropped
    assert nina.title == "Lecturer, Service Design"  # an unescaped comma is text, not a list separator
    assert nina.urls == [("linkedin", "https://www.linkedin.com/in/ninabaumgartner")]
    assert nina.tags == ["Service Design", "Hochschule"]
    assert nina.notes == ["Forscht zu Service Design in Spitälern. Sucht Partnerfirmen für Studierendenprojekte."]


def test_xing(samples: Path) -> None:
    (simon,) = contacts(samples / "xing-single-3.0.vcf")
    assert (simon.name, simon.organisation) == ("Simon Aebischer", "Aebischer Advisory GmbH")
    assert simon.urls == [("xing", "https://www.xing.com/profile/Simon_Aebischer3")]
    assert simon.emails == [("simon@aebischer-advisory.example", "work")]
    assert simon.address == "Kramgasse 45\n3011 Bern\nSchweiz"


# -- nasty files -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "facts"),
    [
        ("empty.vcf", {"line": 1, "problem": "file.empty"}),
        ("blank.vcf", {"line": 1, "problem": "file.empty"}),
        ("binary.vcf", {"line": 1, "problem": "file.binary"}),
        ("json.vcf", {"line": 1, "problem": "file.json", "expected": "vCard"}),
        ("not-vcard.vcf", {"line": 1, "problem": "file.not_vcard"}),
        ("truncated.vcf", {"line": 6, "problem": "file.truncated"}),  # the unclosed card's BEGIN:VCARD
        ("utf16-damaged.vcf", {"line": 2, "problem": "file.encoding", "detail": "not valid UTF-16"}),
    ],
)
def test_files_refused_as_a_whole(name: str, facts: dict[str, object]) -> None:
    assert refused(NASTY / name) == {"file": name, **facts}


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    facts = refused(tmp_path / "nowhere.vcf")
    assert facts["problem"] == "file.unreadable" and facts["detail"]


def test_refusal_comes_before_any_record() -> None:
    """The good card before the cut-off one is not yielded: the file is refused before anything is read."""
    items = vcard.read(str(NASTY / "truncated.vcf"))
    with pytest.raises(InputError):
        next(items)


def test_an_invalid_date_makes_a_bad_record_and_the_stream_goes_on() -> None:
    anna, feb30, hello, leap = read(NASTY / "invalid-date.vcf")
    assert isinstance(anna, ContactRecord) and anna.birthday == YearlyDate(5, 17, 1980)
    assert feb30 == BadRecord("invalid-date.vcf", 10, "bad.date", {"value": "1990-02-30"})  # the BDAY line
    assert hello == BadRecord("invalid-date.vcf", 15, "bad.date", {"value": "hello"})  # an X-ABDATE
    assert isinstance(leap, ContactRecord)
    assert leap.birthday == YearlyDate(2, 29, 2000)
    assert leap.anniversaries == [("Anniversary", YearlyDate(2, 29))]  # --0229: no year, so it is valid


def test_cards_without_a_name() -> None:
    no_name, empty_name, company, parts_only = read(NASTY / "no-name.vcf")
    assert no_name == BadRecord("no-name.vcf", 1, "bad.no_name")
    assert empty_name == BadRecord("no-name.vcf", 6, "bad.no_name")  # FN: and N:;;;;
    assert isinstance(company, ContactRecord)
    assert (company.name, company.organisation) == ("Muster AG", "Muster AG")  # a company's card: named by ORG
    assert isinstance(parts_only, ContactRecord) and parts_only.name == "Anna Huber"  # no FN: N is enough


def test_a_card_not_closed_before_the_next_one() -> None:
    broken, peter = read(NASTY / "missing-end.vcf")
    assert isinstance(broken, BadRecord) and (broken.line, broken.problem) == (1, "bad.vcard")
    assert isinstance(peter, ContactRecord) and (peter.name, peter.line) == ("Peter Keller", 4)


def test_a_line_vobject_cannot_parse() -> None:
    anna, peter = read(NASTY / "unparsable.vcf")
    assert anna == BadRecord("unparsable.vcf", 4, "bad.vcard", {"detail": "cannot parse the EMAIL line"})
    assert isinstance(peter, ContactRecord)  # a broken property rapport does not read is no reason to refuse


@pytest.mark.parametrize("name", ["crlf.vcf", "lf-only.vcf", "cr-only.vcf"])
def test_line_endings(name: str) -> None:
    (anna,) = contacts(NASTY / name)
    assert anna.name == "Anna Schmidt"
    if name == "crlf.vcf":
        assert anna.notes == ["Zeile eins\nZeile zwei"]
    if name == "cr-only.vcf":
        assert anna.notes == ["Gefaltet ueber zwei Zeilen"]  # folded with a leading space, CR line ends


@pytest.mark.parametrize("name", ["utf16-le.vcf", "utf16-be.vcf", "utf16-no-bom.vcf", "utf8-bom.vcf"])
def test_unicode_encodings(name: str) -> None:
    (juergen,) = contacts(NASTY / name)
    assert (juergen.full_name, juergen.given_name, juergen.family_name) == ("Jürgen Müller", "Jürgen", "Müller")
    assert juergen.notes == ["Grüsse aus Zürich – ✓"]


def test_windows_1252_and_mixed_files() -> None:
    (juergen,) = contacts(NASTY / "windows-1252.vcf")
    assert (juergen.name, juergen.organisation) == ("Jürgen Müller", "Zühlke")
    # a UTF-8 file with one Windows-1252 card: each line is decoded on its own
    assert [c.name for c in contacts(NASTY / "mixed-encoding.vcf")] == ["Jürgen Müller", "Beat Zürcher"]


def test_charset_parameter_on_raw_bytes(tmp_path: Path) -> None:
    path = tmp_path / "charset.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:M\xfcller;J\xfcrgen\r\nEND:VCARD\r\n")
    (juergen,) = contacts(path)
    assert (juergen.given_name, juergen.family_name) == ("Jürgen", "Müller")


def test_concatenated_files_with_byte_order_marks() -> None:
    assert [c.name for c in contacts(NASTY / "concatenated-boms.vcf")] == ["Anna Schmidt", "Peter Keller"]


def test_android_2_1_quoted_printable_utf8() -> None:
    (juergen,) = contacts(NASTY / "android-2.1.vcf")
    assert (juergen.prefix, juergen.given_name, juergen.family_name) == ("Prof. Dr. med.", "Jürgen", "Müller")
    assert juergen.full_name == "Prof. Dr. med. Jürgen Müller"
    assert juergen.notes == ["Erste Zeile\nZweite Zeile mit einem sehr langen Text, der weiterläuft"]
    assert juergen.emails == [("juergen@example.ch", "work"), ("j@example.ch", "home")]  # PREF first
    assert juergen.phones == [("+41 79 123 45 67", "mobile"), ("044 123 45 67", "home")]
    assert juergen.address == "Bahnhofstraße 1\n8001 Zürich\nZH\nSchweiz"
    assert juergen.birthday == YearlyDate(1, 1, 1970)  # a date-time: its date


def test_sloppy_writers() -> None:
    (anna,) = contacts(NASTY / "sloppy.vcf")
    assert anna.title == "Head of Sales, DACH"
    assert anna.organisation == "Müller, Meier & Partner AG"
    assert anna.notes == ["Erste Zeile\nzweite Zeile ohne Faltung"]  # a second line written without folding
    assert anna.key == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert anna.urls == [
        ("web", "www.example.ch/anna"),
        ("linkedin", "https://ch.linkedin.com/in/anna-schmidt/"),  # the same profile on www. is not repeated
        ("xing", "https://profiles.example.org/anna"),  # by its X-ABLabel
        ("xing", "https://www.xing.com/profile/Anna_Schmidt"),  # X-SOCIALPROFILE; the twitter one is no URL
    ]
    assert anna.tags == ["Kunden", "VIP"]  # myContacts dropped, kunden = Kunden
    assert anna.birthday is None and anna.anniversaries == []  # VALUE=text and a year alone: no day to remember
    assert anna.phones == [("+41-44-123-45-67 ext. 12", "")]


def test_photos_are_skipped_but_noted() -> None:
    anna, peter, empty = contacts(NASTY / "photo.vcf")
    assert (anna.name, anna.had_photo, anna.emails) == ("Anna Schmidt", True, [("anna@example.ch", "")])
    # vCard 2.1: a base64 block whose lines are not indented, ended by a blank line
    assert (peter.name, peter.had_photo, peter.phones) == ("Peter Keller", True, [("+41 79 000 00 00", "mobile")])
    assert (empty.name, empty.had_photo) == ("No Photo", False)  # PHOTO: without data


# -- huge lines (made here: 20 MB do not belong in the repository) ------------------------------------------------

HUGE = 20_000_000


def test_a_20_mb_line_outside_any_card_refuses_the_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.vcf"
    path.write_bytes(b"A" * HUGE)
    assert refused(path) == {"file": "huge.vcf", "line": 1, "problem": "file.too_long", "limit": vcard.MAX_LINE}


def test_a_20_mb_value_makes_a_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "huge-note.vcf"
    with path.open("wb") as out:
        out.write(b"BEGIN:VCARD\r\nFN:Huge\r\nNOTE:" + b"x" * HUGE + b"\r\nEND:VCARD\r\n")
        out.write(b"BEGIN:VCARD\r\nFN:Fine\r\nEND:VCARD\r\n")
    huge, fine = read(path)
    assert huge == BadRecord("huge-note.vcf", 3, "bad.too_long", {"limit": vcard.MAX_LINE})
    assert isinstance(fine, ContactRecord) and fine.name == "Fine"


def test_a_long_unfolded_photo_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "photo.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nFN:Photo\r\nPHOTO;ENCODING=b:" + b"QUJD" * 1_000_000 + b"\r\nEND:VCARD\r\n")
    (record,) = contacts(path)
    assert record.had_photo


def test_max_line_counts_folded_lines_joined(tmp_path: Path) -> None:
    path = tmp_path / "folded.vcf"
    path.write_text("BEGIN:VCARD\r\nFN:Folded\r\nNOTE:" + "\r\n ".join(["y" * 70] * 10) + "\r\nEND:VCARD\r\n")
    assert contacts(path)[0].notes == ["y" * 700]
    assert read(path, max_line=500) == [BadRecord("folded.vcf", 3, "bad.too_long", {"limit": 500})]


@pytest.mark.parametrize("value", ["big", 0, True])
def test_a_bad_option(value: object) -> None:
    with pytest.raises(InputError) as raised:
        read(NASTY / "crlf.vcf", max_line=value)
    assert raised.value.code == "input.positive"


def test_every_nasty_file_gives_a_documented_result() -> None:
    for path in sorted(NASTY.glob("*.vcf")):
        try:
            items = read(path)
        except InputError as error:
            assert error.code == "import.bad_file"
            facts = dict(error.facts)
            assert facts.pop("file") == path.name and facts.pop("line")
            problem = str(facts.pop("problem"))
            assert problem.startswith("file.") and set(facts) == placeholders(problem), path.name
            continue
        assert items, path.name
        for item in items:
            assert_well_formed(item)


# -- generated cards ---------------------------------------------------------------------------------------------

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüÄÖÜéèêàçñßøåłŠ"
NAME_CHARS = LETTERS + " ,;-'.\\\":/"
words = st.text(alphabet=NAME_CHARS, min_size=1, max_size=16).map(lambda s: " ".join(s.split())).filter(bool)
notes = st.text(alphabet=NAME_CHARS + "\n\t0123456789=", min_size=1, max_size=200).map(str.strip).filter(bool)
tags = st.text(alphabet=LETTERS + " ,;-&", min_size=1, max_size=12).map(lambda s: " ".join(s.split())).filter(bool)
any_year = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
a_day = st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31))  # 2000 has 29 February
labels = st.sampled_from(["work", "home", ""])


@dataclass
class Written:
    """A date as a card writes it."""

    when: YearlyDate
    text: str
    omit_year: str = ""  # Apple's X-APPLE-OMIT-YEAR


@dataclass
class Person:
    given: str
    family: str
    prefix: str
    full: str
    organisation: str
    emails: list[tuple[str, str]]
    birthday: Written | None
    anniversary: tuple[str, Written] | None
    notes: list[str]
    tags: list[str]

    @property
    def full_name(self) -> str:
        return self.full or f"{self.given} {self.family}"


@st.composite
def yearly(draw: st.DrawFn) -> Written:
    if draw(st.booleans()):
        when = draw(any_year)
        style = draw(st.sampled_from(["%Y-%m-%d", "%Y%m%d", "%Y-%m-%dT12:30:00Z"]))
        return Written(YearlyDate(when.month, when.day, when.year), when.strftime(style))
    when = draw(a_day)
    style = draw(st.sampled_from(["--%m%d", "--%m-%d", "1604-%m-%d"]))
    return Written(YearlyDate(when.month, when.day), when.strftime(style), "1604" if style[0] == "1" else "")


people = st.builds(
    Person,
    given=words,
    family=words,
    prefix=st.sampled_from(["", "Dr.", "Prof. Dr. med."]),
    full=st.just("") | words,
    organisation=st.just("") | words,
    emails=st.lists(st.tuples(st.emails(), labels), max_size=3, unique_by=lambda e: e[0]),
    birthday=st.none() | yearly(),
    anniversary=st.none() | st.tuples(st.sampled_from(["", "Hochzeit", "_$!<Anniversary>!$_"]), yearly()),
    notes=st.lists(notes, max_size=2),
    tags=st.lists(tags, max_size=3, unique_by=str.casefold).filter(lambda t: "mycontacts" not in t),
)


def as_vcard(person: Person) -> str:
    """The person as vobject writes a vCard 3.0."""
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family=person.family, given=person.given, prefix=person.prefix)
    card.add("fn").value = person.full_name
    if person.organisation:
        card.add("org").value = [person.organisation, "Abteilung"]
    for address, label in person.emails:
        email = card.add("email")
        email.value = address
        if label:
            email.type_param = label.upper()
    if person.birthday:
        bday = card.add("bday")
        bday.value = person.birthday.text
        if person.birthday.omit_year:
            bday.x_apple_omit_year_param = person.birthday.omit_year
    if person.anniversary:
        label, written = person.anniversary
        line = card.add("x-abdate", group="item1")
        line.value = written.text
        if written.omit_year:
            line.x_apple_omit_year_param = written.omit_year
        if label:
            card.add("x-ablabel", group="item1").value = label
    for note in person.notes:
        card.add("note").value = note
    if person.tags:
        card.add("categories").value = person.tags
    return str(card.serialize())


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(people, min_size=1, max_size=4))
def test_generated_cards_come_back(scratch: Path, persons: list[Person]) -> None:
    path = scratch / "generated.vcf"
    path.write_text("".join(as_vcard(p) for p in persons), encoding="utf-8", newline="")
    records = contacts(path)
    assert len(records) == len(persons)
    assert [r.line for r in records] == sorted({r.line for r in records})
    for person, record in zip(persons, records, strict=True):
        assert (record.given_name, record.family_name, record.prefix) == (person.given, person.family, person.prefix)
        assert record.full_name == person.full_name
        assert record.organisation == person.organisation
        assert record.emails == person.emails
        assert record.birthday == (person.birthday.when if person.birthday else None)
        if person.anniversary:
            label, written = person.anniversary
            assert record.anniversaries == [(label.strip("_$!<>") or "Anniversary", written.when)]
        else:
            assert record.anniversaries == []
        assert record.notes == person.notes
        assert record.tags == person.tags


FRAGMENTS = [
    "BEGIN:VCARD",
    "END:VCARD",
    "VERSION:2.1",
    "VERSION:4.0",
    "FN:Anna Müller",
    "N:;;;;",
    "N:Keller;Peter\\;x;;Dr.;",
    "ORG:A\\, B;C",
    "ORG:;",
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:Z=FCrich=",
    "NOTE;QUOTED-PRINTABLE:=C3=BC=",
    "=0D=0A=",
    " folded,on",
    "\tfolded\\",
    "BDAY:1990-02-30",
    "BDAY:--0229",
    "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29",
    "BDAY:hello",
    "ANNIVERSARY:20090808T101010",
    'EMAIL;TYPE="work:broken',
    "EMAIL;TYPE=work,pref:a@b.ch",
    'TEL;VALUE=uri;TYPE="voice,cell":tel:+41-76',
    "item1.X-ABLabel:_$!<Anniversary>!$_",
    "item1.X-ABDATE:2019-09-01",
    "item2.URL:linkedin.com/in/x",
    "X-SOCIALPROFILE;type=xing:https://xing.com/profile/x",
    "PHOTO;ENCODING=b:QUJD",
    "QUJDRA==",
    "CATEGORIES:a,b\\,c",
    "ADR:;;a,b;c;;;",
    "UID:1",
    ":",
    ";;;",
    "\\",
    "",
    "\x00",
]


def card(inside: list[str]) -> list[str]:
    return ["BEGIN:VCARD", *inside, "END:VCARD"]


fragment = st.sampled_from(FRAGMENTS) | st.text(max_size=20)
named = st.tuples(st.sampled_from(["FN:Anna", "N:Keller;Peter", "ORG:Muster AG", ""]), st.lists(fragment, max_size=6))
lines = st.one_of(
    st.lists(fragment, max_size=30),  # anything
    st.lists(named, max_size=4).map(lambda cards: [line for n, c in cards for line in card([n, *c])]),  # cards
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    lines,
    st.sampled_from(["\r\n", "\n", "\r"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]),
)
def test_vcard_like_text_never_breaks_the_reader(scratch: Path, text: list[str], newline: str, encoding: str) -> None:
    path = scratch / "fuzz.vcf"
    path.write_bytes(newline.join(text).encode(encoding, errors="replace"))
    for item in items_or_refusal(path):
        assert_well_formed(item)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_break_the_reader(scratch: Path, data: bytes) -> None:
    path = scratch / "bytes.vcf"
    path.write_bytes(data)
    for item in items_or_refusal(path):
        assert_well_formed(item)


def items_or_refusal(path: Path) -> Iterator[Item]:
    """The items, or none when the file is refused with an InputError (any other exception fails the test)."""
    try:
        items = read(path)
    except InputError as error:
        assert error.code == "import.bad_file"
        assert str(error.facts["problem"]).startswith("file.")
        event(f"refused: {error.facts['problem']}")
        return iter(())
    for item in items:
        event(f"item: {getattr(item, 'problem', 'contact')}")
    return iter(items)


# -- rapport's own cards read back ---------------------------------------------------------------------------------
_FREE_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85") | st.just("\n"),
    max_size=60,
).map(lambda text: "\n".join(line.strip() for line in text.split("\n")).strip())
_ADDRESS = st.one_of(
    _FREE_TEXT,
    st.tuples(_FREE_TEXT, st.from_regex(r"(CH-)?[1-9][0-9]{3}", fullmatch=True), _FREE_TEXT).map(
        lambda p: f"{p[0]}\n{p[1]} {p[2]}"
    ),
)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.sampled_from(["4.0", "3.0"]),
    _ADDRESS,
    st.lists(_FREE_TEXT.filter(bool), max_size=3, unique_by=str.casefold),
    st.tuples(_FREE_TEXT, _FREE_TEXT, _FREE_TEXT),
    st.sampled_from(["", "du", "Sie"]),
)
def test_what_rapport_writes_it_reads_back(
    scratch: Path, version: str, address: str, interests: list[str], texts: tuple[str, str, str], form: str
) -> None:
    from rapport.interop import postal, vcard_export
    from rapport.interop.export_records import ExportContact

    how_met, looking_for, offers = texts
    contact = ExportContact(
        id=1,
        uid="0fb88cab-5fc5-5ee2-a626-2680544e048f",
        name="Anna Keller",
        organisation="Keller AG",
        address=address,
        interests=tuple(interests),
        how_met=how_met,
        looking_for=looking_for,
        offers=offers,
        address_form=form,
        circle="core",
        connected_on=date(2013, 5, 2),
    )
    path = scratch / "own.vcf"
    path.write_text(vcard_export.card_text(contact, version), encoding="utf-8", newline="")
    (record,) = contacts(path)
    assert record.from_rapport and record.full_name == "Anna Keller"
    assert record.address == "\n".join(postal.lines(address))  # its lines, empty ones aside
    assert (record.how_met, record.looking_for, record.offers) == texts
    assert record.interests == interests
    assert (record.circle, record.address_form, record.connected_on) == ("core", form, date(2013, 5, 2))
