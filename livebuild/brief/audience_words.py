"""The words that say who a founder is: places they run, trades, and what is not a trade."""

from __future__ import annotations

from livebuild.english.words import wordset

# Places a founder runs that the lexicon's organisations don't name.
PLACES = wordset(
    """
    museum gallery lab laboratory bank yard cattery brewery microbrewery theatre centre
    center hostel marina campsite sanctuary shelter rescue warehouse pantry hospice
    trust college academy cooperative choir orchestra ensemble society association
    """
)
# What a mobile business works from: "a bike repair van" is for mobile bike repair businesses,
# never for "repair vans".
VEHICLES = wordset("van vans truck trucks lorry cart carts trailer trailers bus buses")
# People the app serves, never the founder's own trade ("portrait & family photographer").
SERVED = wordset(
    """
    family families friend kid child parent guest customer client member student patient
    tenant pupil brother sister wife husband partner mum dad son daughter
    """
)
# Words ending like a trade that name a thing, most of them the app itself.
NOT_AGENTS = wordset(
    """
    organiser organizer tracker planner manager finder counter timer scheduler
    calculator reminder builder register ledger folder binder order number water paper
    letter cover filter poster flyer server computer player printer sticker marker
    timetable calendar monitor logger recorder generator randomizer randomiser editor
    viewer reader counter checker helper holder keeper spreadsheet whiteboard diary
    inventory history colour color floor door corner border summer winter member
    """
)
# What follows "I teach", "we groom" that is no subject of the trade ("I tune about 15").
NOT_OBJECTS = wordset(
    """
    the our my their them for and with from about around some all every each lots loads
    many most over under kids children people
    """
)
# What is taught that names no subject: "I teach 4th grade", "I teach year 6".
LEVELS = wordset("grade year class form school kindergarten reception")
# Slang for a business, said plainly in who the app is for ("wedding DJ biz").
PLAIN_WORDS = {"biz": "business", "bizz": "business", "bizzes": "businesses", "bizes": "businesses"}
# Prepositions that say where the founder works ("classes in my garage"), not who it is for.
WHERE = frozenset({"in", "at", "from", "inside", "behind", "outside", "near"})
