"""Which page a generated app opens on: its main list for tools, a landing page for the public.

A refunds desk, an HR tool or a plant diary is used by the people who keep it, who come to
work, not to be sold to; a marketplace, a booking site or a community greets strangers first.
"""

from __future__ import annotations

import re

from livebuild.brief.model import Brief

# Words that make an idea a product strangers visit; these win over everything.
_PUBLIC_STRONG = re.compile(
    r"\b(?:market ?places?|social (?:network|app|site)|communit(?:y|ies)|storefronts?|"
    r"online (?:shop|store)|e-?commerce|booking (?:site|app|page|platform)|"
    r"directory|platform (?:for|connecting|that connects)|"
    r"(?:site|platform|app|network|place) where|near you|\w+ sharing)\b"
)
# Words that make it a tool its keepers use every day.
_TOOL = re.compile(
    r"\b(?:inventory|inventories|crm|hr|refunds?|internal|tracker|track(?:s|ing)?|"
    r"journals?|diary|diaries|logs?|logging|log book|admin|back[- ]office|ledger|"
    r"my (?:small |own |whole )?(?:team|staff|shop|business|studio|clinic|practice)|"
    r"our (?:small |own |whole )?(?:team|staff|shop|business|studio|clinic|practice)|"
    r"staff|employees?|for myself|just for me|spreadsheets?|"
    # Someone's own records, or the work of running something, is a tool too.
    r"my|our|me|manag(?:e|es|ed|ing|ement)|schedul(?:e|es|ing)|organi[sz](?:e|es|ing)|keep)\b"
)
# Weaker signs of a public product, used when no tool words are present.
_PUBLIC = re.compile(
    r"\b(?:sell(?:s|ing)?|buy(?:s|ing)?|shop|store|book(?:s|ing)?|share(?:s|d)?|follow(?:s|ers?)?|"
    r"neighbou?rs|near you|customers can|clients can|visitors|members)\b"
)


def opens_on_list(brief: Brief) -> bool:
    """True when the app's home page should be its first list rather than a landing page."""
    # The idea's own words decide; the plan's copy ("keeping track of ...") says nothing here.
    text = (brief.idea[:4000] or brief.tagline).lower()
    if _PUBLIC_STRONG.search(text):
        return False
    if _TOOL.search(text):
        return True
    return not _PUBLIC.search(text)
