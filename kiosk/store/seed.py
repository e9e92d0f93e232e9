"""Synthetic but realistic cards for demos, snapshots, tests and benchmarks. Plain Python, no Qt.

Cards fall in office hours over ``days`` days ending at the clock's "now"; ratings lean positive
as real front-office feedback does; chips and roles come from the config; some visitors comment
(in English or Spanish, in words that agree with their face) and a few ask to be contacted. Rows
go in with executemany in batched transactions, so a million cards take seconds, not hours.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import datetime, time, timedelta

from kiosk import __version__
from kiosk.core.card import Card, Clock, Delivery
from kiosk.core.config import Config
from kiosk.store.card_columns import INSERT, to_row
from kiosk.store.cards import CardStore

BATCH = 20_000
RATING_WEIGHTS = (5, 7, 13, 35, 40)  # per cent, faces 1 to 5
OPEN_MINUTES = (7 * 60 + 30, 16 * 60 + 30)  # the front office's day, local time

# What visitors write, by how the visit went (faces 1-2, 3, 4-5), so a comment agrees with its face.
COMMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "bad": (
            "I waited a long time to sign in.",
            "The parking lot is confusing in the morning.",
            "Nobody could answer my question about the bus.",
        ),
        "okay": (
            "Fine overall, but I had to wait a little.",
            "Friendly, though signing in took a while.",
        ),
        "good": (
            "The front desk staff were very kind.",
            "Thank you for helping me find my child's classroom.",
            "Quick and friendly, as always.",
        ),
    },
    "es": {
        "bad": (
            "Esperé mucho tiempo para registrarme.",
            "No había nadie que hablara español cuando llegué.",
            "Los letreros no son fáciles de entender.",
        ),
        "okay": (
            "Bien en general, pero tuve que esperar un poco.",
            "Fueron amables, aunque el registro tardó un rato.",
        ),
        "good": (
            "El personal de la oficina fue muy amable.",
            "Gracias por ayudarme con la inscripción de mi hijo.",
            "Todo muy rápido y claro, ¡gracias!",
        ),
    },
}


def comment_mood(rating: int) -> str:
    return "bad" if rating <= 2 else "okay" if rating == 3 else "good"


NAMES = (
    "Ana García",
    "John Miller",
    "María López",
    "Sam Nguyen",
    "José Hernández",
    "Aisha Khan",
    "Lucía Martínez",
    "David Brown",
)


def seed_cards(
    store: CardStore,
    n: int,
    days: int,
    clock: Clock,
    rng: random.Random,
    config: Config | None = None,
) -> int:
    """Insert ``n`` synthetic cards spread over the ``days`` days ending now. Returns ``n``.

    Chips, roles, languages and the kiosk id come from ``config`` (IT's defaults when None).
    """
    if n < 0 or days < 1:
        raise ValueError("n must be >= 0 and days >= 1")
    config = config or Config()
    cards = _cards(n, days, clock(), rng, config)
    done = 0
    while done < n:
        batch = [to_row(next(cards)) for _ in range(min(BATCH, n - done))]
        with store.transaction() as conn:
            conn.executemany(INSERT, batch)
        done += len(batch)
    return done


def _cards(n: int, days: int, now: datetime, rng: random.Random, config: Config) -> Iterator[Card]:
    today = now.date()
    went_well = [c.id for c in config.went_well]
    could_improve = [c.id for c in config.could_improve]
    roles = [c.id for c in config.roles]
    languages = [lang for lang in ("en", "es") if lang in config.languages]
    for _ in range(n):
        day = today - timedelta(days=rng.randrange(days))
        start, end = OPEN_MINUTES
        if day == today:
            # Today's cards must lie in the past: squeeze them into the hours gone by.
            end = max(1, min(end, now.hour * 60 + now.minute))
            start = min(start, end - 1)
        minute = rng.uniform(start, end)
        created = datetime.combine(day, time(), now.tzinfo) + timedelta(minutes=minute)
        rating = rng.choices((1, 2, 3, 4, 5), RATING_WEIGHTS)[0]
        language = languages[0] if rng.random() < 0.7 else languages[-1]
        wants = rng.random() < (0.15 if rating <= 2 else 0.03)
        name = rng.choice(NAMES) if wants else None
        phone = f"555-{rng.randrange(10000):04d}" if wants and rng.random() < 0.8 else None
        email = (
            f"{name.split()[0].lower()}{rng.randrange(100)}@example.org"
            if name and (phone is None or rng.random() < 0.3)
            else None
        )
        age = now - created
        delivered = age > timedelta(hours=2) and rng.random() < 0.97
        answered = wants and age > timedelta(hours=rng.uniform(3, 30))
        card_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        # Keyword order is the order of the draws from ``rng``: the same seed, the same cards.
        yield Card(
            id=card_id,
            rating=rating,
            language=language,
            role=rng.choice(roles) if rng.random() < 0.8 else None,
            went_well=_chips(rng, went_well, rating >= 3),
            could_improve=_chips(rng, could_improve, rating <= 3),
            comment=(
                rng.choice(COMMENTS[language][comment_mood(rating)])
                if rng.random() < 0.25
                else None
            ),
            followup_requested=wants,
            contact_name=name,
            contact_phone=phone,
            contact_email=email,
            created_at=created,
            finalised_at=created + timedelta(minutes=2),
            kiosk_id=config.kiosk_id,
            app_version=__version__,
            delivery=Delivery.DELIVERED if delivered else Delivery.PENDING,
            delivered_at=created + timedelta(hours=1) if delivered else None,
            followup_answered_at=created + timedelta(hours=3) if answered else None,
            followup_answered_by="Front office" if answered else None,
            followup_note="Called back and explained." if answered else None,
            followup_delivery=Delivery.DELIVERED if answered else None,
            resolution=_resolution(card_id, rating),
        )


def _resolution(card_id: str, rating: int) -> str | None:
    """Drawn from its own generator, seeded by the card, so adding the question left every
    other seeded field as it was."""
    draw = random.Random(card_id).random()
    if draw < 0.3:
        return None  # not answered
    yes = 0.3 + 0.12 * rating  # a happier visit more often got what it came for
    answer = (draw - 0.3) / 0.7
    if answer < yes:
        return "yes"
    return "partly" if answer < (1 + yes) / 2 else "not_yet"


def _chips(rng: random.Random, ids: list[str], likely: bool) -> list[str]:
    if not ids or rng.random() > (0.7 if likely else 0.1):
        return []
    return rng.sample(ids, rng.randint(1, min(3, len(ids))))
