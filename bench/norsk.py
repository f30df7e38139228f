"""Word lists for synthetic people: common Norwegian first names, surnames, streets and places.

Combined at random, they make people who do not exist; the municipalities are invented
(numbers in the 46xx-range that no real municipality uses together with these names).
"""

GUTTER = (
    "Jakob", "Emil", "Noah", "Oliver", "Filip", "William", "Lucas", "Liam", "Henrik", "Aksel",
    "Theodor", "Elias", "Kasper", "Magnus", "Johannes", "Isak", "Mathias", "Tobias", "Sander",
    "Håkon", "Søren", "Ørjan", "Ådne", "Mohammed", "Ali", "Oskar", "Even", "Sindre", "Tore",
)
JENTER = (
    "Nora", "Emma", "Ella", "Maja", "Olivia", "Sofie", "Ingrid", "Leah", "Sara", "Frida",
    "Astrid", "Ida", "Tiril", "Aurora", "Hedda", "Live", "Selma", "Amalie", "Mille", "Åse",
    "Sølvi", "Mia", "Thea", "Vilde", "Hanna", "Aisha", "Zara", "Ylva", "Eline", "Kaja",
)
VOKSNE_MENN = (
    "Jan", "Per", "Bjørn", "Ole", "Lars", "Kjell", "Knut", "Arne", "Svein", "Thomas", "Geir",
    "Hans", "Espen", "Morten", "Trond", "Jon Åge", "Øyvind", "Stian", "Rune", "Ahmad", "Tarjei",
)
VOKSNE_KVINNER = (
    "Anne", "Inger", "Kari", "Marit", "Ingrid", "Liv", "Eva", "Berit", "Astrid", "Bjørg",
    "Hilde", "Camilla", "Silje", "Tone", "Randi", "Nina", "Marte", "Guro", "Fatima", "Åshild",
)
ETTERNAVN = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
    "Lund", "Sørensen", "Strand", "Solberg", "Bakken", "Moen", "Ødegård", "Aasen", "Sæther",
    "Bjørnstad", "Lie", "Øvrebø", "Kværnes", "Lindqvist-Hansen", "Ali", "Nguyen", "Østby",
)
GATER = (
    "Storgata", "Kirkeveien", "Skolegata", "Bjørkeveien", "Granlia", "Furuveien", "Solbakken",
    "Åsveien", "Fjordgata", "Strandvegen", "Kløvergata", "Lia", "Sjøgata", "Øvre Bakke",
    "Nedre Ålgård", "Prestegårdsvegen", "Tæraveien", "Myrvegen", "Rådhusgata", "Havnegata",
)
STEDER = (
    ("0557", "Oslo"), ("5003", "Bergen"), ("7010", "Trondheim"), ("4006", "Stavanger"),
    ("9008", "Tromsø"), ("3044", "Drammen"), ("1606", "Fredrikstad"), ("4610", "Kristiansand"),
    ("8006", "Bodø"), ("2317", "Hamar"), ("6002", "Ålesund"), ("2815", "Gjøvik"),
    ("3611", "Kongsberg"), ("5500", "Haugesund"), ("9600", "Hammerfest"), ("6800", "Førde"),
)
KOMMUNER = (
    ("4699", "Fjordvik"), ("4698", "Lyngbø"), ("4697", "Sølvdal"), ("4696", "Åsmarka"),
    ("4695", "Nordheia"), ("4694", "Kvitstrand"),
)
SPRAK = ("arabisk", "somali", "tigrinja", "polsk", "ukrainsk", "dari")
STILLINGER = ("Barnevernskonsulent", "Kontaktperson, barnevernspedagog", "Sosionom",
              "Kontaktperson, barnevernskonsulent", "Fagkonsulent")
