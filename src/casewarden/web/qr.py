"""QR codes as inline SVG (segno), for an authenticator app to scan an otpauth:// URI."""

from __future__ import annotations

import io

import segno
from markupsafe import Markup


def qr_svg(data: str) -> Markup:
    """An SVG QR code of ``data``: paths only, no script or style, so it passes the CSP."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(
        buffer, kind="svg", scale=4, xmldecl=False, svgns=True, nl=False, svgclass="qr"
    )
    # segno writes only numbers and fixed attributes: nothing of ``data`` reaches the markup.
    return Markup(buffer.getvalue().decode("ascii"))  # noqa: S704 - see above
