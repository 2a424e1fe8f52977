"""The gender of a first name, from the first-name lists of the ``faker`` package (MIT licence).

``faker.providers.person.<locale>.Provider`` has ``first_names_male`` and
``first_names_female`` for about 80 locales; the 45 or so written in the Latin alphabet are
read. A name gets a gender when the locales that list it for that gender outnumber those
that list it for the other at least three to one ("Mary" f, "Donald" m, "Chris" m); a name
listed about as often for both ("Hillary", "Kim", "Jean", "Taylor") gets none, and the
article must tell (Mr./Mrs., "she", "spokeswoman"). The table is built once per process, on
first use (0.5-2 s).

Example:
    >>> first_name_gender("Mary"), first_name_gender("Donald"), first_name_gender("Taylor")
    ('f', 'm', None)
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections import Counter
from typing import Optional

#: A gender needs at least this many locales for it per locale for the other one.
_MIN_RATIO = 3


#: The faker locales read: those whose names are written in the Latin alphabet, as names
#: appear in English news (about 40 of faker's 80; reading all of them costs twice the time
#: and adds only names in other scripts).
_LOCALES = ("en", "en_GB", "en_IE", "en_US", "en_NZ", "en_KE", "en_NG", "en_IN", "en_PH",
            "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CA", "fr_CH", "es_ES", "es_MX", "es_AR",
            "es_CO", "es_CL", "it_IT", "pt_BR", "pt_PT", "nl_NL", "nl_BE", "pl_PL", "cs_CZ",
            "sk_SK", "sl_SI", "hr_HR", "hu_HU", "ro_RO", "sv_SE", "no_NO", "da_DK", "fi_FI",
            "et_EE", "lt_LT", "lv_LV", "tr_TR", "id_ID", "fil_PH", "sw", "yo_NG", "zu_ZA")


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """First name -> "m" / "f" ("" for a name of both genders) for the locales read."""
    try:
        import faker.providers.person as person
    except ImportError:  # pragma: no cover - faker is a declared dependency
        return {}
    have = {m.name for m in pkgutil.iter_modules(person.__path__)}
    male: Counter = Counter()
    female: Counter = Counter()
    for loc in _LOCALES:
        if loc not in have:
            continue
        try:
            prov = importlib.import_module(f"{person.__name__}.{loc}").Provider
        except Exception:  # a locale that fails to import is skipped
            continue
        male.update(set(getattr(prov, "first_names_male", ()) or ()))
        female.update(set(getattr(prov, "first_names_female", ()) or ()))
    out = {}
    for n in male.keys() | female.keys():
        m, f = male[n], female[n]
        if m >= _MIN_RATIO * f:
            out[n] = "m"
        elif f >= _MIN_RATIO * m:
            out[n] = "f"
        else:
            out[n] = ""  # a first name of both genders
    return out


def first_name_gender(name: str) -> Optional[str]:
    """``"m"``, ``"f"`` or None for a first name (case as written: "Mary", not "MARY").

    Example:
        >>> first_name_gender("Betsy")
        'f'
    """
    if not name:
        return None
    t = _table()
    return t.get(name) or t.get(name[:1].upper() + name[1:].lower()) or None


def is_first_name(name: str) -> bool:
    """Whether ``name`` is a first name of the lists, of either or both genders.

    Example:
        >>> is_first_name("Hillary"), is_first_name("Podesta")
        (True, False)
    """
    t = _table()
    return bool(name) and (name in t or name[:1].upper() + name[1:].lower() in t)


def assign_genders(art) -> None:
    """The gender of every person cluster: the article first, then the first name.

    Article evidence: a gendered title or honorific right before a mention ("Mrs. Clinton",
    "spokeswoman Jen Psaki") or in the person's role from an apposition ("X, a spokeswoman
    for ..."); the majority wins. A dictionary gender is kept. Otherwise the first name of the
    cluster's name, through :func:`first_name_gender`.
    """
    doc, d = art.doc, art.d
    votes: dict[str, list[int]] = {}
    for m in art.ments:
        a = art.acts.get(m.key)
        if a is None or a.kind != "person" or m.how == "pronoun" or not m.start:
            continue
        g = d.gendered.get(doc[m.start - 1].lower_.rstrip("."))
        if g in {"m", "f"}:
            v = votes.setdefault(a.key, [0, 0])
            v[g == "f"] += 1
    for a in art.acts.values():
        if a.kind != "person" or (a.entry is not None and a.gender):
            continue
        v = votes.get(a.key, [0, 0])
        for w in (a.role or "").lower().split():
            g = d.gendered.get(w)
            if g in {"m", "f"}:
                v[g == "f"] += 1
        if v[0] != v[1]:
            a.gender = "m" if v[0] > v[1] else "f"
            a.gender_from = "article"
            continue
        first = a.name.split()[0].strip(".") if " " in a.name else ""
        if first:
            a.gender = first_name_gender(first)
            a.gender_from = "name" if a.gender else ""
            a.ambiguous_name = a.gender is None and is_first_name(first)
