"""The demo people. Each app's `demo.py` adds its own objects on top (see seed_demo)."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from ecotown.core import roles

DEMO_PASSWORD = "ecotown-demo"  # noqa: S105 - printed by seed_demo on purpose: demo data only


@dataclass
class DemoContext:
    """What the apps' demo seeders share: the scale and the people made so far."""

    scale: int
    stdout: object
    users: dict = field(default_factory=dict)
    seminars: dict = field(default_factory=dict)


# (username, first name, last name, role, country code, time zone, organisation, position)
# fmt: off
PEOPLE = [
    ("unido", "Maria", "Gruber", roles.COORDINATOR, "AT", "Europe/Vienna",
     "UNIDO, Department of Environment", "Programme officer"),
    ("expert", "Kenji", "Tanaka", roles.EXPERT, "JP", "Asia/Tokyo",
     "City of Kitakyushu, Environment Bureau", "Director, International Environmental Cooperation"),
    ("expert2", "裕子", "中村", roles.EXPERT, "JP", "Asia/Tokyo",
     "Kyushu Institute of Technology", "Professor of environmental engineering"),
    ("expert3", "Hiroshi", "Yamamoto", roles.EXPERT, "JP", "Asia/Tokyo",
     "Kitakyushu Eco-Town Centre", "Senior recycling engineer"),
    ("trainee01", "Thị Lan", "Nguyễn", roles.TRAINEE, "VN", "Asia/Ho_Chi_Minh",
     "Ministry of Natural Resources and Environment", "Deputy director, waste management"),
    ("trainee02", "Aminata", "Sow", roles.TRAINEE, "SN", "Africa/Dakar",
     "Ministère de l'Environnement et du Développement durable", "Chef de division"),
    # trainee02's colleague at the ministry, writing her plan with her (planning_docs/demo.py).
    ("coauthor02", "Ousmane", "Ndiaye", roles.COAUTHOR, "SN", "Africa/Dakar",
     "Ministère de l'Environnement et du Développement durable", "Ingénieur environnement"),
    ("trainee03", "राजेश", "शर्मा", roles.TRAINEE, "IN", "Asia/Kolkata",
     "Ministry of Environment, Forest and Climate Change", "Joint director"),
    ("trainee04", "芳", "王", roles.TRAINEE, "CN", "Asia/Shanghai",
     "Tianjin Municipal Ecology and Environment Bureau", "Senior engineer"),
    ("trainee05", "Siti Nurhaliza", "Rahman", roles.TRAINEE, "ID", "Asia/Jakarta",
     "Ministry of Industry", "Head of green industry section"),
    ("trainee06", "محمد", "الأمين", roles.TRAINEE, "EG", "Africa/Cairo",
     "Egyptian Environmental Affairs Agency", "Industrial pollution specialist"),
    ("trainee07", "Kwame", "Mensah", roles.TRAINEE, "GH", "Africa/Accra",
     "Environmental Protection Agency", "Principal programme officer"),
    ("trainee08", "Tigist", "Bekele", roles.TRAINEE, "ET", "Africa/Addis_Ababa",
     "Ministry of Urban and Infrastructure", "Solid waste expert"),
    ("trainee09", "Sokha", "Chea", roles.TRAINEE, "KH", "Asia/Phnom_Penh",
     "Ministry of Environment", "Deputy director, pollution control"),
    ("trainee10", "Célia", "Macuácua", roles.TRAINEE, "MZ", "Africa/Maputo",
     "Ministério da Terra e Ambiente", "Técnica superior"),
    ("trainee11", "Tshering", "Dorji", roles.TRAINEE, "BT", "Asia/Thimphu",
     "National Environment Commission", "Environment officer"),
    ("trainee12", "Grace Wanjiru", "Kamau", roles.TRAINEE, "KE", "Africa/Nairobi",
     "Nairobi City County, Environment Department", "Chief officer"),
    ("trainee13", "Ayesha", "Siddiqui", roles.TRAINEE, "PK", "Asia/Karachi",
     "Ministry of Climate Change", "Deputy secretary"),
    ("trainee14", "Fatoumata", "Traoré", roles.TRAINEE, "ML", "Africa/Bamako",
     "Agence de l'Environnement et du Développement Durable", "Chargée de programme"),
]
# fmt: on
# Who reads the portal in another language than their browser's: the Kitakyushu expert in
# Japanese, the Senegalese and Malian officers in French, the Egyptian officer in Arabic.
LANGUAGES = {
    "expert": "ja",
    "trainee02": "fr",
    "coauthor02": "fr",
    "trainee14": "fr",
    "trainee06": "ar",
}


def scaled_username(username: str, copy: int) -> str:
    """Copy 0 keeps the real demo names; further copies (for --scale) get a suffix."""
    return username if copy == 0 else f"{username}-x{copy}"


def seed(ctx: DemoContext) -> None:
    User = get_user_model()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ROLE_GROUPS}
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing per user would take minutes

    admin, _ = User.objects.get_or_create(
        username="admin",
        defaults={
            "first_name": "Portal",
            "last_name": "Administrator",
            "email": "admin@example.org",
            "is_staff": True,
            "is_superuser": True,
            "password": password,
            "time_zone": "Europe/Vienna",
        },
    )
    ctx.users["admin"] = admin
    for copy in range(ctx.scale):
        for username, first, last, role, _country, zone, _org, _position in PEOPLE:
            name = scaled_username(username, copy)
            user, _ = User.objects.get_or_create(
                username=name,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "time_zone": zone,
                    "language": LANGUAGES.get(username, ""),
                    "email": f"{name}@example.org",
                    "password": password,
                },
            )
            user.groups.add(groups[role])
            ctx.users[name] = user
