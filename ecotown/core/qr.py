"""QR codes, drawn server-side as SVG (the qrcode library): shown as an <img> with a data URI,
so that nothing inline meets the Content Security Policy."""

import base64

import qrcode
import qrcode.image.svg


def qr_code_data_uri(text: str) -> str:
    """The QR code of `text` as an SVG data URI."""
    svg = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
