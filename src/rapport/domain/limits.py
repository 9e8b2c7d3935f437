"""How long each stored field may be, in characters: one table for the schema, every input and every restore.

The schema's column lengths are these numbers, what a person types or an import brings is refused above them
(rapport.services.inputs), and a restore checks each value against its column: so whatever was accepted once is
stored, backed up and restored alike. Free text (notes, summaries, addresses) is stored without a length limit;
input refuses more than TEXT characters to keep one entry readable.
"""

from __future__ import annotations

NAME = 300  # a person's name as shown, and each of its parts (titles, given, middle, family name, suffix)
SEARCH_KEY = 700  # the folded forms of a name that look-ups search (rapport.domain.text.search_key)
ORGANISATION = 300
JOB_TITLE = 300
EMAIL = 320  # 64 for the local part, @, 255 for the domain
PHONE = 40
LABEL = 100  # of an e-mail address or a phone number
URL = 1000
TAG = 100
TOPIC = 200  # an interest
DATE_LABEL = 200  # of an anniversary
PLACE = 500  # where an interaction happened
CIRCLE = 50
GROUP = 200  # a group's name
SOURCE = 200  # where an imported detail came from (format and file name)
TEXT = 20_000  # free text typed in one go: a note, a summary, an address
