# ruff: noqa: E501 - long literal sentences read better unbroken
"""A demo plan written in French: its sections' text and rows, for a francophone alumna whose
plan's document language is French (its PDF's headings and labels are French too).

Kept apart from `demo_plans` (English facts turned into English sentences): a plan in another
language is written in that language from the start, not assembled from English parts."""

TITLE = "Compostage municipal à Dakar : détourner les déchets organiques de Mbeubeuss"
SITE = "Décharge de Mbeubeuss et trois marchés"
REGION = "Dakar"

TEXTS = {
    "national-policy-context": (
        "## Place du projet pilote\n\n"
        "Le projet pilote met en œuvre le Code de l'environnement (loi 2023-15) et le Programme "
        "national de gestion des déchets (PROMOGED), et contribue au Plan Sénégal Émergent. C'est "
        "la première étape d'une stratégie nationale : ce qui réussit à Dakar doit pouvoir être "
        "repris par les autres villes du pays.\n\n"
        "Le ministère de l'Environnement porte le volet juridique, le ministère de l'Industrie les "
        "incitations aux entreprises, la ville le foncier, les autorisations et la collecte."
    ),
    "baseline-and-problem": (
        "Dakar produit environ 2 400 tonnes de déchets par jour ; près de 60 % sont organiques et "
        "presque tout finit à la décharge de Mbeubeuss, où travaillent 2 000 récupérateurs.\n\n"
        "**Le problème :** des matières utiles sont perdues et la pollution croît avec "
        "l'économie. Comme Kitakyushu dans les années 1960, la ville doit découpler sa croissance "
        "de la pollution, à partir d'un état initial que l'on pourra mesurer de nouveau."
    ),
    "pilot-site-and-scope": (
        "Le projet pilote porte sur **la décharge de Mbeubeuss et trois marchés** (Dakar). Il "
        "couvre le compostage municipal uniquement : déchets de marché vers un compostage en "
        "andains, compost vers les maraîchers des Niayes.\n\n"
        "- Dans le périmètre : collecte, traitement et vente du compost\n"
        "- Hors périmètre : ordures ménagères en mélange et déchets médicaux dangereux"
    ),
    "legal-framework": (
        "Le projet s'appuie sur le Code de l'environnement (loi 2023-15) et sur le PROMOGED.\n\n"
        "| Lacune | Réponse | Responsable |\n|---|---|---|\n"
        "| Pas de catégorie d'autorisation pour les composteurs | Arrêté ministériel | Ministère de l'Environnement |\n"
        "| Pas de redevance de mise en décharge des déchets organiques | Délibération municipale | Conseil municipal |"
    ),
    "policy-instruments": (
        "1. **Redevance de mise en décharge** croissante chaque année, pour que le compostage "
        "devienne moins cher.\n"
        "2. **Responsabilité élargie du producteur** pour les emballages des marchés.\n"
        "3. **Achats publics verts** : la ville achète le compost pour ses espaces verts.\n"
        "4. *Exonérations fiscales* pour les premiers opérateurs de la filière."
    ),
    "institutions-and-stakeholders": (
        "Partenaires : l'UCG (Unité de coordination de la gestion des déchets), la ville de Dakar, "
        "l'Université Cheikh Anta Diop et l'association de récupérateurs Bokk Diom.\n\n"
        "Selon le modèle de Kitakyushu, collectivités, entreprises, universités et habitants se "
        "réunissent chaque trimestre au sein d'un **conseil de l'écoville** ; les habitants et les "
        "travailleurs informels y ont leur siège."
    ),
    "technologies-and-recycling-chains": (
        "La filière : déchets de marché vers un compostage en andains, compost vers les "
        "maraîchers des Niayes. Nous privilégions des techniques éprouvées et abordables, adaptées "
        "aux déchets locaux, et organisons le site pour que les déchets d'une activité deviennent "
        "la matière d'une autre."
    ),
    "financing-plan": (
        "Les budgets national et local financent le terrain et les premiers équipements ; un don "
        "couvre la formation ; des opérateurs privés investissent dans le cadre d'un partenariat "
        "public-privé et exploitent la plateforme après la phase pilote grâce aux redevances et à "
        "la vente du compost."
    ),
    "implementation-timeline": "Les étapes juridiques d'abord, puis les achats et les travaux.",
    "monitoring-indicators": "Mesurés chaque année par la ville et l'université.",
    "risks": (
        "| Risque | Probabilité | Impact | Réponse |\n|---|---|---|---|\n"
        "| Le prix du compost baisse | moyenne | élevé | contrats d'achat à long terme |\n"
        "| Un partenaire se retire | faible | élevé | le conseil de l'écoville le remplace |\n"
        "| Les récupérateurs perdent leurs revenus | moyenne | moyen | emplois et formation sur la plateforme |"
    ),
    "transboundary-waste-and-basel": (
        "Le projet n'importe ni n'exporte de déchets. Si des fractions ne pouvaient pas être "
        "traitées au Sénégal, elles ne seraient exportées qu'avec le consentement préalable en "
        "connaissance de cause prévu par la **Convention de Bâle**, vers des installations à "
        "gestion écologiquement rationnelle."
    ),
}

FINANCING = [
    ("Préparation du terrain et bâtiments", "local_budget", 600_000),
    ("Équipements de compostage", "national_budget", 1_400_000),
    ("Formation et conseil de l'écoville", "donor", 250_000),
    ("Exploitation de la plateforme", "ppp", 900_000),
    ("Véhicules de collecte", "private", 350_000),
]
TIMELINE = [
    ("Textes juridiques adoptés", "01-01", "06-30", 0, "Ministère de l'Environnement"),
    ("Achat des équipements", "04-01", "12-31", 0, "Service des marchés de la ville"),
    ("Construction de la plateforme", "01-01", "12-31", 1, "Opérateur du PPP"),
    ("Mise en service", "01-01", "06-30", 2, "Opérateur du PPP"),
    ("Évaluation et plan de diffusion nationale", "07-01", "12-31", 2, "Université"),
]
INDICATORS = [
    ("Compost produit", "t/an", "0", "12000"),
    ("Déchets organiques détournés de la décharge", "%", "2", "35"),
    ("Emplois formels créés", "emplois", "0", "150"),
]


def rows(kind: str, year: int) -> list[dict]:
    """The plan's rows of a structured section (financing, timeline, indicators), from `year`."""
    if kind == "financing":
        return [
            {"item": item, "source": source, "amount": str(amount), "currency": "USD", "year": year}
            for item, source, amount in FINANCING
        ]
    if kind == "timeline":
        return [
            {"milestone": m, "start": f"{year + y}-{s}", "end": f"{year + y}-{e}", "owner": o}
            for m, s, e, y, o in TIMELINE
        ]
    return [
        {"indicator": i, "unit": u, "baseline": b, "target": t, "year": year + 3}
        for i, u, b, t in INDICATORS
    ]
