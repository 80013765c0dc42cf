"""An exercise page, opened in Chromium, shows its content and asks only its own host."""


def test_exercise_page_renders_and_stays_on_its_host(page, site_url):
    page.goto(f"{site_url}/exercises/wall-hip-hinge/")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Wall hip hinge"
    assert page.get_by_role("heading", name="Fault checklist").is_visible()
    foreign = [url for url in page.requested if not url.startswith(site_url)]
    assert foreign == []
