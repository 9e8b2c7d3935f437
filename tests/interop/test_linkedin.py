"""Reading LinkedIn's data export: connections, messages and invitations, from the zip, a folder or one file."""

from __future__ import annotations

import csv
import io
import tracemalloc
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.domain.model import Channel, Initiator
from rapport.errors import InputError
from rapport.interop import linkedin
from rapport.interop.linkedin import HiddenMember, LinkedInItem, parse_connected_on, parse_moment, parse_sent_at
from rapport.interop.records import BadRecord, ContactRecord, InteractionRecord, Person

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "linkedin"
DATA = Path(__file__).resolve().parents[1] / "data" / "linkedin"
JULIA = "https://www.linkedin.com/in/julia-baumann"
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will '
    "only see email addresses for connections who have allowed their connections to see or download their email "
    "address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
COLUMNS = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def read(path: Path | str, **options: str) -> list[LinkedInItem]:
    return list(linkedin.read(str(path), **options))


def contacts(items: list[LinkedInItem]) -> list[ContactRecord]:
    return [i for i in items if isinstance(i, ContactRecord)]


def interactions(items: list[LinkedInItem]) -> list[InteractionRecord]:
    return [i for i in items if isinstance(i, InteractionRecord)]


def problem(error: pytest.ExceptionInfo[InputError]) -> tuple[str, dict[str, object]]:
    facts = dict(error.value.facts)
    return str(facts.pop("problem")), facts


# -- Connections.csv -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def connections() -> list[LinkedInItem]:
    return read(SAMPLES / "Connections.csv")


def test_connections_after_the_notes_preamble(connections: list[LinkedInItem]) -> None:
    people = contacts(connections)
    assert len(people) == 18
    assert people[0].line == 5  # three preamble lines and the header
    nicolas = people[0]
    assert (nicolas.given_name, nicolas.family_name, nicolas.name) == ("Nicolas", "Favre", "Nicolas Favre")
    assert nicolas.key == "https://www.linkedin.com/in/nicolas-favre-ch"
    assert nicolas.urls == [("linkedin", nicolas.key)]
    assert (nicolas.organisation, nicolas.title) == ("Bernina Versicherungen", "Head of Claims Excellence")
    assert nicolas.connected_on == date(2026, 11, 24)
    assert nicolas.emails == [] and nicolas.source == "linkedin"


def test_hidden_members_are_counted_not_errors(connections: list[LinkedInItem]) -> None:
    hidden = [i for i in connections if isinstance(i, HiddenMember)]
    assert [h.line for h in hidden] == [13, 22]
    assert all(h.kind == "hidden-member" for h in hidden)
    assert not [i for i in connections if isinstance(i, BadRecord)]


def test_quoted_company_with_a_comma_and_emails(connections: list[LinkedInItem]) -> None:
    people = {c.name: c for c in contacts(connections)}
    assert people["Samira Haddad"].organisation == "Kanton Graubünden, Amt für Wirtschaft"
    assert people["Aisha Raman"].title == "Vice President, Service Design Lab"
    assert people["Walter Gisler"].emails == [("walter.gisler@example.net", "")]
    assert people["Walter Gisler"].organisation == ""
    assert people["Walter Gisler"].title == "Open to work – Supply Chain"
    assert people["Jörg Bühler"].key == "https://www.linkedin.com/in/joerg-buehler-gl"
    assert people["Irina Kovač"].organisation == "Voltana AG"


def test_earlier_export_of_the_same_network() -> None:
    items = read(SAMPLES / "Connections-2025-06-01.csv")
    people = {c.name: c for c in contacts(items)}
    assert len(people) == 15 and len([i for i in items if isinstance(i, HiddenMember)]) == 2
    assert "Nicolas Favre" not in people and "Irina Kovač" not in people and "Nina Baumgartner" not in people
    assert people["Jörg Bühler"].organisation == "Kessler Partners AG"
    assert people["Jonas Studer"].organisation == "Telvia AG"
    assert people["Katharina Imhof-Berger"].title == "Senior Manager Regulatory Affairs"
    assert people["Aisha Raman"].title == "Director, Service Design"


def test_legacy_connections_without_url_are_keyed_by_name_and_company() -> None:
    people = contacts(read(SAMPLES / "Connections-2020-legacy.csv"))
    assert len(people) == 8 and people[0].line == 2
    keys = [p.key for p in people]
    assert keys[0] == "name:markus walti|bernina versicherungen"
    assert keys[1] == "name:walter gisler|"
    assert keys[3] == "name:jorg buhler|glarnisch engineering ag"
    assert all(p.urls == [] for p in people)
    assert people[3].connected_on == date(2020, 9, 2)


def test_connections_2022_preamble_without_url_column() -> None:
    items = read(DATA / "Connections-2022-no-url.csv")
    assert [type(i).__name__ for i in items] == ["ContactRecord", "HiddenMember", "ContactRecord"]
    jane = contacts(items)[1]
    assert jane.family_name == "Doe, Ph.D."
    assert jane.key == "name:jane doe, ph.d.|kanton zurich, amt fur wirtschaft"


def test_connections_resaved_by_german_excel() -> None:
    path = DATA / "Connections-excel.csv"
    items = read(path)
    juergen, urs, lukas = contacts(items)
    assert juergen.name == "Jürgen Müller" and juergen.connected_on == date(2021, 4, 4)
    assert juergen.key == "https://www.linkedin.com/in/juergen-mueller-zh"
    assert urs.key == "https://www.linkedin.com/in/ursbrunner" and urs.connected_on == date(2015, 3, 3)
    assert lukas.key == "https://www.linkedin.com/in/lukas-meier-hr" and lukas.connected_on == date(2024, 2, 14)
    assert items[-1] == BadRecord(str(path), 5, "bad.date", {"value": "31 Feb 2014"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24 Nov 2026", date(2026, 11, 24)),
        ("07 Jun 2025", date(2025, 6, 7)),
        ("4-Apr-21", date(2021, 4, 4)),
        ("24.11.26", date(2026, 11, 24)),
        ("24.11.2026", date(2026, 11, 24)),
        ("11/24/26", date(2026, 11, 24)),
        ("2026-11-24", date(2026, 11, 24)),
        ("3 Dez 2024", date(2024, 12, 3)),
    ],
)
def test_connected_on_forms(text: str, expected: date) -> None:
    assert parse_connected_on(text) == expected


@pytest.mark.parametrize("text", ["", "24 Foo 2026", "31 Feb 2014", "24/11/26", "yesterday"])
def test_connected_on_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_connected_on(text)


# -- messages.csv --------------------------------------------------------------------------------------------------


def test_messages_recognise_the_owner_and_directions() -> None:
    items = read(SAMPLES / "messages.csv")
    assert len(items) == 4 and all(isinstance(i, InteractionRecord) for i in items)
    messages = interactions(items)
    assert [(m.initiator, m.counterpart.name) for m in messages] == [
        (Initiator.ME, "Nicolas Favre"),
        (Initiator.THEM, "Nicolas Favre"),
        (Initiator.ME, "Aisha Raman"),
        (Initiator.THEM, "Simon Aebischer"),
    ]
    first = messages[0]
    assert first.counterpart == Person("Nicolas Favre", "https://www.linkedin.com/in/nicolas-favre-ch")
    assert first.occurred_at == datetime(2026, 11, 25, 17, 48, 31, tzinfo=UTC)
    assert first.channel is Channel.LINKEDIN and first.source == "linkedin" and first.line == 2
    assert first.key == f"2-QmVy|2026-11-25T17:48:31+00:00|{JULIA}"
    assert first.summary == "Lieber Nicolas, schön, dass wir uns gestern beim Apéro kennengelernt haben …"
    assert messages[1].summary == "Salut Julia, avec plaisir! À bientôt."
    assert messages[3].summary == "Hallo Julia, darf ich dich für ein Mandat als Referenz nennen?"
    assert len({m.key for m in messages}) == 4


@pytest.mark.parametrize("owner", ["Julia Baumann", "julia  baumann", JULIA + "/", "www.linkedin.com/in/julia-baumann"])
def test_the_owner_may_be_given_by_name_or_profile(owner: str) -> None:
    directions = [m.initiator for m in interactions(read(SAMPLES / "messages.csv", owner=owner))]
    assert directions == [Initiator.ME, Initiator.THEM, Initiator.ME, Initiator.THEM]


def test_a_message_the_owner_takes_no_part_in_is_a_bad_record() -> None:
    path = SAMPLES / "messages.csv"
    items = read(path, owner="Nicolas Favre")
    assert [type(i).__name__ for i in items] == ["InteractionRecord", "InteractionRecord", "BadRecord", "BadRecord"]
    assert items[2] == BadRecord(str(path), 4, "bad.unknown_person", {"owner": "Nicolas Favre"})


def test_group_messages_drafts_hidden_senders_and_spam() -> None:
    path = DATA / "messages-2026.csv"
    items = read(path)
    kinds = [(type(i).__name__, i.line) for i in items]
    assert kinds == [
        ("InteractionRecord", 2),  # Julia to Jane and Marco: one record each
        ("InteractionRecord", 2),
        ("InteractionRecord", 5),  # Marco to the group: one record, with Marco
        ("HiddenMember", 7),  # from "LinkedIn Member"; the draft (line 6) and the sponsored SPAM (8) are skipped
        ("BadRecord", 9),  # Thomas to Priya: not Julia's message
        ("BadRecord", 10),  # a date that is none
        ("InteractionRecord", 11),
    ]
    to_jane, to_marco, from_marco = interactions(items)[:3]
    assert to_jane.counterpart == Person("Jane Doe, Ph.D.", "https://www.linkedin.com/in/janedoe")
    assert to_marco.counterpart == Person("Marco Rossi", "https://www.linkedin.com/in/marco-rossi-ti")
    assert to_jane.key != to_marco.key and to_jane.key.startswith(to_marco.key.rsplit("|", 1)[0])
    assert to_jane.summary == "Hallo zusammen, wer kommt zum Alumni-Treffen? Julia"
    assert (from_marco.initiator, from_marco.counterpart.name) == (Initiator.THEM, "Marco Rossi")
    assert items[4] == BadRecord(str(path), 9, "bad.unknown_person", {"owner": "Julia Baumann"})
    assert items[5] == BadRecord(str(path), 10, "bad.time", {"value": "yesterday"})
    long = interactions(items)[-1].summary
    assert len(long) <= 201 and long.endswith("…") and long.startswith("Lorem ipsum")


def test_older_messages_without_recipient_profiles() -> None:
    messages = interactions(read(DATA / "messages-2021.csv"))
    assert [(m.initiator, m.counterpart.name) for m in messages] == [
        (Initiator.ME, "Stefan Huber"),
        (Initiator.THEM, "Stefan Huber"),
        (Initiator.THEM, "Mei Chen"),
    ]
    assert messages[0].counterpart.profile_url == ""
    assert messages[1].counterpart.profile_url == "https://www.linkedin.com/in/stefan-huber-ch"
    with_url = interactions(read(DATA / "messages-2021.csv", owner=JULIA))
    assert [m.initiator for m in with_url] == [m.initiator for m in messages]


def test_an_owner_that_cannot_be_told_must_be_given() -> None:
    path = DATA / "messages-one-conversation.csv"
    with pytest.raises(InputError) as error:
        read(path)
    code, facts = problem(error)
    assert code == "file.no_owner" and facts["detail"]
    assert [m.initiator for m in interactions(read(path, owner="Julia Baumann"))] == [Initiator.ME, Initiator.THEM]


def _messages_file(path: Path, partners: list[str]) -> Path:
    """Messages alternately from and to Julia, one per partner in the list."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["CONVERSATION ID", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS", "DATE"])
        for i, partner in enumerate(partners):
            me, them = ("Julia Baumann", JULIA), (partner, f"https://www.linkedin.com/in/{partner.lower()}")
            sender, recipient = (me, them) if i % 2 else (them, me)
            writer.writerow([f"c-{partner}", *sender, *recipient, f"2026-01-01 10:{i % 60:02d}:00 UTC"])
    return path


@pytest.mark.parametrize(
    "partners",
    [
        [f"P{i}" for i in range(1000)],  # everyone else once: found in the first messages
        ["Thomas"] * 300 + ["Priya"],  # one long conversation first: only the whole file tells
    ],
)
def test_the_owner_is_recognised_in_large_files(tmp_path: Path, partners: list[str]) -> None:
    messages = interactions(read(_messages_file(tmp_path / "messages.csv", partners)))
    assert len(messages) == len(partners)
    assert [m.initiator for m in messages[:4]] == [Initiator.THEM, Initiator.ME, Initiator.THEM, Initiator.ME]
    assert all(m.counterpart.name != "Julia Baumann" for m in messages)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-25 18:42:10 UTC", datetime(2026, 11, 25, 18, 42, 10, tzinfo=UTC)),
        ("2026/11/25 18:42:10 UTC", datetime(2026, 11, 25, 18, 42, 10, tzinfo=UTC)),
        ("2026-11-25T18:42:10Z", datetime(2026, 11, 25, 18, 42, 10, tzinfo=UTC)),
        ("2026-11-25 19:42:10+01:00", datetime(2026, 11, 25, 18, 42, 10, tzinfo=UTC)),
        ("2026-11-25 18:42", datetime(2026, 11, 25, 18, 42, tzinfo=UTC)),
    ],
)
def test_message_times(text: str, expected: datetime) -> None:
    assert parse_moment(text) == expected


# -- Invitations.csv -----------------------------------------------------------------------------------------------


def test_invitations_are_first_touches() -> None:
    outgoing, incoming = interactions(read(SAMPLES / "Invitations.csv"))
    assert outgoing.initiator is Initiator.ME
    assert outgoing.counterpart == Person("Nicolas Favre", "https://www.linkedin.com/in/nicolas-favre-ch")
    assert outgoing.occurred_at == datetime(2026, 11, 24, 21, 12, tzinfo=UTC)
    assert outgoing.summary == (
        "Lieber Nicolas, merci für das Gespräch über Schadenprozesse – gerne bleiben wir in Kontakt!"
    )
    assert outgoing.channel is Channel.LINKEDIN
    assert incoming.initiator is Initiator.THEM
    assert incoming.counterpart == Person("Irina Kovač", "https://www.linkedin.com/in/irina-kovac")
    assert incoming.occurred_at == datetime(2026, 2, 3, 7, 45, tzinfo=UTC)
    assert incoming.summary == "" and outgoing.key != incoming.key


def test_older_invitations_without_profiles() -> None:
    path = DATA / "Invitations-2021.csv"
    items = read(path)
    reto, chiara = interactions(items)
    assert reto.counterpart == Person("Reto Zimmermann") and reto.initiator is Initiator.ME
    assert chiara.occurred_at == datetime(2020, 12, 31, 23, 59, tzinfo=UTC)  # a narrow no-break space before PM
    assert chiara.summary == "Ciao Julia, ci siamo conosciute a Lugano."
    assert items[2] == BadRecord(str(path), 5, "bad.time", {"value": "13/45/21"})
    assert isinstance(items[3], BadRecord) and items[3].problem == "bad.direction"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11/24/26, 9:12 PM", datetime(2026, 11, 24, 21, 12, tzinfo=UTC)),
        ("1/28/26, 8:01 AM", datetime(2026, 1, 28, 8, 1, tzinfo=UTC)),
        ("1/28/26, 12:01 AM", datetime(2026, 1, 28, 0, 1, tzinfo=UTC)),
        ("1/28/26, 12:01 PM", datetime(2026, 1, 28, 12, 1, tzinfo=UTC)),
        ("1/28/2026, 17:30", datetime(2026, 1, 28, 17, 30, tzinfo=UTC)),
        ("2026-01-28 17:30:00 UTC", datetime(2026, 1, 28, 17, 30, tzinfo=UTC)),
    ],
)
def test_invitation_times(text: str, expected: datetime) -> None:
    assert parse_sent_at(text) == expected


# -- the archive and folders ---------------------------------------------------------------------------------------


def _archive(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def test_the_zip_is_read_in_place_in_order(tmp_path: Path) -> None:
    folder = "Basic_LinkedInDataExport_11-26-2026"
    path = _archive(
        tmp_path / f"{folder}.zip",
        {
            f"{folder}/messages.csv": _sample("messages.csv"),
            f"{folder}/Connections.csv": _sample("Connections.csv"),
            f"{folder}/Invitations.csv": _sample("Invitations.csv"),
            f"{folder}/Rich_Media.csv": b"Date/Time,Media Link\n",
            f"{folder}/guide_messages.csv": b"CONVERSATION ID,FROM,TO,DATE\n",
        },
    )
    items = read(path)
    assert len(contacts(items)) == 18 and len([i for i in items if isinstance(i, HiddenMember)]) == 2
    assert len(interactions(items)) == 6
    files = list(dict.fromkeys(i.file for i in items))
    assert files == [f"{path}/{folder}/{name}" for name in ("Connections.csv", "Invitations.csv", "messages.csv")]
    assert [m.initiator for m in interactions(items)[2:]] == [
        Initiator.ME,
        Initiator.THEM,
        Initiator.ME,
        Initiator.THEM,
    ]
    assert not list(tmp_path.glob("**/*.csv"))  # nothing extracted


def test_the_owner_comes_from_invitations_or_profile_in_the_archive(tmp_path: Path) -> None:
    one_conversation = (DATA / "messages-one-conversation.csv").read_bytes()
    with_invitations = _archive(
        tmp_path / "a.zip", {"Invitations.csv": _sample("Invitations.csv"), "messages.csv": one_conversation}
    )
    assert [m.initiator for m in interactions(read(with_invitations))[2:]] == [Initiator.ME, Initiator.THEM]
    with_profile = _archive(
        tmp_path / "b.zip",
        {
            "Profile.csv": b"First Name,Last Name,Maiden Name,Address,Birth Date,Headline\nJulia,Baumann,,,,Coach\n",
            "messages.csv": one_conversation,
        },
    )
    assert [m.initiator for m in interactions(read(with_profile))] == [Initiator.ME, Initiator.THEM]


def test_an_extracted_folder_is_read_like_the_zip(tmp_path: Path) -> None:
    (tmp_path / "export").mkdir()
    for name in ("Connections.csv", "messages.csv", "Invitations.csv"):
        (tmp_path / "export" / name).write_bytes(_sample(name))
    items = read(tmp_path)
    assert len(contacts(items)) == 18 and len(interactions(items)) == 6


@pytest.mark.parametrize(
    ("members", "detail"),
    [({"Profile.csv": b"First Name,Last Name\n"}, "no Connections.csv"), (None, "")],
)
def test_an_archive_that_is_no_linkedin_export(tmp_path: Path, members: dict[str, bytes] | None, detail: str) -> None:
    path = tmp_path / "export.zip"
    if members is None:
        _archive(path, {"Connections.csv": _sample("Connections.csv")})
        path.write_bytes(path.read_bytes()[:-30])  # the central directory cut short
    else:
        _archive(path, members)
    with pytest.raises(InputError) as error:
        read(path)
    code, facts = problem(error)
    assert code == "file.bad_zip" and str(facts["detail"]).startswith(detail)


def test_a_bad_member_is_named_with_the_archive(tmp_path: Path) -> None:
    path = _archive(tmp_path / "export.zip", {"x/Connections.csv": b"First Name,Last Name,Phone\nAnna,Frei,1\n"})
    with pytest.raises(InputError) as error:
        read(path)
    assert problem(error) == (
        "file.missing_columns",
        {"file": f"{path}/x/Connections.csv", "line": 1, "columns": "Connected On"},
    )


# -- properties ----------------------------------------------------------------------------------------------------

NAME = (
    st.lists(
        st.one_of(
            st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from([*"äöüÄÖÜßéè,;\"'\n\r\t ", "\r\n"])
        ),
        min_size=1,
        max_size=25,
    )
    .map("".join)
    .filter(lambda s: s.strip() == s and s != "")
)
OPTIONAL = st.one_of(st.just(""), NAME)
SLUG = st.from_regex(r"[a-z0-9][a-z0-9-]{0,29}", fullmatch=True)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ROW = st.tuples(NAME, NAME, SLUG, OPTIONAL, OPTIONAL, OPTIONAL, st.dates(date(2003, 1, 1), date(2030, 12, 31)))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("linkedin")


def _write(folder: Path, data: bytes, name: str = "input.csv") -> Path:
    """The data as the input file of a property test (each example overwrites the last)."""
    path = folder / name
    path.write_bytes(data)
    return path


@given(rows=st.lists(ROW, max_size=12))
def test_generated_connections_are_read_back_equal(
    scratch: Path, rows: list[tuple[str, str, str, str, str, str, date]]
) -> None:
    text = io.StringIO()
    text.write(PREAMBLE)
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    for first, last, slug, email, company, position, on in rows:
        when = f"{on.day:02d} {MONTHS[on.month - 1]} {on.year}"
        writer.writerow([first, last, f"https://www.linkedin.com/in/{slug}", email, company, position, when])
    items = read(_write(scratch, text.getvalue().encode("utf-8"), "Connections.csv"))
    assert all(isinstance(i, ContactRecord) for i in items)
    slug = "https://www.linkedin.com/in/"
    got = [
        (c.given_name, c.family_name, c.key.removeprefix(slug), c.emails, c.organisation, c.title, c.connected_on)
        for c in contacts(items)
    ]
    expected = [(f, la, s, [(e, "")] if e else [], co, p, on) for f, la, s, e, co, p, on in rows]
    assert got == expected


@given(data=st.binary(max_size=500), name=st.sampled_from(["x.csv", "Connections.csv", "messages.csv", "x.zip"]))
def test_arbitrary_bytes_yield_items_or_an_input_error(scratch: Path, data: bytes, name: str) -> None:
    try:
        for item in linkedin.read(str(_write(scratch, data, name))):
            assert isinstance(item, ContactRecord | InteractionRecord | BadRecord | HiddenMember)
    except InputError as error:
        assert error.code == "import.bad_file"


HEADERS = [
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT,FOLDER",
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
]
TOKENS = st.lists(
    st.sampled_from(
        [
            *',"\n\r ab:/-.0123456789',
            *(", ", "Julia", JULIA, "LinkedIn Member", "2026-11-25 18:42:10 UTC", "SPAM", "11/24/26, 9:12 PM"),
            *("24 Nov 2026", "OUTGOING", "INCOMING", "https://www.linkedin.com/in/x,"),
        ]
    ),
    max_size=60,
).map("".join)


@given(header=st.sampled_from(HEADERS), text=TOKENS, owner=st.sampled_from(["", "Julia"]))
def test_arbitrary_rows_yield_items_or_an_input_error(scratch: Path, header: str, text: str, owner: str) -> None:
    path = _write(scratch, f"{header}\n{text}".encode())
    try:
        for item in linkedin.read(str(path), owner=owner):
            assert isinstance(item, ContactRecord | InteractionRecord | BadRecord | HiddenMember)
    except InputError as error:
        assert error.code == "import.bad_file"


# -- a large export ------------------------------------------------------------------------------------------------


def test_a_large_connections_file_is_read_with_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(PREAMBLE)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for i in range(30_000):
            company = f"Firma {i % 700}, AG"
            writer.writerow(
                [f"Jürgen{i}", f"Müller {i}", f"https://www.linkedin.com/in/p-{i}", "", company, "Lead", "24 Nov 2024"]
            )
    tracemalloc.start()
    try:
        count = sum(1 for _ in linkedin.read(str(path)))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 30_000
    assert path.stat().st_size > 2_500_000
    assert peak < 1_000_000  # measured ~0.2 MB for a ~2.9 MB file: one record at a time
