"""Matching other apps' exercise names to the routine's moves.

Only true equivalents are merged automatically (docs/data.md, "Exercise names"): a name that,
case and punctuation aside and with the equipment in brackets kept, is one of the move's own
names, alone or with the implement the routine does it with ("Squat", "Goblet Squat",
"Squat (Dumbbell)"). Another implement or form of the lift ("Squat (Barbell)", "Squat (Smith
Machine)", "Bodyweight Squat", "Romanian Deadlift", "Trap Bar Deadlift") loads the body
differently, so merging it would mix unlike loads in the move's progress: it is only proposed
as similar, and the runner decides in the preview (remembered for the next import).
"""

import re
from functools import lru_cache

# Routine slug -> (the move's own names, the implements the routine does it with). A name is the
# move when it is one of the names alone, or with one of the implements before it or after it
# (Strong writes "Squat (Dumbbell)", FitNotes "Dumbbell Squat").
TRUE_EQUIVALENTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # The routine's squat holds the weight at the chest: a goblet squat, dumbbell or kettlebell.
    "squat": (
        ("squat", "squats", "goblet squat", "goblet squats"),
        ("dumbbell", "kettlebell"),
    ),
    "deadlift": (
        ("deadlift", "deadlifts", "deadlift the hip hinge", "hip hinge"),
        ("dumbbell", "dumbbells"),
    ),
    "single-leg-deadlift": (
        (
            "single leg deadlift",
            "single legged deadlift",
            "one leg deadlift",
            "one legged deadlift",
            "single leg romanian deadlift",
            "single leg rdl",
        ),
        ("dumbbell", "kettlebell"),
    ),
    "kettlebell-swing": (
        ("kettlebell swing", "kettlebell swings", "kb swing", "russian kettlebell swing"),
        ("kettlebell",),
    ),
    "plank": (
        (
            "plank",
            "planks",
            "plank push up position",
            "push up position plank",
            "push up plank",
            "high plank",
            "straight arm plank",
        ),
        ("bodyweight",),
    ),
    "lateral-lunge": (
        ("lateral lunge", "lateral lunges", "side lunge", "side lunges"),
        ("dumbbell",),
    ),
    "deadbug": (("deadbug", "deadbugs", "dead bug", "dead bugs"), ("bodyweight",)),
    "pallof-press": (("pallof press", "pallof"), ("band",)),
    "balloon-breathing": (
        ("balloon breathing", "balloon breath", "90 90 balloon breathing"),
        (),
    ),
}

# Routine slug -> names of lifts like the move but not it (another implement or form). They are
# proposed in the preview, never merged without the runner's say.
SIMILAR_NAMES: dict[str, tuple[str, ...]] = {
    "squat": (
        "squat",
        "back squat",
        "front squat",
        "box squat",
        "air squat",
        "smith machine squat",
        "barbell squat",
        "barbell back squat",
    ),
    "deadlift": (
        "deadlift",
        "romanian deadlift",
        "rdl",
        "stiff leg deadlift",
        "stiff legged deadlift",
        "trap bar deadlift",
        "hex bar deadlift",
        "sumo deadlift",
        "conventional deadlift",
    ),
    "single-leg-deadlift": (
        "single leg deadlift",
        "single leg romanian deadlift",
        "single leg rdl",
    ),
    "kettlebell-swing": ("kettlebell swing", "swing", "russian swing", "american swing"),
    "plank": ("plank", "front plank", "forearm plank", "elbow plank"),
    "lateral-lunge": ("lateral lunge", "side lunge", "cossack squat"),
    "deadbug": ("deadbug", "dead bug"),
    "pallof-press": ("pallof press", "cable pallof press"),
    "balloon-breathing": ("balloon breathing",),
}


def _equivalent_names() -> dict[str, str]:
    names = {}
    for slug, (own_names, implements) in TRUE_EQUIVALENTS.items():
        for name in own_names:
            names[name] = slug
            for implement in implements:
                names[f"{implement} {name}"] = slug
                names[f"{name} {implement}"] = slug
    return names


_EQUIVALENT_TO_SLUG = _equivalent_names()
_SIMILAR_TO_SLUG = {name: slug for slug, names in SIMILAR_NAMES.items() for name in names}
_EQUIPMENT_WORDS = (
    "barbell",
    "dumbbell",
    "kettlebell",
    "db",
    "bb",
    "kb",
    "bodyweight",
    "weighted",
    "band",
    "banded",
    "cable",
    "machine",
    "smith",
)
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")

EQUIPMENT_HINTS = {
    "barbell": "barbell",
    "dumbbell": "dumbbell",
    "kettlebell": "kettlebell",
    "bodyweight": "bodyweight",
}


@lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """'Squat (Barbell)' -> 'squat'; 'Single-Leg RDL' -> 'single leg rdl'."""
    text = _BRACKETS.sub(" ", name.lower())
    return " ".join(_NOT_WORD.sub(" ", text).split())


@lru_cache(maxsize=4096)
def routine_slug_for(name: str) -> str | None:
    """The routine move an exercise name from another app is, or None: true equivalents only."""
    return _EQUIVALENT_TO_SLUG.get(custom_name_key(name))


@lru_cache(maxsize=4096)
def similar_slug_for(name: str) -> str | None:
    """The routine move a name is like without being it ('Squat (Barbell)' -> 'squat'), for the
    preview to propose; None when it is the move itself or like none."""
    if routine_slug_for(name):
        return None
    words = normalise(name).split()
    while words:
        if " ".join(words) in _SIMILAR_TO_SLUG:
            return _SIMILAR_TO_SLUG[" ".join(words)]
        if words[0] not in _EQUIPMENT_WORDS:
            return None
        words = words[1:]
    return None


@lru_cache(maxsize=4096)
def exercise_key(name: str) -> str:
    """The exercise a name lands on without the runner's say, for the parsers' set numbering
    (two spellings of one move share a key); services renumber once the runner's choices in
    the preview are known."""
    slug = routine_slug_for(name)
    return f"routine:{slug}" if slug else f"custom:{custom_name_key(name)}"


@lru_cache(maxsize=4096)
def custom_name_key(name: str) -> str:
    """How a custom exercise is recognised again: case and punctuation aside, the whole name,
    equipment included ('Bench Press (Barbell)' and 'Bench Press (Dumbbell)' stay two)."""
    return " ".join(_NOT_WORD.sub(" ", name.lower()).split()) or name.strip().lower()


def equipment_hint(name: str) -> str | None:
    """'Bench Press (Dumbbell)' -> 'dumbbell': the kind of load a custom exercise takes."""
    lowered = name.lower()
    for word, kind in EQUIPMENT_HINTS.items():
        if word in lowered:
            return kind
    return None


# Endurance work is not a strength set (docs/data.md, "Cardio"). The exporting app's category
# decides where it has one (FitNotes: "Cardio"); otherwise the name does: a name is endurance
# when its words hold one of these phrases and none of the strength words below, so
# "Running (Treadmill)" and "Stair Machine (Floors)" are endurance but "Walking Lunge" and
# "Farmer's Walk" stay strength.
ENDURANCE_CATEGORIES = frozenset({"cardio", "cardiovascular", "endurance", "aerobic"})
ENDURANCE_PHRASES: tuple[str, ...] = (
    "run",
    "running",
    "jog",
    "jogging",
    "sprint",
    "sprints",
    "treadmill",
    "cycling",
    "cycle",
    "bike",
    "biking",
    "bicycle",
    "spinning",
    "spin bike",
    "spin class",
    "rowing",
    "rower",
    "row machine",
    "ergometer",
    "erg",
    "ski erg",
    "skierg",
    "skiing",
    "walk",
    "walking",
    "hiking",
    "stair machine",
    "stair climber",
    "stair climbing",
    "stair stepper",
    "stairmaster",
    "stepmill",
    "step mill",
    "jump rope",
    "skipping",
    "skipping rope",
    "elliptical",
    "cross trainer",
    "swimming",
    "swim",
    "yoga",
    "aerobics",
    "cardio",
    "hiit",
    "zumba",
)
STRENGTH_WORDS = frozenset(
    {"lunge", "lunges", "farmer", "farmers", "carry", "carries", "crunch", "crunches", "squat"}
)
_ENDURANCE_WORDS = {tuple(phrase.split()) for phrase in ENDURANCE_PHRASES}
_LONGEST_PHRASE = max(len(words) for words in _ENDURANCE_WORDS)


def is_endurance(name: str, category: str = "") -> bool:
    """Whether a row names endurance work rather than a strength move: by the exporting app's
    category when it gives one, by the exercise's name otherwise."""
    if category.strip().lower() in ENDURANCE_CATEGORIES:
        return True
    return _endurance_name(name)


@lru_cache(maxsize=4096)
def _endurance_name(name: str) -> bool:
    words = custom_name_key(name).split()
    if STRENGTH_WORDS.intersection(words):
        return False
    return any(
        tuple(words[start : start + size]) in _ENDURANCE_WORDS
        for size in range(1, _LONGEST_PHRASE + 1)
        for start in range(len(words) - size + 1)
    )
