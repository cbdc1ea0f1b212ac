"""The default template's review rubric: six criteria an eco-town plan is judged on."""

from django.db import migrations

TEMPLATE_NAME = "Eco-town pilot project plan"

# (key, title, guidance)
CRITERIA = [
    (
        "policy-fit",
        "Policy fit",
        "Does the pilot serve the national development plan and the country's environmental and "
        "industrial policy, with a ministry owning each part?",
    ),
    (
        "technical-feasibility",
        "Technical feasibility",
        "Are the technologies and recycling chains proven at this scale, with the waste streams, "
        "volumes and buyers of recovered materials known?",
    ),
    (
        "financing-realism",
        "Financing realism",
        "Do the sources, amounts and years add up, with commitments behind them and running costs "
        "covered after the start-up money ends?",
    ),
    (
        "institutional-set-up",
        "Institutional set-up",
        "Are local government, industry, universities and the public each given a role, with "
        "one body accountable for delivery?",
    ),
    (
        "environment-and-basel",
        "Environmental and Basel compliance",
        "Are pollution controls, permits and the transboundary movement of hazardous waste "
        "(the Basel Convention) handled?",
    ),
    (
        "monitoring",
        "Monitoring",
        "Are indicators measurable, with baselines, targets, sources and someone who reports "
        "them each year?",
    ),
]


def add_rubric(apps, schema_editor):
    PlanTemplate = apps.get_model("planning_docs", "PlanTemplate")
    Criterion = apps.get_model("reviews", "Criterion")
    template = PlanTemplate.objects.filter(name=TEMPLATE_NAME).first()
    if template is None:
        return
    for position, (key, title, guidance) in enumerate(CRITERIA, start=1):
        Criterion.objects.get_or_create(
            template=template,
            key=key,
            defaults={"position": position, "title": title, "guidance": guidance},
        )


class Migration(migrations.Migration):
    dependencies = [("reviews", "0002_rubric"), ("planning_docs", "0003_default_eco_town_template")]

    operations = [migrations.RunPython(add_rubric, migrations.RunPython.noop)]
