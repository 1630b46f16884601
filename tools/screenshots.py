"""Write the screenshots the user guides use: the main screens of each role, at both widths.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots]

Starts casewarden on a fresh SQLite file in a temporary directory, seeded with the same
made-up day the browser suite walks (tests/functional/browser_walk.py: comments the engine
hid, a locate lead, visits, a privacy request), signs in as each role in real Chromium
(/usr/bin/chromium) and saves one PNG per screen and width. The PNGs are reduced to a
small palette so that committing them stays cheap.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: Per role, the screens its guide shows: (file name, address; {comment} and {lead} filled in).
SCREENS: dict[str, list[tuple[str, str]]] = {
    "page_moderator": [
        ("moderator-queue", "/console/moderation"),
        ("moderator-comment", "{comment}"),
    ],
    "supervisor": [
        ("supervisor-home", "/console/"),
        ("supervisor-threats", "/console/moderation/threats"),
        ("supervisor-figures", "/console/moderation/dashboard"),
    ],
    "caseworker": [
        ("caseworker-leads", "/console/locate"),
        ("caseworker-lead", "{lead}"),
    ],
    "admin": [
        ("administrator-accounts", "/console/accounts"),
        ("administrator-audit", "/console/audit"),
    ],
}
WIDTHS = {"desktop": (1366, 768), "phone": (390, 844)}
CHROMIUM = "/usr/bin/chromium"
#: Colours kept in each PNG: the console uses few, and 64 keeps text crisp.
PALETTE = 64


def _shrink(path: Path) -> None:
    """Re-save a screenshot with a small palette (a tenth of the size, the same to read)."""
    from PIL import Image

    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=PALETTE)
    reduced.save(path, optimize=True)


def main() -> int:
    """Seed a server, walk each role's screens at both widths, write the PNGs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"No Chromium at {CHROMIUM} (Debian package 'chromium').", file=sys.stderr)
        return 1

    from playwright.sync_api import sync_playwright
    from tests.functional.browser_walk import agency_day, sign_in

    from casewarden.accounts.roles import Role

    args.out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as tmp,
        agency_day(Path(tmp)) as day,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_context().new_page()
        places = {
            "comment": next(p for p in day.records if "/moderation/comments/" in p),
            "lead": next(p for p in day.records if "/locate/leads/" in p),
        }
        for role, screens in SCREENS.items():
            sign_in(page, day.server.url, day.usernames[Role(role)])
            for name, address in screens:
                page.goto(day.server.url + address.format(**places))
                for label, (width, height) in WIDTHS.items():
                    page.set_viewport_size({"width": width, "height": height})
                    target = args.out / f"{name}-{label}.png"
                    page.screenshot(path=str(target))
                    _shrink(target)
                    print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
