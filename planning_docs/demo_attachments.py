"""Demo figures and annex: a site map and a process flow drawn with Pillow, and a one-page
letter of intent written as a PDF. Every byte is the same on every run (no dates, no randomness),
so that seeding twice stores the same files under the same names."""

import io

from PIL import Image, ImageDraw

from ecotown.core.demo_files import text_pdf
from ecotown.core.models import User
from planning_docs.attachments import annex_add, figure_add
from planning_docs.models import Plan
from planning_docs.services import section_save

INK, PAPER, ROAD, GREEN, ACCENT = "#23313a", "#f7f5ef", "#b9b4a8", "#9cc7a4", "#1f5c3a"


def _png(image: Image.Image) -> bytes:
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def site_map_png() -> bytes:
    """A plan of the pilot site: plots along two roads, the river, a legend."""
    image = Image.new("RGB", (960, 640), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 520, 960, 600), fill="#a9cbe0")  # the river
    draw.text((20, 560), "River", fill=INK)
    draw.rectangle((0, 250, 960, 290), fill=ROAD)
    draw.rectangle((440, 0, 480, 520), fill=ROAD)
    plots = [
        ((40, 40, 400, 220), "A  Dismantling halls"),
        ((520, 40, 920, 220), "B  Parts remanufacturing"),
        ((40, 320, 400, 500), "C  Shredder and residue sorting"),
        ((520, 320, 760, 500), "D  Cement kiln (fuel from residue)"),
        ((780, 320, 920, 500), "E  Training"),
    ]
    for box, label in plots:
        draw.rectangle(box, fill=GREEN, outline=ACCENT, width=3)
        draw.text((box[0] + 12, box[1] + 12), label, fill=INK)
    draw.text((800, 610), "N ^   0 ---- 200 m", fill=INK)
    return _png(image)


def process_flow_png() -> bytes:
    """The recycling chain: boxes joined by arrows, left to right."""
    steps = ["Deregistered vehicles", "Dismantling", "Shredding", "Residue to kiln fuel"]
    image = Image.new("RGB", (960, 260), "white")
    draw = ImageDraw.Draw(image)
    width, gap = 190, 60
    for index, step in enumerate(steps):
        left = 20 + index * (width + gap)
        draw.rounded_rectangle(
            (left, 80, left + width, 180), 12, fill=GREEN, outline=ACCENT, width=3
        )
        draw.text((left + 12, 122), step, fill=INK)
        if index < len(steps) - 1:
            start, end = left + width + 6, left + width + gap - 6
            draw.line((start, 130, end, 130), fill=INK, width=4)
            draw.polygon(((end, 130), (end - 14, 120), (end - 14, 140)), fill=INK)
    draw.text((20, 210), "Parts -> remanufacturing; batteries -> certified recyclers", fill=INK)
    return _png(image)


LETTER = [
    "Tianjin Ziya Circular Economy Industrial Park Administration Committee",
    "",
    "LETTER OF INTENT",
    "",
    "The Park Administration Committee supports the pilot project on end-of-life",
    "vehicle recycling and industrial symbiosis described in the attached plan,",
    "and intends to provide the land for plots A to E and to share the costs of",
    "the feasibility study as set out in the financing plan.",
    "",
    "Signed for the Committee, Director of Planning",
]


def attach(plan: Plan, *, actor: User) -> None:
    """The site map and the process flow placed in their sections, and the letter of intent."""
    site = figure_add(
        plan=plan,
        content=site_map_png(),
        name="site-map.png",
        declared_type="image/png",
        caption="Site plan of the pilot in the Ziya Circular Economy Industrial Park",
        alt="Plan of the park: five plots (dismantling, remanufacturing, shredding, cement kiln, "
        "training) along two crossing roads, with the river to the south.",
        actor=actor,
    )
    flow = figure_add(
        plan=plan,
        content=process_flow_png(),
        name="process-flow.png",
        declared_type="image/png",
        caption="From deregistered vehicles to kiln fuel: the recycling chain",
        alt="Four steps joined by arrows: deregistered vehicles, dismantling, shredding, residue "
        "used as fuel in the cement kiln; parts go to remanufacturing and batteries to "
        "certified recyclers.",
        actor=actor,
    )
    placed = {"pilot-site-and-scope": site, "technologies-and-recycling-chains": flow}
    for draft in plan.drafts.select_related("section").filter(section__key__in=placed):
        body = f"{draft.body.rstrip()}\n\n{placed[draft.section.key].reference}\n"
        section_save(draft=draft, body=body, rows=None, revision=draft.revision, actor=actor)
    annex_add(plan=plan, content=text_pdf(LETTER), title="Letter of intent", actor=actor)
