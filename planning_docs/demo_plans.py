# ruff: noqa: E501 - long literal facts read better unbroken
"""The demo plans' facts: one pilot per trainee, each tied to its country's national policy.

`planning_docs.demo` turns these facts into section texts and rows; kept apart so that the seeding
logic stays readable.
"""

# fmt: off
PLANS = {
    "trainee01": {
        "title": "Hai Phong industrial symbiosis pilot at Dinh Vu",
        "site": "Dinh Vu industrial zone", "region": "Hai Phong", "theme": "industrial symbiosis",
        "policy": "the Law on Environmental Protection 2020 and its extended producer "
                  "responsibility rules (Decree 08/2022)",
        "strategy": "the National Strategy on Circular Economy",
        "baseline": "The 120 firms of the zone send about 310,000 tonnes of industrial by-products "
                    "a year to landfill, among them 95,000 tonnes of steel slag and 40,000 tonnes "
                    "of fly ash.",
        "chain": "steel slag to cement, fly ash to bricks, waste heat to the fish-processing plants",
        "partners": "Hai Phong People's Committee, DEEP C industrial zones, Hai Phong University",
        "currency": "USD", "start": 2027,
    },
    "trainee02": {
        "title": "Compostage municipal à Dakar: diverting organic waste from Mbeubeuss",
        "site": "Mbeubeuss landfill and three markets", "region": "Dakar", "theme": "municipal composting",
        "policy": "the Code de l'environnement (Law 2023-15) and the Programme national de gestion "
                  "des déchets (PROMOGED)",
        "strategy": "the Plan Sénégal Émergent",
        "baseline": "Dakar produces about 2,400 tonnes of waste a day; some 60% is organic and "
                    "almost all of it reaches the Mbeubeuss dump, where 2,000 waste pickers work.",
        "chain": "market waste to windrow composting, compost to market gardens in the Niayes",
        "partners": "UCG (Unité de coordination de la gestion des déchets), Dakar city council, "
                    "Université Cheikh Anta Diop, the waste pickers' association Bokk Diom",
        "currency": "USD", "start": 2027,
    },
    "trainee03": {
        "title": "E-waste recycling park for Pune under the E-Waste (Management) Rules 2022",
        "site": "Chakan industrial area", "region": "Pune, Maharashtra", "theme": "e-waste recycling",
        "policy": "the E-Waste (Management) Rules 2022 and extended producer responsibility "
                  "certificates traded through the CPCB portal",
        "strategy": "स्वच्छ भारत मिशन (Swachh Bharat Mission, the Clean India Mission)",
        "quote": "> \"कचरे से कंचन\" (from waste to gold) is how the Pune Municipal Corporation "
                 "describes its goal for recovered metals.",
        "baseline": "Pune generates an estimated 25,000 tonnes of e-waste a year; fewer than a fifth "
                    "reach registered recyclers, the rest is dismantled informally with open "
                    "burning of cables.",
        "chain": "collection centres to manual dismantling, printed circuit boards to a precious-"
                 "metal refinery, plastics to compounders",
        "partners": "Pune Municipal Corporation, Maharashtra Pollution Control Board, MIDC, "
                    "College of Engineering Pune, the SWaCH cooperative of waste pickers",
        "currency": "INR", "start": 2027,
    },
    "trainee04": {
        "title": "天津子牙 end-of-life vehicle recycling and industrial symbiosis pilot",
        "site": "Ziya Circular Economy Industrial Park", "region": "Tianjin",
        "theme": "end-of-life vehicles and industrial symbiosis",
        "policy": "the Circular Economy Promotion Law (《循环经济促进法》) and the 2019 Measures for "
                  "the Administration of the Recycling of End-of-Life Motor Vehicles",
        "strategy": "the national \"zero-waste city\" (无废城市) pilot programme",
        "quote": "> 《循环经济促进法》第二条: 本法所称循环经济，是指在生产、流通和消费等过程中进行的"
                 "减量化、再利用、资源化活动的总称。",
        "baseline": "Tianjin deregisters about 150,000 vehicles a year; the park dismantles 60,000, "
                    "and the shredder residue (about 25% of a car's weight) is landfilled.",
        "chain": "dismantling to parts remanufacturing, shredder residue to fuel for the park's "
                 "cement kiln, batteries to certified recyclers",
        "partners": "Tianjin Municipal Ecology and Environment Bureau, Jinghai district, the park's "
                    "operators, Nankai University",
        "currency": "CNY", "start": 2027,
    },
    "trainee05": {
        "title": "Surabaya plastics recovery and marine debris pilot",
        "site": "Benowo", "region": "Surabaya, East Java", "theme": "plastics recycling",
        "policy": "Presidential Regulation 83/2018 on Marine Debris and Ministerial Regulation "
                  "P.75/2019 on producers' waste reduction roadmaps",
        "strategy": "the national target of 70% less marine plastic debris",
        "baseline": "Surabaya collects about 1,600 tonnes of waste a day; plastics are 17% of it "
                    "and much of the film plastic ends in the Brantas river.",
        "chain": "waste banks (bank sampah) to sorting, PET and HDPE to flake washing, film to "
                 "pyrolysis trials",
        "partners": "Surabaya city government, East Java province, Institut Teknologi Sepuluh "
                    "Nopember, the waste bank network",
        "currency": "USD", "start": 2027,
    },
    "trainee06": {
        "title": "Construction and demolition waste recycling for 10th of Ramadan City",
        "site": "10th of Ramadan City", "region": "Sharqia", "theme": "construction waste",
        "policy": "the Waste Management Regulation Law No. 202 of 2020 "
                  "(قانون تنظيم إدارة المخلفات رقم 202 لسنة 2020)",
        "strategy": "Egypt Vision 2030",
        "quote": "> «إدارة المخلفات إدارة متكاملة وآمنة» (integrated and safe waste management), "
                 "the principle of Article 2 of the law.",
        "baseline": "Greater Cairo produces tens of millions of tonnes of construction and "
                    "demolition waste a year; most is dumped at road sides and desert edges.",
        "chain": "licensed collection to a crushing and screening plant, recycled aggregate to "
                 "road bases and paving blocks",
        "partners": "Waste Management Regulatory Agency (WMRA), New Urban Communities Authority, "
                    "city contractors, Zagazig University",
        "currency": "USD", "start": 2027,
    },
    "trainee07": {
        "title": "Accra e-waste collection and dismantling centre",
        "site": "Old Fadama (Agbogbloshie)", "region": "Greater Accra", "theme": "e-waste recycling",
        "policy": "the Hazardous and Electronic Waste Control and Management Act, 2016 (Act 917)",
        "strategy": "the National Plastics Management Policy and the e-waste eco-levy",
        "baseline": "Ghana imports about 150,000 tonnes of used electronics a year; cables are "
                    "burned in the open to recover copper.",
        "chain": "incentive-based collection to cable stripping machines, boards to export under "
                 "Basel rules",
        "partners": "EPA Ghana, Accra Metropolitan Assembly, the scrap dealers' association, "
                    "University of Ghana",
        "currency": "USD", "start": 2027,
    },
    "trainee08": {
        "title": "Addis Ababa organic waste and composting pilot",
        "site": "Koshe (Reppie) and Kolfe markets", "region": "Addis Ababa",
        "theme": "municipal composting",
        "policy": "the Solid Waste Management Proclamation No. 513/2007",
        "strategy": "the Climate Resilient Green Economy strategy",
        "baseline": "Addis Ababa generates about 2,800 tonnes a day, roughly half organic.",
        "chain": "market and household organics to compost plants, compost to urban agriculture",
        "partners": "Addis Ababa Sanitation Administration Agency, micro and small enterprises, "
                    "Addis Ababa University",
        "currency": "USD", "start": 2027,
    },
    "trainee09": {
        "title": "Phnom Penh plastics and organic waste separation pilot",
        "site": "Dangkao landfill catchment", "region": "Phnom Penh", "theme": "plastics recycling",
        "policy": "Sub-decree 113 on Garbage and Solid Waste Management in Urban Areas (2015)",
        "strategy": "the Circular Economy Strategy and Action Plan 2021-2035",
        "baseline": "Phnom Penh generates about 3,000 tonnes a day.",
        "chain": "separation at source to sorting, plastics to pelletising",
        "partners": "Phnom Penh Capital Administration, collection contractors",
        "currency": "USD", "start": 2027,
    },
    "trainee10": {
        "title": "Matola end-of-life vehicles and scrap metal pilot",
        "site": "Matola industrial zone", "region": "Maputo province",
        "theme": "end-of-life vehicles",
        "policy": "Decree 94/2014 on urban solid waste management",
        "strategy": "the Estratégia Nacional de Gestão Integrada de Resíduos Sólidos Urbanos",
        "baseline": "Thousands of abandoned vehicles lie on Maputo's streets and in yards.",
        "chain": "depollution of fluids, dismantling, scrap steel to the Matola foundry",
        "partners": "Ministério da Terra e Ambiente, Matola municipal council, scrap dealers",
        "currency": "USD", "start": 2027,
    },
    "trainee11": {
        "title": "Thimphu construction waste recovery pilot",
        "site": "Memelakha", "region": "Thimphu", "theme": "construction waste",
        "policy": "the Waste Prevention and Management Act 2009",
        "strategy": "the national commitment to stay carbon neutral",
        "baseline": "Thimphu's building boom sends construction waste down steep slopes.",
        "chain": "sorting at site, crushing of concrete and stone for reuse",
        "partners": "Thimphu Thromde, the National Environment Commission, contractors",
        "currency": "USD", "start": 2027,
    },
    "trainee12": {
        "title": "Nairobi Dandora plastics recovery pilot",
        "site": "Dandora dumpsite", "region": "Nairobi", "theme": "plastics recycling",
        "policy": "the Sustainable Waste Management Act 2022 and its extended producer "
                  "responsibility regulations",
        "strategy": "Kenya Vision 2030",
        "baseline": "Nairobi generates about 2,400 tonnes a day; Dandora receives most of it.",
        "chain": "material recovery facility, PET flakes to regional recyclers",
        "partners": "Nairobi City County, the Kenya Plastics Pact, recycling SMEs, "
                    "University of Nairobi",
        "currency": "KES", "start": 2027,
    },
}
# fmt: on

# What each plan reaches in the workflow (review and approval arrive with expert reviews).
STAGES = {
    "trainee01": "half",
    "trainee02": "submitted",
    "trainee03": "submitted",
    "trainee04": "submitted",
    "trainee05": "two_versions",
    "trainee06": "two_versions",
    "trainee07": "complete_draft",
    "trainee08": "submitted",
    "trainee09": "half",
    "trainee10": "submitted",
    "trainee11": "started",
    "trainee12": "two_versions",
}
