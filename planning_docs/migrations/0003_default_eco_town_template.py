"""The default eco-town plan template: twelve sections drawn from the Kitakyushu model.

Titles and guidance are marked for translation: a plan shows them in its document language
(planning_docs.template_texts)."""

from django.db import migrations
from django.utils.translation import gettext_noop as _

TEMPLATE_NAME = "Eco-town pilot project plan"

# (key, title, kind, word limit, required, guidance)
SECTIONS = [
    (
        "national-policy-context",
        _("National policy context"),
        "prose",
        800,
        True,
        _(
            "Place the pilot in your country's policy: the national development plan, environmental and "
            "industrial policy, and any circular-economy, 3R or green-growth strategy. Kitakyushu's turn "
            "from a polluted steel town to an eco-town began with national law and local will pulling the "
            "same way: show where your pilot fits, and which ministry owns each part."
        ),
    ),
    (
        "baseline-and-problem",
        _("Baseline and problem"),
        "prose",
        800,
        True,
        _(
            "Describe today's situation with numbers: waste generated and collected, recycling rates, "
            "pollution incidents, informal-sector activity, the industries involved. State the problem "
            "the pilot solves and why now. Decoupling growth from pollution starts with a baseline you can "
            "measure again later."
        ),
    ),
    (
        "pilot-site-and-scope",
        _("Pilot site and scope"),
        "prose",
        600,
        True,
        _(
            "Name the site (city or industrial zone), its size, population and industries, and why it was "
            "chosen. Define what the pilot covers and what it does not. Kitakyushu began its Eco-Town on "
            "reclaimed land at Hibikinada with a few plants; a tight first scope is a strength."
        ),
    ),
    (
        "legal-framework",
        _("Legal framework"),
        "prose",
        800,
        True,
        _(
            "List the laws and regulations the pilot relies on (waste management, recycling, extended "
            "producer responsibility, environmental impact assessment, land use) and the gaps. Say which "
            "rules must be drafted or amended, by whom, and how long that takes."
        ),
    ),
    (
        "policy-instruments",
        _("Policy instruments"),
        "prose",
        800,
        True,
        _(
            "Describe the instruments that will make the pilot work: standards, permits, fees and "
            "deposits, subsidies and tax incentives, green public procurement, certification. Explain how "
            "each changes the behaviour of companies, households or local government."
        ),
    ),
    (
        "institutions-and-stakeholders",
        _("Institutions and stakeholders"),
        "prose",
        800,
        True,
        _(
            "Map who does what: local government, industry, universities and research institutes, and the "
            "public (residents, NGOs, the informal sector). Kitakyushu's model rests on the cooperation of "
            "all four; describe the body that coordinates them and how citizens take part."
        ),
    ),
    (
        "technologies-and-recycling-chains",
        _("Technologies and recycling chains"),
        "prose",
        800,
        True,
        _(
            "Describe the recycling chains (collection, sorting, processing, markets for the recovered "
            "materials) and the technologies chosen, with their capacity. Prefer proven, affordable "
            "technology matched to local waste; show where one plant's waste becomes another's input."
        ),
    ),
    (
        "financing-plan",
        _("Financing plan"),
        "financing",
        600,
        True,
        _(
            "Show the cost of the pilot and who pays: national budget, local budget, private investors, "
            "donors and public-private partnerships. Add one row per item and source; the totals per "
            "source and year are computed. Explain how operation is funded after the pilot phase."
        ),
    ),
    (
        "implementation-timeline",
        _("Implementation timeline"),
        "timeline",
        400,
        True,
        _(
            "List the milestones with their start, end and the owner responsible: legal steps, "
            "procurement, construction, start of operation, evaluation. The timeline is drawn as a chart."
        ),
    ),
    (
        "monitoring-indicators",
        _("Monitoring indicators"),
        "indicators",
        400,
        True,
        _(
            "Choose indicators you can measure: tonnes recycled, landfill diverted, emissions avoided, "
            "jobs created, investment attracted. Give each a unit, the baseline, the target and the year."
        ),
    ),
    (
        "risks",
        _("Risks"),
        "prose",
        600,
        True,
        _(
            "Name the main risks (political, financial, technical, social, environmental), their "
            "likelihood and impact, and how each is reduced. Include what happens if a partner withdraws."
        ),
    ),
    (
        "transboundary-waste-and-basel",
        _("Transboundary waste and the Basel Convention"),
        "prose",
        600,
        False,
        _(
            "If the pilot imports or exports waste or recovered materials, explain how it complies with "
            "the Basel Convention (prior informed consent, environmentally sound management) and with "
            "national import rules, and how illegal traffic is prevented."
        ),
    ),
]


def create_template(apps, schema_editor):
    PlanTemplate = apps.get_model("planning_docs", "PlanTemplate")
    TemplateSection = apps.get_model("planning_docs", "TemplateSection")
    template, _ = PlanTemplate.objects.get_or_create(
        name=TEMPLATE_NAME,
        defaults={
            "description": "The default structure of a trainee's pilot eco-town project plan, "
            "following the legal, policy and financing sides of the Kitakyushu model."
        },
    )
    for position, (key, title, kind, limit, required, guidance) in enumerate(SECTIONS, start=1):
        TemplateSection.objects.update_or_create(
            template=template,
            key=key,
            defaults={
                "position": position,
                "title": title,
                "kind": kind,
                "word_limit": limit,
                "required": required,
                "guidance": guidance,
            },
        )


def remove_template(apps, schema_editor):
    apps.get_model("planning_docs", "PlanTemplate").objects.filter(name=TEMPLATE_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("planning_docs", "0002_initial")]

    operations = [migrations.RunPython(create_template, remove_template)]
