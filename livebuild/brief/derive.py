"""Turn a founder's free-text idea into a structured, deterministic product brief.

Everything here is offline and rule based: the same idea always yields the same
brief, and any input (empty, huge, emoji, markup, other scripts) yields a usable one.
"""

from __future__ import annotations

import colorsys
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

FIELD_KINDS: tuple[str, ...] = ("text", "longtext", "number", "money", "date", "choice", "email")

# Long ideas are trimmed before parsing so regex work stays bounded.
_MAX_PARSE_CHARS = 4000


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entity:
    singular: str
    plural: str
    slug: str
    fields: tuple[Field, ...]
    seed: tuple[dict[str, str], ...]


@dataclass(frozen=True)
class Theme:
    primary: str
    accent: str
    background: str
    text: str
    font: str


@dataclass(frozen=True)
class Brief:
    idea: str
    product_name: str
    tagline: str
    target_users: str
    problem: str
    features: tuple[str, ...]
    entities: tuple[Entity, ...]
    theme: Theme

    def to_dict(self) -> dict[str, Any]:
        return {
            "idea": self.idea,
            "product_name": self.product_name,
            "tagline": self.tagline,
            "target_users": self.target_users,
            "problem": self.problem,
            "features": list(self.features),
            "entities": [
                {
                    "singular": e.singular,
                    "plural": e.plural,
                    "slug": e.slug,
                    "fields": [
                        {
                            "name": f.name,
                            "label": f.label,
                            "kind": f.kind,
                            "choices": list(f.choices),
                        }
                        for f in e.fields
                    ],
                    "seed": [dict(row) for row in e.seed],
                }
                for e in self.entities
            ],
            "theme": {
                "primary": self.theme.primary,
                "accent": self.theme.accent,
                "background": self.theme.background,
                "text": self.theme.text,
                "font": self.theme.font,
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Brief:
        theme = data["theme"]
        return cls(
            idea=str(data["idea"]),
            product_name=str(data["product_name"]),
            tagline=str(data["tagline"]),
            target_users=str(data["target_users"]),
            problem=str(data["problem"]),
            features=tuple(str(f) for f in data["features"]),
            entities=tuple(
                Entity(
                    singular=str(e["singular"]),
                    plural=str(e["plural"]),
                    slug=str(e["slug"]),
                    fields=tuple(
                        Field(
                            name=str(f["name"]),
                            label=str(f["label"]),
                            kind=str(f["kind"]),
                            choices=tuple(str(c) for c in f.get("choices", ())),
                        )
                        for f in e["fields"]
                    ),
                    seed=tuple({str(k): str(v) for k, v in row.items()} for row in e["seed"]),
                )
                for e in data["entities"]
            ),
            theme=Theme(
                primary=str(theme["primary"]),
                accent=str(theme["accent"]),
                background=str(theme["background"]),
                text=str(theme["text"]),
                font=str(theme["font"]),
            ),
        )


# --------------------------------------------------------------------------- domains


@dataclass(frozen=True)
class _EntitySpec:
    singular: str
    plural: str
    fields: tuple[str, ...]  # "name:Label:kind" or "name:Label:choice=A/B/C"
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class _Domain:
    key: str
    keywords: tuple[str, ...]
    roots: tuple[str, ...]
    users: str
    problem: str
    taglines: tuple[str, ...]
    features: tuple[str, ...]
    entities: tuple[_EntitySpec, ...]
    serif: bool = False


def _items(text: str, sep: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(sep) if part.strip())


def _entity(singular: str, plural: str, fields: str, rows: str) -> _EntitySpec:
    """Fields are `;`-separated specs (line breaks count as spaces); rows are one record per
    line, cells split by `|`."""
    specs = _items(fields.replace("\n", " "), ";")
    parsed = tuple(
        tuple(cell.strip() for cell in line.split("|")) for line in rows.strip().splitlines()
    )
    for row in parsed:
        if len(row) != len(specs):
            raise ValueError(f"{singular}: row {row!r} does not match {len(specs)} fields")
    return _EntitySpec(singular, plural, specs, parsed)


def _domain(
    *,
    key: str,
    keywords: str,
    roots: str,
    users: str,
    problem: str,
    taglines: tuple[str, ...],
    features: tuple[str, ...],
    entities: tuple[_EntitySpec, ...],
    serif: bool = False,
) -> _Domain:
    return _Domain(
        key=key,
        keywords=_items(keywords, ","),
        roots=tuple(roots.split()),
        users=users,
        problem=problem,
        taglines=taglines,
        features=features,
        entities=entities,
        serif=serif,
    )


_DOMAINS: tuple[_Domain, ...] = (
    _domain(
        key="pets",
        keywords=(
            "pet, dog, cat, puppy, kitten, vet, groom, grooming, walker, walking, paw, kennel, "
            "adoption, sitter, sitting"
        ),
        roots="Paw Wag Tail Fetch Woof Pup",
        users="Pet owners and the people who care for their animals",
        problem=(
            "Walks, feeding and vet visits get coordinated over scattered texts, so things are "
            "missed and owners worry."
        ),
        taglines=(
            "Happy pets, organised owners.",
            "Every walk, visit and treat in one place.",
            "Care for the animals you love, without the chaos.",
        ),
        features=(
            "Pet profiles with care notes",
            "Book walks and visits",
            "Visit history for every pet",
            "Reminders for vet check-ups",
            "Ratings for trusted carers",
        ),
        entities=(
            _entity(
                "Pet",
                "Pets",
                """
name:Name:text; species:Species:choice=Dog/Cat/Rabbit/Bird; breed:Breed:text; owner:Owner:text;
age:Age (years):number; notes:Care notes:longtext
""",
                """
Biscuit | Dog | Golden Retriever | Maya Thompson | 3 | Loves the park, pulls a little on the lead.
Miso | Cat | British Shorthair | Kenji Watanabe | 5 | Indoor only. Feed at 8am and 6pm.
Pepper | Dog | Border Collie | Laura Fischer | 2 | Very energetic, needs long walks.
Clover | Rabbit | Holland Lop | Sofia Rossi | 1 | Fresh greens daily.
Otis | Dog | French Bulldog | Daniel Okafor | 6 | Short walks only in hot weather.
Luna | Cat | Maine Coon | Priya Patel | 4 | Brush twice a week.
Kiwi | Bird | Budgerigar | Tom Becker | 2 | Cover cage at night.
""",
            ),
            _entity(
                "Visit",
                "Visits",
                """
pet:Pet:text; carer:Carer:text; date:Date:date; service:Service:choice=Walk/Sitting/Grooming/Vet
check; price:Price:money; status:Status:choice=Scheduled/Completed/Cancelled
""",
                """
Biscuit | Jordan Lee | 2026-03-02 | Walk | 18.00 | Completed
Pepper | Amara Nwosu | 2026-03-04 | Walk | 22.00 | Scheduled
Miso | Elena Garcia | 2026-03-05 | Sitting | 35.00 | Scheduled
Otis | Jordan Lee | 2026-03-07 | Grooming | 45.00 | Completed
Luna | Hannah Berg | 2026-03-09 | Vet check | 60.00 | Scheduled
Clover | Amara Nwosu | 2026-03-11 | Sitting | 28.00 | Cancelled
""",
            ),
        ),
    ),
    _domain(
        key="bookings",
        keywords=(
            "booking, appointment, salon, barber, reservation, schedule, scheduling, spa, "
            "massage, hairdresser, nail, calendar, slot, tattoo, beauty"
        ),
        roots="Slot Book Chair Time Cal Appoint",
        users="Independent studios and the clients who book them",
        problem=(
            "Bookings arrive by phone, DM and email, which leads to double-bookings, no-shows and"
            " lost evenings of admin."
        ),
        taglines=(
            "Bookings that run themselves.",
            "Fill your calendar, not your inbox.",
            "The easiest way for clients to book you.",
        ),
        features=(
            "Online booking in a few taps",
            "Service menu with prices",
            "Booking status at a glance",
            "Client notes and history",
            "Automatic reminders to cut no-shows",
        ),
        entities=(
            _entity(
                "Booking",
                "Bookings",
                """
client:Client:text; service:Service:text; date:Date:date; time:Time:text; price:Price:money;
status:Status:choice=Requested/Confirmed/Completed/Cancelled; notes:Notes:longtext
""",
                """
Olivia Bennett | Cut & blow-dry | 2026-02-16 | 09:30 | 55.00 | Confirmed | Prefers a quiet chair.
Marcus Hill | Beard trim | 2026-02-16 | 11:00 | 20.00 | Completed |
Aisha Rahman | Full colour | 2026-02-17 | 13:15 | 120.00 | Requested | Patch test done in January.
Lucas Moreau | Hot towel shave | 2026-02-18 | 16:45 | 32.00 | Confirmed |
Grace Kim | Balayage | 2026-02-20 | 10:00 | 165.00 | Confirmed | Bring reference photos.
Noah Schmidt | Cut & finish | 2026-02-21 | 12:30 | 45.00 | Cancelled | Rebook next week.
Isabel Costa | Manicure | 2026-02-23 | 15:00 | 38.00 | Requested |
""",
            ),
            _entity(
                "Service",
                "Services",
                """
name:Name:text; duration:Duration (min):number; price:Price:money;
description:Description:longtext
""",
                """
Cut & blow-dry | 60 | 55.00 | Wash, precision cut and a smooth finish.
Beard trim | 20 | 20.00 | Shape-up with clippers and razor line.
Full colour | 120 | 120.00 | Root-to-tip colour with gloss.
Balayage | 180 | 165.00 | Hand-painted highlights, toner included.
Manicure | 45 | 38.00 | Shape, cuticle care and polish.
Hot towel shave | 40 | 32.00 | Traditional straight-razor shave.
""",
            ),
        ),
    ),
    _domain(
        key="recipes",
        keywords=(
            "recipe, cooking, cook, meal, kitchen, ingredient, baking, dinner, cuisine, chef, "
            "vegan, foodie, grocery, groceries, mealplan"
        ),
        roots="Ladle Simmer Pantry Whisk Saffron Basil",
        users="Home cooks who want to plan meals without the stress",
        problem=(
            "Favourite recipes live in screenshots, cookbooks and browser tabs, so planning the "
            "week's meals takes far too long."
        ),
        taglines=(
            "Cook more, scroll less.",
            "Your recipes and meal plans, beautifully organised.",
            "From craving to cooked in minutes.",
        ),
        features=(
            "Save recipes with prep times",
            "Weekly meal planning",
            "Filter by cuisine and difficulty",
            "Serving sizes at a glance",
            "Step-by-step instructions",
        ),
        serif=True,
        entities=(
            _entity(
                "Recipe",
                "Recipes",
                """
title:Title:text; cuisine:Cuisine:choice=Italian/Mexican/Japanese/Indian/Middle Eastern/French;
prep_minutes:Prep time (min):number; servings:Servings:number;
difficulty:Difficulty:choice=Easy/Medium/Hard; instructions:Instructions:longtext
""",
                """
Lemon ricotta pasta | Italian | 20 | 4 | Easy | Stir hot pasta through ricotta, lemon and parmesan.
Chicken katsu curry | Japanese | 45 | 4 | Medium | Crumbed chicken in a rich curry sauce.
Black bean tacos | Mexican | 25 | 3 | Easy | Char tortillas, add spiced beans, slaw and lime.
Chana masala | Indian | 40 | 6 | Easy | Fry onion, garlic and spices, add chickpeas and tomatoes.
Shakshuka | Middle Eastern | 30 | 2 | Easy | Simmer peppers and tomatoes, then crack in eggs.
Coq au vin | French | 120 | 6 | Hard | Brown the chicken, braise slowly in red wine with mushrooms.
Miso salmon bowls | Japanese | 25 | 2 | Medium | Miso-glazed salmon over rice with greens.
""",
            ),
            _entity(
                "Meal plan",
                "Meal plans",
                """
recipe:Recipe:text; day:Day:date; meal:Meal:choice=Breakfast/Lunch/Dinner; cook:Cook:text
""",
                """
Shakshuka | 2026-03-02 | Breakfast | Sam
Lemon ricotta pasta | 2026-03-02 | Dinner | Alex
Black bean tacos | 2026-03-03 | Dinner | Sam
Chana masala | 2026-03-04 | Dinner | Jamie
Miso salmon bowls | 2026-03-05 | Lunch | Alex
Chicken katsu curry | 2026-03-06 | Dinner | Jamie
""",
            ),
        ),
    ),
    _domain(
        key="tasks",
        keywords=(
            "task, todo, to-do, project, kanban, productivity, sprint, team, deadline, checklist,"
            " workflow, agency, milestone"
        ),
        roots="Task Flow Ship Stride Sprint Focus",
        users="Small teams who need to ship work on time",
        problem=(
            "Work is spread across chats, docs and sticky notes, so nobody knows what is due, who"
            " owns it, or what is blocked."
        ),
        taglines=(
            "Plan it. Track it. Ship it.",
            "Know what's next, every morning.",
            "Calm, clear project tracking for small teams.",
        ),
        features=(
            "Tasks with owners and due dates",
            "Project overview with budgets",
            "Priority and status tracking",
            "See what is due this week",
            "Simple progress reports",
        ),
        entities=(
            _entity(
                "Task",
                "Tasks",
                """
title:Title:text; project:Project:text; assignee:Assignee:text; due_date:Due date:date;
priority:Priority:choice=Low/Medium/High/Urgent; status:Status:choice=To do/In progress/Done
""",
                """
Draft launch email | Spring launch | Nina Alvarez | 2026-04-03 | High | In progress
Fix checkout bug | Website refresh | Omar Haddad | 2026-03-28 | Urgent | To do
Interview two designers | Hiring | Chloe Martin | 2026-04-10 | Medium | To do
Update pricing page | Website refresh | Ben Carter | 2026-04-01 | Medium | Done
Book venue for offsite | Team offsite | Nina Alvarez | 2026-05-15 | Low | In progress
Write Q2 roadmap | Planning | Ravi Menon | 2026-04-07 | High | To do
Record product demo | Spring launch | Chloe Martin | 2026-04-05 | Medium | Done
""",
            ),
            _entity(
                "Project",
                "Projects",
                """
name:Name:text; owner:Owner:text; deadline:Deadline:date; budget:Budget:money;
status:Status:choice=Planning/Active/On hold/Shipped
""",
                """
Spring launch | Nina Alvarez | 2026-04-20 | 12000.00 | Active
Website refresh | Ben Carter | 2026-05-01 | 8500.00 | Active
Hiring | Chloe Martin | 2026-06-30 | 4000.00 | Planning
Team offsite | Nina Alvarez | 2026-05-22 | 6000.00 | On hold
Planning | Ravi Menon | 2026-04-12 | 0.00 | Active
Mobile beta | Omar Haddad | 2026-02-27 | 15000.00 | Shipped
""",
            ),
        ),
    ),
    _domain(
        key="events",
        keywords=(
            "event, conference, meetup, party, wedding, festival, rsvp, ticket, tickets, gig, "
            "concert, summit, gathering, venue"
        ),
        roots="Gather Venue Spark Rally Confetti Meet",
        users="Organisers running events for their community",
        problem=(
            "Guest lists, venues and tickets are tracked in spreadsheets that break the moment "
            "plans change."
        ),
        taglines=(
            "Events people remember, run without the spreadsheets.",
            "From first RSVP to final encore.",
            "Plan, sell and host events with ease.",
        ),
        features=(
            "Event pages with venues and dates",
            "Attendee lists and ticket types",
            "Capacity tracking",
            "Ticket pricing",
            "Check-in on the day",
        ),
        entities=(
            _entity(
                "Event",
                "Events",
                """
name:Name:text; venue:Venue:text; date:Date:date; capacity:Capacity:number; ticket_price:Ticket
price:money; category:Category:choice=Meetup/Workshop/Conference/Social
""",
                """
Founders breakfast | The Glasshouse | 2026-03-12 | 40 | 15.00 | Meetup
Intro to pottery | Clay Studio East | 2026-03-19 | 12 | 45.00 | Workshop
Product summit 2026 | Riverside Hall | 2026-05-07 | 350 | 199.00 | Conference
Spring rooftop social | Skyline Terrace | 2026-04-24 | 120 | 20.00 | Social
Design systems deep-dive | Loft 21 | 2026-04-02 | 30 | 60.00 | Workshop
Climate tech night | Hub Central | 2026-03-26 | 80 | 0.00 | Meetup
""",
            ),
            _entity(
                "Attendee",
                "Attendees",
                """
name:Name:text; email:Email:email; event:Event:text;
ticket:Ticket:choice=General/VIP/Speaker/Volunteer
""",
                """
Hannah Schultz | hannah.schultz@example.com | Product summit 2026 | VIP
Diego Ramos | diego@example.com | Founders breakfast | General
Mei Chen | mei.chen@example.com | Design systems deep-dive | Speaker
Arjun Singh | arjun.s@example.com | Spring rooftop social | General
Fatima Zahra | fatima@example.com | Climate tech night | Volunteer
Oscar Lindqvist | oscar@example.com | Product summit 2026 | General
""",
            ),
        ),
    ),
    _domain(
        key="invoices",
        keywords=(
            "invoice, invoicing, billing, freelancer, freelance, payment, quote, accounting, "
            "bookkeeping, contractor, receivable"
        ),
        roots="Ledger Paid Tally Bill Invo Remit",
        users="Freelancers and small studios who bill clients",
        problem=(
            "Invoices are built by hand and chased by memory, so payments arrive late and cash "
            "flow is a guess."
        ),
        taglines=(
            "Get paid on time, every time.",
            "Invoicing that keeps your cash flowing.",
            "Send it, track it, get paid.",
        ),
        features=(
            "Create invoices in seconds",
            "Track paid and overdue invoices",
            "Client directory with rates",
            "Due date reminders",
            "Monthly revenue overview",
        ),
        entities=(
            _entity(
                "Invoice",
                "Invoices",
                """
client:Client:text; number:Invoice no.:text; amount:Amount:money; issued:Issued:date; due_date:Due
date:date; status:Status:choice=Draft/Sent/Paid/Overdue
""",
                """
Northwind Coffee | INV-2026-014 | 2400.00 | 2026-02-02 | 2026-03-04 | Paid
Bluebird Studio | INV-2026-015 | 850.00 | 2026-02-09 | 2026-03-11 | Sent
Atlas Logistics | INV-2026-016 | 5600.00 | 2026-02-14 | 2026-03-16 | Overdue
Fern & Co | INV-2026-017 | 1200.00 | 2026-02-20 | 2026-03-22 | Sent
Pioneer Health | INV-2026-018 | 3150.00 | 2026-03-01 | 2026-03-31 | Draft
Northwind Coffee | INV-2026-019 | 980.00 | 2026-03-03 | 2026-04-02 | Draft
""",
            ),
            _entity(
                "Client",
                "Clients",
                """
name:Name:text; contact:Contact:text; email:Email:email; hourly_rate:Hourly rate:money
""",
                """
Northwind Coffee | Emma Walsh | emma@northwind.example | 95.00
Bluebird Studio | Leo Tanaka | leo@bluebird.example | 85.00
Atlas Logistics | Karen Doyle | k.doyle@atlas.example | 120.00
Fern & Co | Samir Aziz | samir@fern.example | 90.00
Pioneer Health | Julia Novak | julia@pioneer.example | 110.00
""",
            ),
        ),
    ),
    _domain(
        key="properties",
        keywords=(
            "property, rental, landlord, tenant, apartment, flat, lease, house, real estate, "
            "realtor, airbnb, letting, rent, housing, vacation rental"
        ),
        roots="Keyhold Nest Dwell Haven Porch Abode",
        users="Landlords and small property managers",
        problem=(
            "Leases, rents and repairs are tracked in spreadsheets and email threads, so renewals"
            " slip and vacancies linger."
        ),
        taglines=(
            "Your properties, calmly managed.",
            "Every lease, tenant and rent in one place.",
            "Less admin, happier tenants.",
        ),
        features=(
            "Property listings with rents",
            "Tenant directory and lease dates",
            "Vacancy tracking",
            "Lease renewal reminders",
            "Monthly rent overview",
        ),
        entities=(
            _entity(
                "Property",
                "Properties",
                """
name:Address:text; city:City:text; bedrooms:Bedrooms:number; rent:Monthly rent:money;
status:Status:choice=Available/Let/Under offer/Maintenance; available_from:Available from:date
""",
                """
12 Elm Street, Flat 2 | Bristol | 2 | 1350.00 | Let | 2026-08-01
48 Harbour View | Brighton | 3 | 1875.00 | Available | 2026-03-15
7 Mill Lane | York | 1 | 895.00 | Under offer | 2026-04-01
Apartment 5B, Canal Wharf | Manchester | 2 | 1420.00 | Let | 2026-10-01
The Old Bakery | Bath | 4 | 2600.00 | Maintenance | 2026-05-01
19 Orchard Close | Leeds | 3 | 1250.00 | Available | 2026-03-01
""",
            ),
            _entity(
                "Tenant",
                "Tenants",
                """
name:Name:text; email:Email:email; property:Property:text; lease_end:Lease ends:date;
rent:Rent:money
""",
                """
Chris Morgan | chris.morgan@example.com | 12 Elm Street, Flat 2 | 2026-07-31 | 1350.00
Ana Ferreira | ana.f@example.com | Apartment 5B, Canal Wharf | 2026-09-30 | 1420.00
Yusuf Demir | yusuf@example.com | 22 Park Row | 2026-06-30 | 1100.00
Ella Hughes | ella.hughes@example.com | 3 Rose Court | 2027-01-31 | 980.00
Tomasz Nowak | tomasz@example.com | 41 Quay Street | 2026-11-30 | 1525.00
""",
            ),
        ),
    ),
    _domain(
        key="courses",
        keywords=(
            "course, class, lesson, tutor, tutoring, teach, teaching, learning, bootcamp, "
            "academy, workshop, online course, cohort, instructor, language"
        ),
        roots="Learn Lesson Mentor Skill Cohort Bright",
        users="Independent teachers and the learners who enrol with them",
        problem=(
            "Course schedules, sign-ups and payments are handled by hand, so classes are half-"
            "empty or oversubscribed."
        ),
        taglines=(
            "Teach more, admin less.",
            "Courses learners love to join.",
            "Run your classes like a real school.",
        ),
        features=(
            "Course catalogue with levels",
            "Enrolment tracking",
            "Seats and waitlists",
            "Instructor schedules",
            "Progress overview for every cohort",
        ),
        entities=(
            _entity(
                "Course",
                "Courses",
                """
title:Title:text; instructor:Instructor:text; start_date:Starts:date; price:Price:money;
level:Level:choice=Beginner/Intermediate/Advanced; seats:Seats:number
""",
                """
Conversational Spanish | Lucia Moreno | 2026-03-09 | 240.00 | Beginner | 12
Watercolour foundations | Henry Clarke | 2026-03-14 | 180.00 | Beginner | 10
Python for analysts | Dr. Wei Zhang | 2026-04-06 | 420.00 | Intermediate | 20
Advanced pastry | Camille Dubois | 2026-04-18 | 560.00 | Advanced | 8
Public speaking lab | Marcus Reed | 2026-03-23 | 150.00 | Intermediate | 16
Piano for adults | Yuki Sato | 2026-05-04 | 300.00 | Beginner | 6
""",
            ),
            _entity(
                "Enrolment",
                "Enrolments",
                """
student:Student:text; email:Email:email; course:Course:text; enrolled_on:Enrolled on:date;
status:Status:choice=Active/Completed/Waitlist
""",
                """
Rachel Adams | rachel@example.com | Conversational Spanish | 2026-02-11 | Active
Kofi Mensah | kofi@example.com | Python for analysts | 2026-02-19 | Active
Lena Vogel | lena.vogel@example.com | Advanced pastry | 2026-02-22 | Waitlist
Mateo Silva | mateo@example.com | Watercolour foundations | 2026-01-30 | Completed
Hye-jin Park | hyejin@example.com | Piano for adults | 2026-03-01 | Active
""",
            ),
        ),
    ),
    _domain(
        key="shop",
        keywords=(
            "shop, store, ecommerce, e-commerce, product, order, sell, selling, merch, boutique, "
            "etsy, retail, handmade, catalog, catalogue, marketplace"
        ),
        roots="Cart Crate Shelf Market Parcel Goods",
        users="Independent makers selling online",
        problem=(
            "Orders, stock and customers are spread across marketplaces and notebooks, so items "
            "oversell and orders slip."
        ),
        taglines=(
            "Sell beautifully, ship confidently.",
            "Your little shop, running like a big one.",
            "Products, orders and customers in one calm place.",
        ),
        features=(
            "Product catalogue with stock levels",
            "Order tracking from paid to delivered",
            "Low-stock alerts",
            "Customer order history",
            "Sales overview",
        ),
        entities=(
            _entity(
                "Product",
                "Products",
                """
name:Name:text; category:Category:choice=Home/Apparel/Stationery/Accessories; price:Price:money;
stock:In stock:number; description:Description:longtext
""",
                """
Speckled stoneware mug | Home | 28.00 | 34 | Hand-thrown, dishwasher safe.
Linen apron | Apparel | 42.00 | 12 | Stonewashed linen with two pockets.
Dot grid notebook | Stationery | 16.00 | 80 | A5, 160 pages, lay-flat binding.
Brass key ring | Accessories | 12.00 | 55 | Solid brass, ages beautifully.
Wool throw blanket | Home | 95.00 | 6 | Merino blend, 130 x 180 cm.
Canvas tote | Accessories | 22.00 | 41 | Heavyweight organic cotton.
Letterpress card set | Stationery | 18.00 | 3 | Set of six with envelopes.
""",
            ),
            _entity(
                "Order",
                "Orders",
                """
customer:Customer:text; email:Email:email; total:Total:money; ordered_on:Ordered on:date;
status:Status:choice=Pending/Paid/Shipped/Delivered
""",
                """
Sophie Turner | sophie.t@example.com | 70.00 | 2026-02-25 | Delivered
James O'Brien | james.ob@example.com | 28.00 | 2026-02-27 | Shipped
Amina Yusuf | amina@example.com | 137.00 | 2026-03-01 | Paid
Felix Wagner | felix.w@example.com | 16.00 | 2026-03-02 | Pending
Carmen Ortiz | carmen@example.com | 95.00 | 2026-03-02 | Paid
Liam Murphy | liam.m@example.com | 64.00 | 2026-03-03 | Pending
""",
            ),
        ),
    ),
    _domain(
        key="gym",
        keywords=(
            "gym, member, membership, studio, yoga, pilates, crossfit, club, climbing, boxing, "
            "dance, fitness studio, coach"
        ),
        roots="Pulse Core Stride Flex Lift Studio",
        users="Studio owners and their members",
        problem=(
            "Memberships, class bookings and payments are juggled on paper, so members churn "
            "quietly and classes run half-full."
        ),
        taglines=(
            "Keep your members moving.",
            "The front desk for modern studios.",
            "Memberships and classes, beautifully simple.",
        ),
        features=(
            "Member directory with plans",
            "Class timetable with capacity",
            "Membership status tracking",
            "Monthly revenue at a glance",
            "Spot members who stopped coming",
        ),
        entities=(
            _entity(
                "Member",
                "Members",
                """
name:Name:text; email:Email:email; plan:Plan:choice=Monthly/Annual/Class pack/Student;
joined:Joined:date; monthly_fee:Monthly fee:money; status:Status:choice=Active/Paused/Cancelled
""",
                """
Zoe Mitchell | zoe.m@example.com | Monthly | 2025-11-03 | 49.00 | Active
Andre Costa | andre@example.com | Annual | 2025-06-15 | 39.00 | Active
Freya Nilsen | freya@example.com | Student | 2026-01-08 | 29.00 | Active
Malik Johnson | malik.j@example.com | Class pack | 2026-02-01 | 60.00 | Paused
Sara Lindberg | sara.l@example.com | Monthly | 2025-09-22 | 49.00 | Cancelled
Ethan Brooks | ethan@example.com | Annual | 2026-02-14 | 39.00 | Active
""",
            ),
            _entity(
                "Class",
                "Classes",
                """
name:Name:text; coach:Coach:text; date:Date:date; capacity:Capacity:number;
intensity:Intensity:choice=Gentle/Moderate/High
""",
                """
Sunrise flow | Maya Collins | 2026-03-02 | 18 | Gentle
Strength circuit | Jake Foster | 2026-03-02 | 14 | High
Mobility reset | Maya Collins | 2026-03-03 | 12 | Gentle
Spin 45 | Priya Shah | 2026-03-04 | 20 | High
Core & stretch | Jake Foster | 2026-03-05 | 16 | Moderate
""",
            ),
        ),
    ),
    _domain(
        key="support",
        keywords=(
            "support, helpdesk, help desk, customer service, bug, issue, complaint, feedback, "
            "ticketing, incident, service desk"
        ),
        roots="Help Reply Resolve Desk Assist Answer",
        users="Support teams looking after their customers",
        problem=(
            "Customer requests pile up in a shared inbox, so urgent issues get buried and "
            "customers wait too long."
        ),
        taglines=(
            "Every customer answered, nothing forgotten.",
            "Support that feels personal at any size.",
            "Calm inbox, happy customers.",
        ),
        features=(
            "Tickets with priorities",
            "Open, pending and solved views",
            "Customer history at a glance",
            "Response time tracking",
            "Search every conversation",
        ),
        entities=(
            _entity(
                "Ticket",
                "Tickets",
                """
subject:Subject:text; customer:Customer:text;
priority:Priority:choice=Low/Normal/High/Urgent; status:Status:choice=Open/Pending/Solved;
opened:Opened:date; description:Description:longtext
""",
                """
Can't reset my password | Laura Chen | High | Open | 2026-03-02 | The reset email never arrives.
Invoice shows wrong VAT | Peter Holm | Normal | Pending | 2026-03-01 | VAT number missing on PDFs.
App crashes on upload | Nadia Karim | Urgent | Open | 2026-03-03 | Files over 20 MB fail.
Please add a dark mode | Ollie Grant | Low | Solved | 2026-02-20 | Would love a dark theme.
Cancel my subscription | Rosa Jimenez | Normal | Solved | 2026-02-26 | End of month, please.
Export to CSV is empty | Victor Lang | High | Pending | 2026-03-02 | Only headers come out.
""",
            ),
        ),
    ),
    _domain(
        key="hiring",
        keywords=(
            "job, hiring, recruit, recruiting, recruitment, candidate, applicant, career, resume,"
            " cv, interview, talent, vacancy"
        ),
        roots="Hire Talent Role Recruit Offer Crew",
        users="Hiring managers at growing companies",
        problem=(
            "Candidates are tracked in inboxes and spreadsheets, so great applicants fall through"
            " the cracks."
        ),
        taglines=(
            "Hire great people, faster.",
            "Every role and candidate, beautifully tracked.",
            "A calmer way to build your team.",
        ),
        features=(
            "Job openings with salaries",
            "Candidate pipeline by stage",
            "Interview tracking",
            "Team-by-team hiring overview",
            "Never lose a great applicant",
        ),
        entities=(
            _entity(
                "Job",
                "Jobs",
                """
title:Title:text; team:Team:choice=Engineering/Design/Sales/Operations; location:Location:text;
salary:Salary:money; status:Status:choice=Open/Interviewing/Filled; posted:Posted:date
""",
                """
Senior backend engineer | Engineering | Remote (EU) | 95000.00 | Interviewing | 2026-02-02
Product designer | Design | Berlin | 72000.00 | Open | 2026-02-16
Account executive | Sales | London | 65000.00 | Open | 2026-02-23
Operations lead | Operations | Lisbon | 58000.00 | Filled | 2026-01-12
Frontend engineer | Engineering | Remote | 80000.00 | Open | 2026-03-01
""",
            ),
            _entity(
                "Candidate",
                "Candidates",
                """
name:Name:text; email:Email:email; role:Role:text;
stage:Stage:choice=Applied/Screen/Interview/Offer/Hired; applied:Applied:date
""",
                """
Amelia Watson | amelia.w@example.com | Product designer | Interview | 2026-02-18
Rahul Verma | rahul.v@example.com | Senior backend engineer | Offer | 2026-02-05
Chiara Bianchi | chiara@example.com | Account executive | Screen | 2026-02-25
Jonas Weber | jonas.w@example.com | Frontend engineer | Applied | 2026-03-02
Naomi Clarke | naomi@example.com | Operations lead | Hired | 2026-01-15
Samuel Osei | samuel@example.com | Senior backend engineer | Interview | 2026-02-09
""",
            ),
        ),
    ),
    _domain(
        key="crm",
        keywords=(
            "crm, client, customer, lead, leads, sales, deal, pipeline, contact, prospect, "
            "outreach, relationship"
        ),
        roots="Rapport Pipeline Close Deal Signal Bond",
        users="Founders and small sales teams",
        problem=(
            "Leads live in inboxes and memory, so follow-ups are forgotten and deals quietly go "
            "cold."
        ),
        taglines=(
            "Never let a good lead go cold.",
            "A CRM small teams actually enjoy.",
            "Relationships, deals and follow-ups in one place.",
        ),
        features=(
            "Contact list with companies",
            "Deal pipeline by stage",
            "Expected revenue at a glance",
            "Follow-up dates that stick",
            "Search across every contact",
        ),
        entities=(
            _entity(
                "Contact",
                "Contacts",
                """
name:Name:text; company:Company:text; email:Email:email;
status:Status:choice=Lead/Prospect/Customer; last_contacted:Last contacted:date
""",
                """
Helen Park | Brightline Media | helen@brightline.example | Customer | 2026-02-26
George Adeyemi | Orbit Foods | george@orbit.example | Prospect | 2026-03-02
Marta Kowalska | Vela Design | marta@vela.example | Lead | 2026-02-18
Ivan Petrov | Northstar Labs | ivan@northstar.example | Prospect | 2026-02-28
Claire Dubois | Maison Verte | claire@maisonverte.example | Customer | 2026-01-30
Sean Walsh | Tidewater Inc | sean@tidewater.example | Lead | 2026-03-03
""",
            ),
            _entity(
                "Deal",
                "Deals",
                """
name:Name:text; company:Company:text; value:Value:money;
stage:Stage:choice=Qualified/Proposal/Negotiation/Won/Lost; close_date:Close date:date
""",
                """
Annual licence | Brightline Media | 18000.00 | Won | 2026-02-20
Pilot project | Orbit Foods | 6500.00 | Proposal | 2026-03-20
Team rollout | Northstar Labs | 24000.00 | Negotiation | 2026-04-02
Starter plan | Vela Design | 2400.00 | Qualified | 2026-04-15
Expansion | Maison Verte | 9800.00 | Lost | 2026-02-10
""",
            ),
        ),
    ),
    _domain(
        key="expenses",
        keywords=(
            "expense, expenses, budget, budgeting, spending, finance, savings, receipt, money, "
            "household, personal finance, split, bills"
        ),
        roots="Penny Coin Thrift Budget Spend Wallet",
        users="Households and flatmates who share costs",
        problem=(
            "Spending is scattered across cards and receipts, so nobody knows where the money "
            "went until it's gone."
        ),
        taglines=(
            "Know where every pound goes.",
            "Budgets that feel effortless.",
            "Spend with confidence, save without trying.",
        ),
        features=(
            "Log expenses in seconds",
            "Spending by category",
            "Monthly budget limits",
            "See who paid what",
            "Month-by-month trends",
        ),
        entities=(
            _entity(
                "Expense",
                "Expenses",
                """
description:Description:text;
category:Category:choice=Groceries/Rent/Transport/Dining/Utilities/Fun; amount:Amount:money;
date:Date:date; paid_by:Paid by:text
""",
                """
Weekly groceries | Groceries | 86.40 | 2026-03-01 | Alex
March rent | Rent | 1450.00 | 2026-03-01 | Sam
Train tickets | Transport | 42.50 | 2026-03-02 | Jamie
Dinner at Luca's | Dining | 64.00 | 2026-03-03 | Alex
Electricity bill | Utilities | 97.30 | 2026-03-04 | Sam
Cinema night | Fun | 28.00 | 2026-03-05 | Jamie
Farmers market | Groceries | 31.20 | 2026-03-07 | Sam
""",
            ),
            _entity(
                "Budget",
                "Budgets",
                """
category:Category:text; monthly_limit:Monthly limit:money; owner:Owner:text
""",
                """
Groceries | 400.00 | Alex
Dining | 150.00 | Jamie
Transport | 120.00 | Sam
Fun | 100.00 | Jamie
Utilities | 220.00 | Sam
""",
            ),
        ),
    ),
    _domain(
        key="garden",
        keywords=(
            "plant, garden, gardening, watering, seed, houseplant, greenhouse, allotment, "
            "succulent, flower, botanical, compost"
        ),
        roots="Sprout Leaf Fern Bloom Moss Grove",
        users="Plant lovers and home gardeners",
        problem=(
            "It's hard to remember what needs watering, feeding or repotting, so plants quietly "
            "wilt."
        ),
        taglines=(
            "Happy plants, no guesswork.",
            "A little reminder goes a long way.",
            "Grow more, forget less.",
        ),
        features=(
            "Plant profiles with care notes",
            "Watering schedules",
            "Track where each plant lives",
            "Reminders before leaves droop",
            "Care history over time",
        ),
        entities=(
            _entity(
                "Plant",
                "Plants",
                """
name:Name:text; species:Species:text; location:Location:choice=Living
room/Kitchen/Balcony/Bedroom/Greenhouse; last_watered:Last watered:date; water_every:Water every
(days):number; notes:Notes:longtext
""",
                """
Monty | Monstera deliciosa | Living room | 2026-03-01 | 7 | Likes bright, indirect light.
Basil | Ocimum basilicum | Kitchen | 2026-03-03 | 2 | Pinch tops to keep it bushy.
Figgy | Ficus lyrata | Bedroom | 2026-02-26 | 10 | Don't move it around.
Tomato row | Solanum lycopersicum | Greenhouse | 2026-03-03 | 1 | Feed weekly once flowering.
Sunny | Aloe vera | Balcony | 2026-02-20 | 21 | Let soil dry out fully.
Trailing pothos | Epipremnum aureum | Living room | 2026-02-28 | 7 | Cuttings root easily in water.
""",
            ),
        ),
    ),
    _domain(
        key="library",
        keywords=(
            "book, books, library, reading, reader, novel, bookclub, book club, author, "
            "bookshelf, literature"
        ),
        roots="Chapter Shelf Folio Page Inkwell Spine",
        users="Readers and book clubs",
        problem=(
            "Reading lists, loans and notes end up in scattered apps, so good books are forgotten"
            " and loans never come back."
        ),
        taglines=(
            "Your reading life, beautifully shelved.",
            "Track every book you love.",
            "Read more, remember more.",
        ),
        features=(
            "Personal bookshelf with ratings",
            "Track loans and due dates",
            "Reading status at a glance",
            "Genres and page counts",
            "Yearly reading stats",
        ),
        serif=True,
        entities=(
            _entity(
                "Book",
                "Books",
                """
title:Title:text; author:Author:text;
genre:Genre:choice=Fiction/Non-fiction/Sci-fi/Mystery/Biography; pages:Pages:number;
status:Status:choice=Want to read/Reading/Finished; finished_on:Finished on:date
""",
                """
The Left Hand of Darkness | Ursula K. Le Guin | Sci-fi | 304 | Finished | 2026-01-18
Braiding Sweetgrass | Robin Wall Kimmerer | Non-fiction | 408 | Reading |
The Thursday Murder Club | Richard Osman | Mystery | 400 | Finished | 2026-02-09
Pachinko | Min Jin Lee | Fiction | 496 | Want to read |
Educated | Tara Westover | Biography | 352 | Finished | 2026-02-27
Project Hail Mary | Andy Weir | Sci-fi | 496 | Reading |
""",
            ),
            _entity(
                "Loan",
                "Loans",
                """
book:Book:text; borrower:Borrower:text; borrowed:Borrowed:date; due:Due back:date;
status:Status:choice=Out/Returned/Overdue
""",
                """
Pachinko | Ruth Evans | 2026-02-10 | 2026-03-10 | Out
Educated | Kwame Asante | 2026-01-20 | 2026-02-20 | Overdue
The Left Hand of Darkness | Ines Duarte | 2026-02-01 | 2026-03-01 | Returned
Project Hail Mary | Ben Harper | 2026-02-24 | 2026-03-24 | Out
Braiding Sweetgrass | Lily Zhou | 2026-03-02 | 2026-04-02 | Out
""",
            ),
        ),
    ),
    _domain(
        key="travel",
        keywords=(
            "trip, travel, itinerary, vacation, holiday, flight, hotel, journey, backpacking, "
            "tour, road trip, destination, traveller, traveler"
        ),
        roots="Roam Wander Atlas Compass Voyage Jaunt",
        users="Travellers planning trips with friends and family",
        problem=(
            "Flights, bookings and plans are buried in email and group chats, so trips start with"
            " stress instead of excitement."
        ),
        taglines=(
            "Every trip, perfectly planned.",
            "Your itineraries, all in one place.",
            "Plan less, explore more.",
        ),
        features=(
            "Trip plans with budgets",
            "Day-by-day activities",
            "Shared itineraries",
            "Costs tracked per trip",
            "Countdown to departure",
        ),
        entities=(
            _entity(
                "Trip",
                "Trips",
                """
name:Name:text; destination:Destination:text; start_date:Starts:date; end_date:Ends:date;
budget:Budget:money; status:Status:choice=Dreaming/Planning/Booked/Done
""",
                """
Lisbon long weekend | Lisbon, Portugal | 2026-04-09 | 2026-04-13 | 900.00 | Booked
Kyoto in autumn | Kyoto, Japan | 2026-10-28 | 2026-11-08 | 3800.00 | Planning
Highlands road trip | Inverness, Scotland | 2026-06-14 | 2026-06-21 | 1500.00 | Planning
Sicily with family | Palermo, Italy | 2026-08-02 | 2026-08-12 | 4200.00 | Booked
Iceland ring road | Reykjavík, Iceland | 2027-02-10 | 2027-02-20 | 5000.00 | Dreaming
Paris birthday | Paris, France | 2026-01-22 | 2026-01-25 | 750.00 | Done
""",
            ),
            _entity(
                "Activity",
                "Activities",
                """
name:Name:text; trip:Trip:text; date:Date:date; cost:Cost:money;
category:Category:choice=Food/Sightseeing/Outdoors/Transport/Stay
""",
                """
Pastéis de Belém tasting | Lisbon long weekend | 2026-04-10 | 25.00 | Food
Fushimi Inari at dawn | Kyoto in autumn | 2026-10-29 | 0.00 | Sightseeing
Hike to Old Man of Storr | Highlands road trip | 2026-06-16 | 0.00 | Outdoors
Ferry to Stromboli | Sicily with family | 2026-08-05 | 180.00 | Transport
Ryokan night | Kyoto in autumn | 2026-11-02 | 420.00 | Stay
""",
            ),
        ),
    ),
    _domain(
        key="workouts",
        keywords=(
            "workout, exercise, training, running, runner, lifting, marathon, fitness, cycling, "
            "strength, athlete, swim, triathlon"
        ),
        roots="Stride Rep Pace Kinetic Sweat Tempo",
        users="Runners and athletes training toward a goal",
        problem=(
            "Training is logged across watches, notes and memory, so progress is hard to see and "
            "easy to lose."
        ),
        taglines=(
            "Train smarter, see your progress.",
            "Every rep and mile, counted.",
            "Your training log, finally in one place.",
        ),
        features=(
            "Log workouts in seconds",
            "Distance and duration totals",
            "Training by type",
            "Weekly progress charts",
            "Personal bests",
        ),
        entities=(
            _entity(
                "Workout",
                "Workouts",
                """
name:Name:text; type:Type:choice=Run/Strength/Cycling/Swim/Yoga; date:Date:date; duration:Duration
(min):number; distance:Distance (km):number; notes:Notes:longtext
""",
                """
Easy recovery run | Run | 2026-03-01 | 35 | 6.2 | Kept heart rate low.
Upper body strength | Strength | 2026-03-02 | 50 | 0 | Bench 3x5 at 60 kg.
Hill repeats | Run | 2026-03-03 | 45 | 8.0 | 8 x 90 s hills.
Canal ride | Cycling | 2026-03-04 | 80 | 32.5 | Windy on the way back.
Technique swim | Swim | 2026-03-05 | 40 | 1.8 | Focus on catch.
Long run | Run | 2026-03-07 | 110 | 21.1 | Half marathon distance!
Evening flow | Yoga | 2026-03-08 | 30 | 0 | Hips and hamstrings.
""",
            ),
        ),
    ),
    _domain(
        key="clinic",
        keywords=(
            "patient, clinic, doctor, therapist, therapy, dental, dentist, medical, health, "
            "physio, physiotherapy, nurse, counselling"
        ),
        roots="Care Vital Clinic Heal Well Medi",
        users="Small clinics and independent practitioners",
        problem=(
            "Patient details and appointments are split between paper files and phone calls, "
            "which wastes time and risks mistakes."
        ),
        taglines=(
            "Care for patients, not paperwork.",
            "A calm front desk for your practice.",
            "Appointments and patient notes, simply organised.",
        ),
        features=(
            "Patient records",
            "Appointment schedule",
            "Visit reasons and notes",
            "Appointment status tracking",
            "Daily clinic overview",
        ),
        entities=(
            _entity(
                "Patient",
                "Patients",
                """
name:Name:text; email:Email:email; date_of_birth:Date of birth:date; phone:Phone:text;
notes:Notes:longtext
""",
                """
Eleanor Hughes | eleanor.h@example.com | 1984-06-12 | 07700 900123 | Allergic to penicillin.
Kwame Boateng | kwame@example.com | 1991-02-03 | 07700 900456 |
Sofia Lindgren | sofia.l@example.com | 1978-11-27 | 07700 900789 | Prefers morning slots.
Rohan Mehta | rohan@example.com | 2001-09-15 | 07700 900321 | Sports injury, left knee.
Margaret O'Neill | margaret@example.com | 1956-04-30 | 07700 900654 | Needs step-free access.
""",
            ),
            _entity(
                "Appointment",
                "Appointments",
                """
patient:Patient:text; clinician:Clinician:text; date:Date:date;
reason:Reason:choice=Check-up/Follow-up/Consultation/Treatment;
status:Status:choice=Booked/Arrived/Completed/No-show
""",
                """
Eleanor Hughes | Dr. Sarah Lin | 2026-03-03 | Check-up | Completed
Rohan Mehta | Tom Fraser (physio) | 2026-03-04 | Treatment | Booked
Sofia Lindgren | Dr. Sarah Lin | 2026-03-05 | Follow-up | Booked
Kwame Boateng | Dr. Ayo Bello | 2026-03-05 | Consultation | Arrived
Margaret O'Neill | Dr. Ayo Bello | 2026-03-06 | Check-up | Booked
Rohan Mehta | Tom Fraser (physio) | 2026-02-25 | Treatment | No-show
""",
            ),
        ),
    ),
    _domain(
        key="school",
        keywords=(
            "student, school, teacher, classroom, grade, homework, assignment, pupil, education, "
            "kindergarten, parent, exam"
        ),
        roots="Class Chalk Scholar Bright Quill Campus",
        users="Teachers keeping track of students and classwork",
        problem=(
            "Students, assignments and grades are tracked across paper and spreadsheets, so "
            "nothing gives a clear picture of the class."
        ),
        taglines=(
            "Your classroom, beautifully organised.",
            "Spend time teaching, not tracking.",
            "Every student, every assignment, at a glance.",
        ),
        features=(
            "Student roster with guardians",
            "Assignments with due dates",
            "Grades and scores",
            "See who needs help",
            "Class progress overview",
        ),
        entities=(
            _entity(
                "Student",
                "Students",
                """
name:Name:text; year:Year group:choice=Year 7/Year 8/Year 9/Year 10; guardian_email:Guardian
email:email; enrolled:Enrolled:date
""",
                """
Ava Robinson | Year 7 | k.robinson@example.com | 2025-09-03
Leo Nakamura | Year 8 | nakamura.family@example.com | 2024-09-04
Ibrahim Diallo | Year 9 | m.diallo@example.com | 2023-09-05
Mia Kowalski | Year 7 | a.kowalski@example.com | 2025-09-03
Oliver Grant | Year 10 | grant.home@example.com | 2022-09-06
Zara Ahmed | Year 8 | s.ahmed@example.com | 2024-09-04
""",
            ),
            _entity(
                "Assignment",
                "Assignments",
                """
title:Title:text; subject:Subject:choice=Maths/English/Science/History/Art; due_date:Due
date:date; max_score:Max score:number
""",
                """
Fractions worksheet | Maths | 2026-03-06 | 20
Persuasive letter | English | 2026-03-10 | 30
Plant cell diagram | Science | 2026-03-12 | 15
Tudor timeline | History | 2026-03-17 | 25
Self-portrait sketch | Art | 2026-03-20 | 10
""",
            ),
        ),
    ),
    _domain(
        key="donations",
        keywords=(
            "donation, donor, charity, nonprofit, non-profit, fundraising, fundraiser, donate, "
            "foundation, crowdfunding, cause, ngo"
        ),
        roots="Kind Give Hearth Beacon Uplift Gather",
        users="Small charities and the donors who support them",
        problem=(
            "Donations arrive through many channels, so thanking donors and reporting progress "
            "takes days of admin."
        ),
        taglines=(
            "Every gift counted, every donor thanked.",
            "Fundraising that feels human.",
            "Grow your cause with clarity.",
        ),
        features=(
            "Donation log with donors",
            "Campaign goals and progress",
            "Totals by campaign",
            "Thank-you follow-ups",
            "Donor history",
        ),
        entities=(
            _entity(
                "Donation",
                "Donations",
                """
donor:Donor:text; email:Email:email; amount:Amount:money; date:Date:date;
campaign:Campaign:choice=Winter appeal/Clean rivers/School meals/General fund
""",
                """
Patricia Moore | patricia@example.com | 250.00 | 2026-02-14 | Winter appeal
Hiroshi Tanaka | hiroshi@example.com | 50.00 | 2026-02-18 | Clean rivers
The Ellis Family | ellis@example.com | 1000.00 | 2026-02-21 | School meals
Anonymous | giving@example.com | 20.00 | 2026-02-25 | General fund
Bright Bakery Ltd | hello@brightbakery.example | 500.00 | 2026-03-01 | School meals
Lucía Hernández | lucia@example.com | 75.00 | 2026-03-03 | Clean rivers
""",
            ),
            _entity(
                "Campaign",
                "Campaigns",
                """
name:Name:text; goal:Goal:money; ends:Ends:date; status:Status:choice=Planned/Live/Closed
""",
                """
Winter appeal | 15000.00 | 2026-03-31 | Live
Clean rivers | 8000.00 | 2026-06-30 | Live
School meals | 25000.00 | 2026-09-01 | Live
Summer camp fund | 6000.00 | 2026-07-15 | Planned
Flood relief | 12000.00 | 2026-01-31 | Closed
""",
            ),
        ),
    ),
    _domain(
        key="inventory",
        keywords=(
            "inventory, stock, warehouse, supplies, supply, equipment, asset, stockroom, sku, "
            "parts, restock, wholesale"
        ),
        roots="Stock Bin Tally Crate Pallet Count",
        users="Small businesses keeping track of stock",
        problem=(
            "Stock counts live in spreadsheets that are always out of date, so items run out or "
            "pile up unnoticed."
        ),
        taglines=(
            "Always know what's on the shelf.",
            "Inventory without the spreadsheets.",
            "Count less, sell more.",
        ),
        features=(
            "Item list with SKUs",
            "Quantities by location",
            "Reorder alerts",
            "Stock value at a glance",
            "Supplier directory",
        ),
        entities=(
            _entity(
                "Item",
                "Items",
                """
name:Name:text; sku:SKU:text; location:Location:choice=Shelf A/Shelf B/Back room/Van;
quantity:Quantity:number; unit_cost:Unit cost:money; reorder_at:Reorder at:number
""",
                """
Kraft shipping box (M) | BOX-M-001 | Back room | 240 | 0.65 | 100
Thermal label roll | LBL-TH-100 | Shelf A | 18 | 4.20 | 20
Packing tape | TAPE-48 | Shelf B | 36 | 1.80 | 24
Bubble wrap (50 m) | WRAP-50 | Back room | 5 | 14.90 | 6
Tissue paper pack | TIS-200 | Shelf A | 62 | 3.10 | 30
Cordless drill | EQ-DRL-01 | Van | 2 | 89.00 | 1
""",
            ),
            _entity(
                "Supplier",
                "Suppliers",
                """
name:Name:text; email:Email:email; lead_time:Lead time (days):number;
category:Category:choice=Packaging/Tools/Office
""",
                """
PackRight Supplies | orders@packright.example | 3 | Packaging
Toolhouse Direct | sales@toolhouse.example | 5 | Tools
Paper & Post | hello@paperpost.example | 2 | Office
EcoWrap Ltd | trade@ecowrap.example | 7 | Packaging
Labelcraft | support@labelcraft.example | 4 | Office
""",
            ),
        ),
    ),
    _domain(
        key="restaurant",
        keywords=(
            "restaurant, menu, cafe, café, bakery, dish, food truck, bistro, diner, pizzeria, "
            "takeaway, brunch, coffee"
        ),
        roots="Plate Table Crumb Bistro Fork Saffron",
        users="Independent restaurants and cafés",
        problem=(
            "Menus, reservations and specials change daily but live on paper, so staff and guests"
            " are always out of date."
        ),
        taglines=(
            "Full tables, happy kitchen.",
            "Your menu and bookings, beautifully simple.",
            "Run the room, not the paperwork.",
        ),
        features=(
            "Menu with sections and prices",
            "Table reservations",
            "Party sizes at a glance",
            "Dietary labels",
            "Tonight's covers overview",
        ),
        serif=True,
        entities=(
            _entity(
                "Dish",
                "Dishes",
                """
name:Name:text; section:Section:choice=Starters/Mains/Desserts/Drinks; price:Price:money;
dietary:Dietary:choice=None/Vegetarian/Vegan/Gluten-free; description:Description:longtext
""",
                """
Burrata & blood orange | Starters | 11.50 | Vegetarian | Pistachio crumb, basil oil.
Crispy squid | Starters | 9.00 | None | Lime aioli, chilli salt.
Braised short rib | Mains | 24.00 | Gluten-free | Celeriac purée, red wine jus.
Wild mushroom risotto | Mains | 18.50 | Vegetarian | Aged parmesan, thyme.
Charred hispi cabbage | Mains | 16.00 | Vegan | Miso butter, toasted seeds.
Burnt Basque cheesecake | Desserts | 8.50 | Vegetarian | Poached rhubarb.
House lemonade | Drinks | 4.00 | Vegan | Fresh lemons, mint.
""",
            ),
            _entity(
                "Reservation",
                "Reservations",
                """
guest:Guest:text; date:Date:date; time:Time:text; party_size:Party size:number;
status:Status:choice=Booked/Seated/Completed/Cancelled
""",
                """
Harper family | 2026-03-06 | 19:00 | 4 | Booked
Daniel Kim | 2026-03-06 | 19:30 | 2 | Booked
Birthday - Priya | 2026-03-07 | 20:00 | 8 | Booked
Tom & Alice | 2026-03-05 | 18:45 | 2 | Completed
Work dinner - Ortega | 2026-03-05 | 19:15 | 6 | Cancelled
""",
            ),
        ),
    ),
    _domain(
        key="music",
        keywords=(
            "music, playlist, song, band, album, musician, dj, setlist, vinyl, podcast, artist, "
            "rehearsal, synth, guitar"
        ),
        roots="Tempo Chord Verse Echo Groove Riff",
        users="Musicians and music lovers",
        problem=(
            "Songs, setlists and playlists are scattered across apps and notebooks, so finding "
            "the right track takes forever."
        ),
        taglines=(
            "Your music, perfectly in tune.",
            "Every song and setlist in one place.",
            "Curate, rehearse, play.",
        ),
        features=(
            "Song library with genres",
            "Playlists by mood",
            "Track lengths and years",
            "Build setlists fast",
            "Listening stats",
        ),
        entities=(
            _entity(
                "Song",
                "Songs",
                """
title:Title:text; artist:Artist:text; genre:Genre:choice=Indie/Jazz/Soul/Electronic/Folk;
year:Year:number; length:Length:text
""",
                """
Golden Hour Drive | The Paper Kites | Indie | 2021 | 3:58
Blue in Green | Miles Davis | Jazz | 1959 | 5:37
Midnight Tram | Nova Lane | Electronic | 2024 | 4:12
River Song | Aoife Byrne | Folk | 2019 | 3:21
Slow Burn | Marlon Hayes | Soul | 2023 | 4:05
Static Hearts | Glasswing | Indie | 2025 | 3:44
""",
            ),
            _entity(
                "Playlist",
                "Playlists",
                """
name:Name:text; curator:Curator:text; mood:Mood:choice=Chill/Focus/Party/Workout;
tracks:Tracks:number
""",
                """
Sunday slow morning | Elise | Chill | 24
Deep work | Marco | Focus | 40
Friday kitchen disco | Nia | Party | 32
Tempo run | Jonah | Workout | 18
Late-night jazz | Elise | Chill | 27
""",
            ),
        ),
    ),
    _domain(
        key="volunteers",
        keywords=(
            "volunteer, volunteering, shift, rota, community, neighbourhood, neighborhood, food "
            "bank, mutual aid, cleanup, helper"
        ),
        roots="Helping Rally Kindred Commons Together Harbor",
        users="Community groups organising volunteers",
        problem=(
            "Volunteer rotas are managed in group chats, so shifts go uncovered and helpers burn "
            "out."
        ),
        taglines=(
            "Every shift covered, every helper thanked.",
            "Organise volunteers without the chaos.",
            "Good people, well organised.",
        ),
        features=(
            "Volunteer directory with skills",
            "Shift rota with open spots",
            "Availability at a glance",
            "Sign-ups in one tap",
            "Hours contributed overview",
        ),
        entities=(
            _entity(
                "Volunteer",
                "Volunteers",
                """
name:Name:text; email:Email:email; skills:Skills:text;
availability:Availability:choice=Weekdays/Weekends/Evenings/Flexible; joined:Joined:date
""",
                """
Beatrice Cole | bea.cole@example.com | First aid, driving | Weekends | 2025-10-04
Ahmed Hassan | ahmed.h@example.com | Cooking, Arabic | Evenings | 2025-12-11
Grace Liu | grace.liu@example.com | Social media | Flexible | 2026-01-20
Patrick Byrne | p.byrne@example.com | Heavy lifting, DIY | Weekdays | 2025-08-30
Selin Aydın | selin@example.com | Tutoring | Evenings | 2026-02-07
Marcus Webb | marcus.w@example.com | Warehouse, driving | Weekends | 2025-11-15
""",
            ),
            _entity(
                "Shift",
                "Shifts",
                """
role:Role:text; location:Location:text; date:Date:date; spots:Open spots:number;
status:Status:choice=Open/Full/Done
""",
                """
Food bank sorting | St Mark's Hall | 2026-03-07 | 4 | Open
Park clean-up | Riverside Park | 2026-03-08 | 10 | Open
Delivery driver | Depot, Mill Road | 2026-03-09 | 0 | Full
Homework club | Library annexe | 2026-03-10 | 2 | Open
Community lunch | Community Centre | 2026-03-01 | 0 | Done
""",
            ),
        ),
    ),
    _domain(
        key="cars",
        keywords=(
            "car, vehicle, auto, garage, mechanic, fleet, dealership, motor, van, truck, bike, "
            "scooter, driver, mot"
        ),
        roots="Motor Torque Gear Drive Piston Axle",
        users="Garages, dealers and fleet owners",
        problem=(
            "Vehicle details and service histories are buried in paperwork, so services are "
            "missed and sales stall."
        ),
        taglines=(
            "Every vehicle, fully serviced.",
            "Your fleet, under control.",
            "Cars, service and sales in one garage.",
        ),
        features=(
            "Vehicle list with mileage",
            "Service history",
            "Availability and pricing",
            "Upcoming service reminders",
            "Garage revenue overview",
        ),
        entities=(
            _entity(
                "Vehicle",
                "Vehicles",
                """
name:Make & model:text; plate:Plate:text; year:Year:number; mileage:Mileage:number;
price:Price:money; status:Status:choice=Available/In service/Reserved/Sold
""",
                """
Volkswagen Golf 1.5 TSI | LK21 XRT | 2021 | 28400 | 16995.00 | Available
Toyota Yaris Hybrid | YF22 KPM | 2022 | 14100 | 15450.00 | Reserved
Ford Transit Custom | BX19 HVN | 2019 | 61200 | 18500.00 | In service
Tesla Model 3 | EV23 TSL | 2023 | 9800 | 29990.00 | Available
Mini Cooper S | MN18 CPR | 2018 | 42300 | 11250.00 | Sold
Skoda Octavia Estate | SK20 OCT | 2020 | 37650 | 13800.00 | Available
""",
            ),
            _entity(
                "Service",
                "Services",
                """
vehicle:Vehicle:text; work:Work:choice=Oil change/Tyres/Brakes/MOT/Full service; date:Date:date;
cost:Cost:money; mechanic:Mechanic:text
""",
                """
Ford Transit Custom | Full service | 2026-03-02 | 289.00 | Dave Price
Volkswagen Golf 1.5 TSI | Tyres | 2026-02-24 | 340.00 | Kasia Zielinska
Mini Cooper S | MOT | 2026-02-18 | 54.85 | Dave Price
Toyota Yaris Hybrid | Oil change | 2026-02-27 | 89.00 | Leon Fraser
Skoda Octavia Estate | Brakes | 2026-03-04 | 265.00 | Kasia Zielinska
""",
            ),
        ),
    ),
    _domain(
        key="habits",
        keywords=(
            "habit, journal, mood, routine, wellbeing, well-being, meditation, mindfulness, "
            "gratitude, streak, self-care, sleep"
        ),
        roots="Daily Ritual Bloom Steady Calm Tiny",
        users="People building better daily routines",
        problem=(
            "Good intentions fade without a simple way to see progress, so new habits rarely stick."
        ),
        taglines=(
            "Small steps, every day.",
            "Build habits that actually stick.",
            "A gentle nudge toward your best routine.",
        ),
        features=(
            "Habits with streaks",
            "Daily journal entries",
            "Mood tracking",
            "Weekly consistency charts",
            "Gentle reminders",
        ),
        entities=(
            _entity(
                "Habit",
                "Habits",
                """
name:Name:text; frequency:Frequency:choice=Daily/Weekdays/Weekly; streak:Current streak
(days):number; started:Started:date; why:Why it matters:longtext
""",
                """
Morning walk | Daily | 23 | 2026-02-01 | Clears my head before work.
Read 20 pages | Daily | 41 | 2026-01-10 | Finish 30 books this year.
No phone after 10pm | Daily | 9 | 2026-02-15 | Better sleep.
Meal prep | Weekly | 6 | 2026-01-18 | Eat better, spend less.
Practise guitar | Weekdays | 14 | 2026-02-03 | Play at the open mic in May.
Stretch | Daily | 3 | 2026-02-27 | Back feels better.
""",
            ),
            _entity(
                "Journal entry",
                "Journal entries",
                """
title:Title:text; date:Date:date; mood:Mood:choice=Great/Good/Okay/Low; entry:Entry:longtext
""",
                """
A productive Monday | 2026-03-02 | Great | Walked, read and finished the report early.
Tired but okay | 2026-03-03 | Okay | Slept badly, kept the streak going anyway.
Sunny lunch in the park | 2026-03-04 | Good | Called Mum, felt grateful.
Rough day | 2026-03-05 | Low | Too many meetings. Early night.
Weekend reset | 2026-03-07 | Great | Meal prep done, guitar practice, long walk.
""",
            ),
        ),
    ),
    _domain(
        key="blog",
        keywords=(
            "blog, post, article, newsletter, writing, writer, content, editorial, magazine, "
            "publishing, publication, journalism, copywriting"
        ),
        roots="Quill Draft Inkwell Byline Margin Press",
        users="Writers and small editorial teams",
        problem=(
            "Drafts, deadlines and publishing dates are tracked in scattered docs, so posts slip "
            "and the calendar stays empty."
        ),
        taglines=(
            "Write more, publish on time.",
            "Your editorial calendar, beautifully organised.",
            "From first draft to published.",
        ),
        features=(
            "Post drafts with authors",
            "Editorial calendar",
            "Status from draft to published",
            "Categories and tags",
            "Publishing stats",
        ),
        serif=True,
        entities=(
            _entity(
                "Post",
                "Posts",
                """
title:Title:text; author:Author:text; category:Category:choice=Guides/News/Opinion/Interviews;
publish_date:Publish date:date; status:Status:choice=Idea/Draft/Scheduled/Published;
summary:Summary:longtext
""",
                """
How we halved onboarding time | Ruth Abebe | Guides | 2026-03-10 | Scheduled | Six months of tests.
Spring product update | Leo Marsh | News | 2026-03-03 | Published | Everything new this season.
Why small teams win | Ruth Abebe | Opinion | 2026-03-17 | Draft | An argument for staying small.
In conversation: Ada Obi | Sara Quinn | Interviews | 2026-03-24 | Draft | A founder on craft.
A beginner's guide to pricing | Leo Marsh | Guides | 2026-04-01 | Idea | Simple frameworks.
Our 2026 reading list | Sara Quinn | Opinion | 2026-02-24 | Published | Twelve books the team loved.
""",
            ),
        ),
    ),
)


# --------------------------------------------------------------------------- helpers

_PEOPLE = (
    "Maya Thompson",
    "Daniel Okafor",
    "Sofia Rossi",
    "Kenji Watanabe",
    "Laura Fischer",
    "Priya Patel",
    "Tom Becker",
    "Amara Nwosu",
    "Elena Garcia",
    "Jordan Lee",
)
_ADJECTIVES = ("Harbor", "Maple", "Summit", "Juniper", "Copper", "Willow", "Aurora", "Meadow")
_NOTES = (
    "Kick-off went well.",
    "Waiting on feedback.",
    "Needs a quick review.",
    "Shared with the team.",
    "Top priority this month.",
    "Follow up next week.",
    "Looking great so far.",
    "Ready to go.",
)
_GENERIC_ROOTS = (
    "Bright",
    "Lumen",
    "Nimbus",
    "Orbit",
    "Kite",
    "Maple",
    "Cobalt",
    "Harbor",
    "Fable",
    "Tandem",
)
_SUFFIXES = (
    "ly",
    "hub",
    "nest",
    "path",
    "wise",
    "loop",
    "base",
    "spot",
    "well",
    "kit",
    "mate",
    "deck",
)


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = _wordset(
    """a an the and or but of to in on at for with by from into onto about as is are be been being
    it its this that these those which who whom whose what where when why how i me my we our you
    your they them their he she his her can could should would will shall may might must do does
    did done have has had having get gets got make makes made let lets helps help allows allow
    enable enables so such very really just also only not no yes all any each every some many
    more most other new simple easy app apps application platform tool tools website site web
    online service services system software saas mobile marketplace idea startup product
    like want need using use uses used people users user someone anyone everyone thing things
    way ways one two three lot lots kind sort based powered ai smart better best great"""
)

# Verbs that usually start a feature phrase ("lets owners *book* walkers").
_VERBS = _wordset(
    """add analyse analyze answer apply approve archive assign attach book browse build buy
    calculate chat check collaborate collect compare connect create customise customize discover
    donate
    download draft earn edit email export file filter find follow generate get give go hire host
    import invite join keep learn list log manage match meet message monitor note order organise
    organize pay plan post print publish rate read receive record register remind rent reply
    report request reserve review save schedule search see sell send set share shop sign sort
    split start store submit subscribe swap sync tag teach track trade update upload view vote
    watch write"""
)

_MARKUP = re.compile(r"[<>{}\[\]`\"\\|^~*_=#$@]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _digest(idea: str, salt: str) -> int:
    data = (salt + "\x00" + idea).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.sha256(data).digest()[:8], "big")


def _pick(items: tuple[str, ...], idea: str, salt: str) -> str:
    return items[_digest(idea, salt) % len(items)]


def _clean_text(text: str) -> str:
    """Plain, single-line text: no control chars, lone surrogates or markup characters."""
    text = text.encode("utf-8", "replace").decode("utf-8", "replace")
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cs", "Co", "Cn"))
    text = _CONTROL.sub(" ", text)
    text = _MARKUP.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z'-]*", text.lower())


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _plural(word: str) -> str:
    lower = word.lower()
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def _slugify(text: str, fallback: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40].strip("-") or fallback


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _truncate_words(text: str, max_words: int, max_chars: int) -> str:
    words = text.split()[:max_words]
    out = " ".join(words)
    while len(out) > max_chars and len(words) > 1:
        words = words[:-1]
        out = " ".join(words)
    return out[:max_chars].strip()


# --------------------------------------------------------------------------- detection


def _detect_domain(text: str) -> _Domain | None:
    lowered = " " + " ".join(_words(text)) + " "
    tokens = {_singular(w) for w in _words(text)} | set(_words(text))
    best: _Domain | None = None
    best_score = 0
    for domain in _DOMAINS:
        score = 0
        for rank, keyword in enumerate(domain.keywords):
            weight = 3 if rank < 3 else 2
            if " " in keyword or "-" in keyword:
                if f" {keyword} " in lowered:
                    score += weight
            elif keyword in tokens:
                score += weight
        if score > best_score:
            best, best_score = domain, score
    return best


def _main_noun(text: str) -> str | None:
    words = _words(text)
    for verb_at, word in enumerate(words):
        if word in (
            "track",
            "manage",
            "organise",
            "organize",
            "catalog",
            "catalogue",
            "log",
            "share",
            "find",
            "sell",
            "rent",
            "collect",
            "list",
            "store",
            "swap",
            "review",
            "plan",
        ):
            phrase: list[str] = []
            for candidate in words[verb_at + 1 : verb_at + 6]:
                if candidate in _STOPWORDS or "'" in candidate:
                    if phrase:
                        break
                    continue
                phrase.append(candidate)
            heads = [w for w in phrase if w not in _COLLECTIVE and len(w) > 2]
            if heads:
                return _singular(heads[-1])
    for word in words:
        if (
            word not in _STOPWORDS
            and len(word) > 2
            and "'" not in word
            and not word.endswith("ing")
        ):
            return _singular(word)
    for word in words:
        if word not in _STOPWORDS and len(word) > 2 and "'" not in word:
            return _singular(word)
    return None


_COLLECTIVE = frozenset(
    (
        "collection",
        "collections",
        "list",
        "lists",
        "library",
        "set",
        "group",
        "bunch",
        "stuff",
        "data",
    )
)

_NAME_PATTERNS = (
    re.compile(
        r"\b(?i:called|named|name it|brand(?:ed)? as)\s+[\"'“‘«]([^\"'”’»\n]{1,60})[\"'”’»]"
    ),
    re.compile(
        r"\b(?i:called|named|name it|brand(?:ed)? as)\s+"
        r"([^\s,.;:!?()\"]{1,40}(?:[ \t]+[^\s,.;:!?()\"]{1,30}){0,2})"
    ),
    re.compile(r"[\"“«]([^\"”»\n]{2,40})[\"”»]"),
)


def _clean_name(raw: str) -> str:
    name = _clean_text(raw).strip(" .,;:!?-'&/")
    name = _truncate_words(name, 4, 40)
    if name and name == name.lower() and name.isascii():
        name = " ".join(w[:1].upper() + w[1:] for w in name.split())
    return name


def _without_naming(text: str) -> str:
    for pattern in _NAME_PATTERNS[:2]:
        text = pattern.sub(" ", text)
    return text


def _explicit_name(text: str) -> str | None:
    for pattern in _NAME_PATTERNS:
        match = pattern.search(text)
        if match:
            words = match.group(1).split()
            if pattern is _NAME_PATTERNS[1]:
                kept = words[:1]
                for word in words[1:]:
                    if word.lower() in _STOPWORDS:
                        break
                    kept.append(word)
                words = kept
            name = _clean_name(" ".join(words))
            if name and re.search(r"\w", name):
                return name
    return None


def _invent_name(idea: str, domain: _Domain | None, noun: str | None) -> str:
    suffix = _pick(_SUFFIXES, idea, "suffix")
    if domain is not None:
        root = _pick(domain.roots, idea, "root")
    elif noun and noun.isascii() and 3 <= len(noun) <= 8:
        root = noun.capitalize()
    else:
        root = _pick(_GENERIC_ROOTS, idea, "root")
    if root.lower().endswith(suffix[:1]):
        suffix = _pick(
            tuple(s for s in _SUFFIXES if not s.startswith(root[-1].lower())), idea, "suffix2"
        )
    return root + suffix


# --------------------------------------------------------------------------- copy


_TRIGGER = re.compile(
    r"\b(?:lets?|helps?|allows?|enables?|so (?:that )?\w+ can|where \w+ can|which can|that can"
    r"|to help \w+|for [\w' -]{1,50}? to)\s+(.*)",
    re.I,
)
_WITH = re.compile(r"\b(?:with|including|featuring|plus)\s+(.*)", re.I)
_FOR = re.compile(
    r"\bfor\s+((?:[\w'-]+\s*){1,7}?)"
    r"(?=\s*\b(?:to|who|that|which|so|with|where|and can)\b|[,.;:!?()]|$)",
    re.I,
)


def _feature_items(clause: str) -> list[str]:
    parts = re.split(r",|;|\band\b|\bor\b|&|\+|/", clause)
    items: list[str] = []
    for part in parts:
        words = part.strip().split()
        # skip a leading subject ("owners book walkers" -> "book walkers")
        for i, word in enumerate(words[:4]):
            if word.lower() in _VERBS:
                words = words[i:]
                break
            if word.lower() == "to" and i + 1 < len(words):
                words = words[i + 1 :]
                break
        while words and words[0].lower() in (
            "to",
            "them",
            "you",
            "users",
            "people",
            "also",
            "easily",
            "the",
            "a",
            "an",
        ):
            words = words[1:]
        phrase = _clean_text(" ".join(words)).strip(" .,;:!?-'")
        phrase = _truncate_words(phrase, 8, 60)
        if len(phrase) >= 3 and re.search(r"[^\W\d_]", phrase):
            items.append(_sentence_case(phrase))
    return items


def _extract_features(text: str) -> list[str]:
    found: list[str] = []
    for clause in re.split(r"[.!?\n]+", text):
        for pattern in (_TRIGGER, _WITH):
            match = pattern.search(clause)
            if match:
                rest = match.group(1)
                if pattern is _TRIGGER:
                    rest = re.split(r"\b(?:with|including)\b", rest, maxsplit=1, flags=re.I)[0]
                found.extend(_feature_items(rest))
    unique: list[str] = []
    seen: set[str] = set()
    for item in found:
        key = item.lower()
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique[:4]


def _target_users(text: str, domain: _Domain | None) -> str:
    match = _FOR.search(text)
    if match:
        users = _clean_text(match.group(1)).strip(" .,;:!?-'")
        users = re.sub(r"^(?:the|a|an)\s+", "", users, flags=re.I)
        first = users.split()[0].lower() if users.split() else ""
        if len(users) >= 3 and first not in _STOPWORDS and re.search(r"[^\W\d_]", users):
            return _sentence_case(_truncate_words(users, 7, 60))
    if domain is not None:
        return domain.users
    return "Small teams and independent makers"


# --------------------------------------------------------------------------- entities


def _parse_field(spec: str) -> Field:
    name, label, kind = spec.split(":", 2)
    choices: tuple[str, ...] = ()
    if kind.startswith("choice="):
        choices = tuple(kind.split("=", 1)[1].split("/"))
        kind = "choice"
    return Field(name=name, label=label, kind=kind, choices=choices)


def _build_entity(spec: _EntitySpec, idea: str) -> Entity:
    fields = tuple(_parse_field(f) for f in spec.fields)
    rows = spec.rows
    start = _digest(idea, "seed-" + spec.singular) % len(rows)
    rotated = rows[start:] + rows[:start]
    seed = tuple(
        {f.name: value for f, value in zip(fields, row, strict=True)} for row in rotated[:8]
    )
    return Entity(
        singular=spec.singular,
        plural=spec.plural,
        slug=_slugify(spec.plural, "items"),
        fields=fields,
        seed=seed,
    )


def _generic_entity(noun: str | None, idea: str) -> Entity:
    if not noun or not noun.isascii():
        noun = "item"
    singular = noun.capitalize()
    plural = _plural(singular)
    fields = (
        Field("name", "Name", "text"),
        Field("category", "Category", "choice", ("Core", "Premium", "Community", "Experimental")),
        Field("status", "Status", "choice", ("Active", "Draft", "Archived")),
        Field("owner", "Owner", "text"),
        Field("updated", "Last updated", "date"),
        Field("notes", "Notes", "longtext"),
    )
    offset = _digest(idea, "generic") % len(_PEOPLE)
    seed: list[dict[str, str]] = []
    for i, adjective in enumerate(_ADJECTIVES[:6]):
        seed.append(
            {
                "name": f"{adjective} {noun}",
                "category": fields[1].choices[(i + offset) % 4],
                "status": fields[2].choices[(i * 2 + offset) % 3],
                "owner": _PEOPLE[(i + offset) % len(_PEOPLE)],
                "updated": f"2026-{1 + (i + offset) % 4:02d}-{3 + (i * 5 + offset) % 25:02d}",
                "notes": _NOTES[(i + offset) % len(_NOTES)],
            }
        )
    return Entity(singular, plural, _slugify(plural, "items"), fields, tuple(seed))


# --------------------------------------------------------------------------- theme

_FONTS = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    '"Avenir Next", Avenir, "Segoe UI", "Helvetica Neue", Helvetica, Arial, sans-serif',
    '"Trebuchet MS", "Gill Sans", "Segoe UI", "DejaVu Sans", sans-serif',
    'ui-rounded, "SF Pro Rounded", "Segoe UI", system-ui, sans-serif',
)
_SERIF_FONT = 'Charter, "Iowan Old Style", Georgia, "Palatino Linotype", "DejaVu Serif", serif'


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c * 255))):02x}" for c in rgb)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str) -> float:
    la, lb = _luminance(a), _luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _hsl(h: float, s: float, lightness: float) -> str:
    return _hex(colorsys.hls_to_rgb((h % 360) / 360, lightness, s))


def _readable_on_white(h: float, s: float, lightness: float, minimum: float) -> str:
    colour = _hsl(h, s, lightness)
    while contrast_ratio(colour, "#ffffff") < minimum and lightness > 0.05:
        lightness -= 0.02
        colour = _hsl(h, s, lightness)
    return colour


def _theme(idea: str, domain: _Domain | None) -> Theme:
    seed = _digest(idea, "theme")
    hue = seed % 360
    sat = 0.55 + (seed >> 9) % 25 / 100
    offset = (150, 40, 200, -40, 120)[(seed >> 16) % 5]
    primary = _readable_on_white(hue, sat, 0.46, 4.6)
    accent = _readable_on_white(hue + offset, min(0.85, sat + 0.1), 0.45, 4.6)
    background = _hsl(hue, 0.35 + (seed >> 20) % 30 / 100, 0.975)
    text = _hsl(hue, 0.3, 0.13)
    if domain is not None and domain.serif:
        font = _SERIF_FONT
    else:
        font = _FONTS[(seed >> 24) % len(_FONTS)]
    return Theme(primary=primary, accent=accent, background=background, text=text, font=font)


# --------------------------------------------------------------------------- entry point


def derive_brief(idea: str, name: str | None = None) -> Brief:
    """Derive a complete, deterministic product brief from free text."""
    text = _clean_text_keep_lines(idea[:_MAX_PARSE_CHARS])
    domain = _detect_domain(text)
    noun = _main_noun(text)

    product_name = _clean_name(name) if name else ""
    if not product_name:
        product_name = _explicit_name(text) or _invent_name(idea, domain, noun)

    if domain is not None:
        tagline = _pick(domain.taglines, idea, "tagline")
        problem = domain.problem
        entities = tuple(_build_entity(spec, idea) for spec in domain.entities)
        defaults = domain.features
    else:
        label = _plural(noun) if noun and noun.isascii() else "items"
        tagline = _pick(
            (
                f"The simple way to manage your {label}.",
                f"All your {label}, beautifully organised.",
                f"Keep your {label} organised and on track.",
            ),
            idea,
            "tagline",
        )
        problem = (
            f"Keeping track of {label} across notes, spreadsheets and messages "
            "is slow and easy to get wrong."
        )
        entities = (_generic_entity(noun, idea),)
        defaults = (
            f"One tidy list of all your {label}",
            "Add and edit records in seconds",
            "Statuses and categories at a glance",
            "Search and filter instantly",
            "A dashboard with live totals",
        )

    # The naming clause is not a description of users or features.
    described = _without_naming(text)
    features = _extract_features(described)
    for feature in defaults:
        if len(features) >= 5:
            break
        if feature.lower() not in {f.lower() for f in features}:
            features.append(feature)

    return Brief(
        idea=idea,
        product_name=product_name,
        tagline=tagline,
        target_users=_target_users(described, domain),
        problem=problem,
        features=tuple(features[:6]),
        entities=entities,
        theme=_theme(idea, domain),
    )


def _clean_text_keep_lines(text: str) -> str:
    """Like `_clean_text` but keeps sentence breaks and quotes for parsing."""
    text = text.encode("utf-8", "replace").decode("utf-8", "replace")
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cs", "Co", "Cn"))
    text = re.sub(r"<[^>]{0,200}>", " ", text)
    text = re.sub(r"[\r\n]+", ".\n", text)
    return re.sub(r"[ \t\x00-\x09\x0b-\x1f\x7f]+", " ", text)
