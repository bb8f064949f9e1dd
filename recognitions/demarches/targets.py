"""Resolving a demarche's addressees to target posts and their host countries.

Pure Python: works on names and codes that the caller loaded, so the rule can be
read and tested without a database.

The rule, as 08STATE22377 shows it: a collective address group ("ISLAMIC
COLLECTIVE") stands for the posts in the member states of its organization (OIC)
on the cable's date; the posts listed under XMT are excluded from it; each
explicit TO addressee is a target in its own right. Which organization a
collective stands for is data: the `organization_code` column of
`recognitions/data/collectives.csv`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from recognitions.posts import Post, PostDirectory, default_directory

ADDRESSEE = "addressee"
COLLECTIVE = "collective"

UNKNOWN_POST = "{name!r} is not a known post; it is left out of the targets."
UNKNOWN_COLLECTIVE = "{name!r} is not a known collective; it is left out of the targets."
COLLECTIVE_WITHOUT_ORGANIZATION = "{name!r} stands for no organization the desk tracks; its posts cannot be listed."
NO_POST_IN_COUNTRY = "{country} is a member of {organization} but the desk knows no post there."


@dataclass(frozen=True)
class TargetSpec:
    """One target: the post, its host country, and how it came in (addressee or collective)."""

    post: str
    country_code: str
    via: str
    collective: str = ""


@dataclass
class Expansion:
    targets: list[TargetSpec] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _post_name(entry) -> str:
    """An addressee as the extractor gives it ({"post": ..., "routing": ...}) or a plain name."""
    if isinstance(entry, dict):
        name = entry.get("post") or ""
        routing = entry.get("routing") or ""
        return f"{routing}/{name}" if routing and name else name
    return str(entry or "")


def embassy_in(directory: PostDirectory, country_code: str) -> Post | None:
    """The post that delivers a collective's message in a member state: its embassy, else its first post."""
    posts = [p for p in directory.posts_in_country(country_code) if p.kind != "collective"]
    return posts[0] if posts else None


def expand_targets(
    *,
    addressees: Iterable = (),
    collectives: Iterable = (),
    excluded: Iterable = (),
    members_of: Callable[[str], Iterable[str]],
    directory: PostDirectory | None = None,
) -> Expansion:
    """The target posts of a demarche.

    `members_of(organization_code)` gives the country codes of the organization's
    members on the cable's date. Explicit addressees are targets even when XMT
    names them; XMT only narrows collectives.
    """
    directory = directory or default_directory()
    collectives = list(collectives)
    result = Expansion()
    seen: set[str] = set()

    excluded_names: set[str] = set()
    for entry in excluded:
        post = directory.resolve_post(_post_name(entry))
        if post is None:
            result.warnings.append(UNKNOWN_POST.format(name=_post_name(entry)))
            continue
        if post.name not in excluded_names:
            excluded_names.add(post.name)
            result.excluded.append(post.name)

    for entry in addressees:
        post = directory.resolve_post(_post_name(entry))
        if post is None or post.kind == "collective":
            if post is None:
                result.warnings.append(UNKNOWN_POST.format(name=_post_name(entry)))
            else:
                collectives.append(entry)
            continue
        if post.name not in seen:
            seen.add(post.name)
            result.targets.append(TargetSpec(post.name, post.country_code, ADDRESSEE))

    for entry in collectives:
        collective = directory.resolve_post(_post_name(entry))
        if collective is None or collective.kind != "collective":
            result.warnings.append(UNKNOWN_COLLECTIVE.format(name=_post_name(entry)))
            continue
        if not collective.organization_code:
            result.warnings.append(COLLECTIVE_WITHOUT_ORGANIZATION.format(name=collective.name))
            continue
        for country_code in sorted(set(members_of(collective.organization_code))):
            post = embassy_in(directory, country_code)
            if post is None:
                result.warnings.append(
                    NO_POST_IN_COUNTRY.format(country=country_code, organization=collective.organization_code)
                )
                continue
            if post.name in excluded_names or post.name in seen:
                continue
            seen.add(post.name)
            result.targets.append(TargetSpec(post.name, country_code, COLLECTIVE, collective.name))
    return result
