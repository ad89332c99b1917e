"""Matching other apps' exercise names to the routine's moves.

Strong writes "Squat (Barbell)", Hevy "Romanian Deadlift (Dumbbell)", FitNotes "Barbell Squat";
all mean a move the routine already has. Names are compared after normalising case, punctuation
and the equipment in brackets; what matches no move becomes the runner's own custom exercise.
"""

import re
from functools import lru_cache

# Routine slug -> the spellings other apps use for it (already normalised: lower case, words).
ROUTINE_ALIASES: dict[str, tuple[str, ...]] = {
    "squat": (
        "squat",
        "squats",
        "back squat",
        "barbell squat",
        "barbell back squat",
        "dumbbell squat",
        "goblet squat",
        "bodyweight squat",
        "air squat",
    ),
    "deadlift": (
        "deadlift",
        "deadlifts",
        "barbell deadlift",
        "dumbbell deadlift",
        "kettlebell deadlift",
        "conventional deadlift",
        "romanian deadlift",
        "rdl",
        "barbell romanian deadlift",
        "dumbbell romanian deadlift",
        "stiff leg deadlift",
        "stiff legged deadlift",
        "hip hinge",
    ),
    "single-leg-deadlift": (
        "single leg deadlift",
        "single leg romanian deadlift",
        "single leg rdl",
        "one leg deadlift",
        "one legged deadlift",
        "single legged deadlift",
        "single leg dumbbell deadlift",
        "dumbbell single leg deadlift",
        "dumbbell single leg romanian deadlift",
    ),
    "kettlebell-swing": ("kettlebell swing", "kettlebell swings", "kb swing", "russian swing"),
    "plank": (
        "plank",
        "planks",
        "high plank",
        "straight arm plank",
        "push up plank",
        "push up position plank",
        "plank push up position",
        "front plank",
    ),
    "lateral-lunge": (
        "lateral lunge",
        "lateral lunges",
        "side lunge",
        "side lunges",
        "dumbbell lateral lunge",
        "dumbbell side lunge",
        "cossack squat",
    ),
    "deadbug": ("deadbug", "dead bug", "dead bugs", "deadbugs"),
    "pallof-press": ("pallof press", "pallof", "cable pallof press", "band pallof press"),
    "balloon-breathing": ("balloon breathing", "balloon breath", "90 90 balloon breathing"),
}
_ALIAS_TO_SLUG = {alias: slug for slug, aliases in ROUTINE_ALIASES.items() for alias in aliases}
_EQUIPMENT_WORDS = ("barbell", "dumbbell", "db", "bb", "bodyweight", "weighted", "band", "cable")
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
    """The routine move an exercise name from another app means, or None."""
    key = normalise(name)
    if key in _ALIAS_TO_SLUG:
        return _ALIAS_TO_SLUG[key]
    words = key.split()
    while words and words[0] in _EQUIPMENT_WORDS:
        words = words[1:]
        if " ".join(words) in _ALIAS_TO_SLUG:
            return _ALIAS_TO_SLUG[" ".join(words)]
    return None


@lru_cache(maxsize=4096)
def exercise_key(name: str) -> str:
    """One key per exercise a name will land on: two spellings of one move share a key, so the
    sets of one session get one numbering per move."""
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
