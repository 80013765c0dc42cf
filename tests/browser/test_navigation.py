"""A reader gets around by clicking: from home to a ladder's next step, tags, and a phone screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from drillbook.i18n import words_for

ENGLISH = words_for("en")


def heading(page) -> str:
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


def test_home_to_start_here_to_a_ladder_to_its_next_step(page, site_url, library):
    page.goto(site_url + "/")
    page.locator("article").get_by_role("link", name="Start here").click()
    expect(page).to_have_url(re.compile(r"/start-here/$"))

    page.locator("article a[href*='ladders/']:not([href$='ladders/'])").first.click()
    expect(page).to_have_url(re.compile(r"/ladders/[a-z0-9-]+/$"))
    ladder = library.ladders[page.url.rstrip("/").rsplit("/", 1)[-1]]
    first, second = (library.exercises[step.exercise] for step in ladder.steps[:2])
    assert heading(page) == ladder.name
    expect(page.locator(".db-ladder > li")).to_have_count(len(ladder.steps))

    page.locator(".db-ladder > li").first.get_by_role("link", name=first.name, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/exercises/{first.id}/$"))
    assert heading(page) == first.name

    place = page.locator(
        f"xpath=//article//p[.//a[contains(@href, 'ladders/{ladder.id}/')]]/following-sibling::ul[1]"
    )
    place.locator("li", has_text=re.compile(r"^\s*Next:")).get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/exercises/{second.id}/$"))
    assert heading(page) == second.name


def tag_lists(page) -> dict[str, set[str]]:
    """{tag name: exercise page paths listed under it} as the tags page shows them."""
    return {
        tag: {re.sub(r"^(\.\./)+", "", href) for href in hrefs}
        for tag, hrefs in page.evaluate("""() => Object.fromEntries(
            [...document.querySelectorAll("article h2 .md-tag")].map(tag => [
                tag.textContent.trim(),
                [...(tag.closest("h2").nextElementSibling?.querySelectorAll("a") ?? [])]
                    .map(a => a.getAttribute("href"))])
        )""").items()
    }


def test_tags_page_lists_every_exercise_by_level_equipment_and_muscle(page, site_url, library):
    exercise = min(library.exercises.values(), key=lambda e: e.id)
    page.goto(f"{site_url}/exercises/{exercise.id}/")
    level_tag = f"Level {exercise.level}: {words_for('en')(f'common.level.{exercise.level}')}"
    page.locator(".md-tags").get_by_role("link", name=level_tag, exact=True).click()
    expect(page).to_have_url(re.compile(r"/tags/#tag:"))
    expect(page.locator("article h2 .md-tag", has_text=level_tag)).to_be_in_viewport()

    listed = tag_lists(page)
    for record in library.exercises.values():
        expected = [
            f"Level {record.level}: {words_for('en')(f'common.level.{record.level}')}",
            *(f"Equipment: {item}" for item in record.equipment or ["Bodyweight"]),
            *(f"Muscle: {muscle}" for muscle in record.muscles.primary),
        ]
        for tag in expected:
            assert f"exercises/{record.id}/" in listed.get(tag, set()), (record.id, tag)


@pytest.mark.parametrize("facet", ["levels", "equipment", "muscles"])
def test_browse_pages_group_every_exercise(page, site_url, library, facet):
    page.goto(site_url + "/browse/")
    page.locator("article a[href*='" + facet + "/']").first.click()
    expect(page).to_have_url(re.compile(rf"/browse/{facet}/$"))
    groups = page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll("article h2")].map(h => [
            h.textContent.replace("¶", "").trim(),
            [...(h.nextElementSibling?.querySelectorAll("a") ?? [])].map(a => a.textContent.trim())])
    )""")
    for record in library.exercises.values():
        keys = {
            "levels": [f"{record.level} · {words_for('en')(f'common.level.{record.level}')}"],
            "equipment": record.equipment or ["Bodyweight"],
            "muscles": [m.capitalize() for m in (*record.muscles.primary, *record.muscles.secondary)],
        }[facet]
        for key in keys:
            assert record.name in groups.get(key, []), (facet, key, record.id)


def test_pages_fit_a_375px_phone_without_sideways_scrolling(browser, site_url, library):
    paths = [
        "/",
        "/start-here/",
        "/exercises/",
        "/faults/",
        "/ladders/",
        "/browse/muscles/",
        "/tags/",
        *(f"/exercises/{key}/" for key in sorted(library.exercises)),
        *(f"/faults/{key}/" for key in sorted(library.faults)),
        *(f"/ladders/{key}/" for key in sorted(library.ladders)),
    ]
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    too_wide = {}
    try:
        tab = context.new_page()
        for path in paths:
            tab.goto(site_url + path)
            width = tab.evaluate("() => document.documentElement.scrollWidth")
            if width > 375:
                too_wide[path] = width
    finally:
        context.close()
    assert too_wide == {}
